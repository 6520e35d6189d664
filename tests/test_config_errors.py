"""A wrong plugin option is reported by MkDocs' own config validation, naming the option."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from mkdocs import exceptions
from mkdocs.config import load_config

PLUGIN = "Config value 'plugins': Plugin 'blogposts' option"
BOOLEAN = "(a yes/no value: quote it to mean text)"
BLOG_DIR = ("must be a folder inside docs_dir such as 'blog' or 'news/posts' "
            "(no '..', '%', ':', '?', '#'), got")


class _Keep(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.levelname}: {record.getMessage()}")


def load(tmp_path: Path, options: dict[str, Any]) -> tuple[list[str], bool]:
    """Load a config with these plugin options; return MkDocs' messages and whether it failed."""
    (tmp_path / "docs").mkdir(exist_ok=True)
    config = {"site_name": "Options", "plugins": [{"blogposts": options}]}
    path = tmp_path / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    keep = _Keep()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(keep)
    try:
        load_config(str(path))
    except exceptions.Abort:
        return keep.lines, True
    finally:
        logger.removeHandler(keep)
    return keep.lines, False


ERRORS = [
    ({"match": "post"}, "'match': must be a mapping such as {type: post} or "
                        "{layout: [post, posts]}, got 'post'"),
    ({"match": {}}, "'match': must be a mapping such as {type: post} or "
                    "{layout: [post, posts]}, got a mapping {}"),
    ({"match": {"type": {"a": 1}}}, "'match': 'type' must be a value or a list of values such "
                                    "as post or [post, posts], got a mapping {'a': 1}"),
    ({"match": {"type": []}}, "'match': 'type' must be a value or a list of values such as "
                              "post or [post, posts], got a list []"),
    ({"match": {1: "post"}}, "'match': keys must be front-matter names, got 1"),
    ({"archive": "week"}, "'archive': Expected one of: ('month', 'year') but received: 'week'"),
    ({"per_page": 0}, "'per_page': must be a whole number of 1 or more, got 0"),
    ({"per_page": -3}, "'per_page': must be a whole number of 1 or more, got -3"),
    ({"per_page": "ten"}, "'per_page': must be a whole number of 1 or more, got 'ten'"),
    ({"per_page": True}, f"'per_page': must be a whole number of 1 or more, got true {BOOLEAN}"),
    ({"words_per_minute": 0}, "'words_per_minute': must be a whole number of 1 or more, got 0"),
    ({"feeds": {"limit": 0}}, "'feeds': Sub-option 'limit': must be a whole number of 1 or more, "
                              "got 0"),
    ({"blog_dir": "../x"}, f"'blog_dir': {BLOG_DIR} '../x'"),
    ({"blog_dir": "a/../../x"}, f"'blog_dir': {BLOG_DIR} 'a/../../x'"),
    ({"blog_dir": "%2e%2e"}, f"'blog_dir': {BLOG_DIR} '%2e%2e'"),
    ({"blog_dir": "..\\..\\x"}, f"'blog_dir': {BLOG_DIR} '..\\\\..\\\\x'"),
    ({"blog_dir": "C:\\blog"}, f"'blog_dir': {BLOG_DIR} 'C:\\\\blog'"),
    ({"blog_dir": "blog\0"}, f"'blog_dir': {BLOG_DIR} 'blog\\x00'"),
    ({"blog_dir": ""}, f"'blog_dir': {BLOG_DIR} an empty text"),
    ({"blog_dir": "./."}, f"'blog_dir': {BLOG_DIR} './.'"),
    ({"timezone": "Mars/Olympus"}, "'timezone': must be a time zone such as 'Europe/Paris' or "
                                   "'UTC', got 'Mars/Olympus'"),
    ({"timezone": "../../etc/passwd"}, "'timezone': must be a time zone such as 'Europe/Paris' "
                                       "or 'UTC', got '../../etc/passwd'"),
    ({"languages": ["fr", "english"]}, "'languages': must be a language code such as 'fr' or "
                                       "'pt-BR', got 'english'"),
    ({"languages": ["fr", False]}, "'languages': must be a language code such as 'fr' or "
                                   f"'pt-BR', got false {BOOLEAN}"),
    ({"default_lang": "no way"}, "'default_lang': must be a language code such as 'fr' or "
                                 "'pt-BR', got 'no way'"),
    ({"default_lang": False}, "'default_lang': must be a language code such as 'fr' or "
                              f"'pt-BR', got false {BOOLEAN}"),
    ({"strings": "hello"}, "'strings': must map language codes to tables of texts, such as "
                           "{fr: {read_more: Lire la suite}}, got 'hello'"),
    ({"strings": {"fr": 3}}, "'strings': 'fr' must map string names to texts, got 3"),
    ({"strings": {"french": {}}}, "'strings': keys must be language codes such as 'fr', "
                                  "got 'french'"),
    ({"strings": {"fr": {"read_more": ["a"]}}}, "'strings': 'fr.read_more' must be a text, "
                                                "got a list ['a']"),
    ({"strings": {"fr": {"min_read": "{minuts} min"}}},
     "'strings': 'fr.min_read' may only use {minutes} (as in '{minutes} min read'), "
     "got '{minuts} min'"),
    ({"strings": {"fr": {"min_read": "{minutes"}}},
     "'strings': 'fr.min_read' may only use {minutes} (as in '{minutes} min read'), "
     "got '{minutes'"),
    ({"taxonomies": ["tags", "../x"]}, "'taxonomies': must be front-matter keys such as 'tags' "
                                       "(letters, digits, '-', '_'), got '../x'"),
    ({"taxonomies": "tags"}, "'taxonomies': Expected a list of items, but a <class 'str'> was "
                             "given."),
    ({"post_url": "../{slug}/"},
     "'post_url': must be a path inside the site without '..', '\\', '%', ':', '?' or '#', "
     "such as '{lang}/{yyyy}/{mm}/{slug}/', got '../{slug}/'"),
]


@pytest.mark.parametrize(("options", "message"), ERRORS, ids=[repr(o) for o, _ in ERRORS])
def test_a_wrong_option_is_one_error_naming_it(tmp_path, options, message):
    lines, failed = load(tmp_path, options)
    assert failed
    assert lines == [f"ERROR: {PLUGIN} {message}"]


def test_a_string_name_the_blog_does_not_use_is_a_warning(tmp_path):
    lines, failed = load(tmp_path, {"strings": {"fr": {"reed_more": "Lire"}}})
    assert not failed
    assert lines == [f"WARNING: {PLUGIN} 'strings': 'fr.reed_more' is not a string the blog "
                     "uses; it is ignored"]


def test_a_string_no_template_shows_is_named_as_ignored(tmp_path):
    # Plural strings ('posts_count_few') went with the code that showed counts of posts.
    lines, failed = load(tmp_path, {"strings": {"pl": {"posts_count_few": "{count} wpisy"}}})
    assert not failed
    assert any("'pl.posts_count_few' is not a string the blog uses; it is ignored" in line
               for line in lines), lines


@pytest.mark.parametrize(("options", "attribute", "value"), [
    ({"blog_dir": "/news/posts/"}, "blog_dir", "news/posts"),
    ({"blog_dir": "news\\posts"}, "blog_dir", "news/posts"),
    ({"blog_dir": "."}, "blog_dir", ""),  # Material's blog at the site's root
    ({"languages": ["pt_br", "zh-hant"]}, "languages", ["pt-BR", "zh-Hant"]),
    ({"default_lang": "NO"}, "default_lang", "no"),
    ({"match": {"layout": ["post", "posts"], "draft": False}}, "match",
     {"layout": ["post", "posts"], "draft": [False]}),
])
def test_good_options_are_normalised(tmp_path, options, attribute, value):
    (tmp_path / "docs").mkdir()
    path = tmp_path / "mkdocs.yml"
    path.write_text(yaml.safe_dump({"site_name": "x", "plugins": [{"blogposts": options}]}),
                    encoding="utf-8")
    config = load_config(str(path))
    assert getattr(config.plugins["blogposts"].config, attribute) == value


def test_the_command_line_prints_the_error_without_a_traceback(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: x\nplugins:\n  - blogposts:\n      per_page: 0\n", encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=tmp_path, env=env,
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert (f"ERROR   -  {PLUGIN} 'per_page': must be a whole number of 1 or more, got 0"
            in result.stderr)
    assert "Aborted with a configuration error!" in result.stdout + result.stderr
