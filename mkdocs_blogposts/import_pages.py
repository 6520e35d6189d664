"""One page of a Hugo or Jekyll site, as MkDocs will read it: front matter in YAML.

Hugo writes front matter in YAML (`---`), TOML (`+++`) or JSON (`{ … }`); MkDocs reads
YAML only. YAML blocks are kept as written (keys the importer adds go at their end);
TOML and JSON ones are read with python-frontmatter's handlers and written as YAML.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from typing import Any

import frontmatter as front_matter_lib  # python-frontmatter
import yaml
from frontmatter.default_handlers import BaseHandler, JSONHandler

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.9 and 3.10
    import tomli as tomllib

_YAML_RE = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)


def read_toml(text: str) -> dict[str, Any]:
    """A TOML document (Hugo's config.toml) as a mapping; ValueError if it is not TOML."""
    data: dict[str, Any] = tomllib.loads(text)
    return data


class TomlHandler(BaseHandler):
    """TOML front matter between `+++` lines, read with the standard library's parser."""

    FM_BOUNDARY = re.compile(r"^\+{3,}\s*$", re.MULTILINE)
    START_DELIMITER = END_DELIMITER = "+++"

    def load(self, fm: str, **kwargs: object) -> Any:
        """The TOML block as a mapping."""
        return tomllib.loads(fm)

    def export(self, metadata: dict[str, object], **kwargs: object) -> str:
        """Never used: pages are written in YAML."""
        raise NotImplementedError


@dataclass
class SourcePage:
    """A page's front matter and body, and how its front matter was written."""

    data: dict[str, Any]
    body: str
    form: str  # 'yaml', 'toml', 'json' or 'none'
    yaml_block: str = ""
    added: dict[str, Any] = field(default_factory=dict)
    body_line: int = 1  # the line of the file where the body starts

    def text(self) -> str:
        """The page as MkDocs reads it: YAML front matter, then the body."""
        if self.form == "none" and not self.added:
            return self.body
        if self.form == "yaml":
            extra = yaml.safe_dump(self.added, allow_unicode=True, sort_keys=False) \
                if self.added else ""
            return f"---\n{self.yaml_block}{extra}---\n{self.body}"
        data = {**self.data, **self.added}
        dumped = yaml.safe_dump(data, allow_unicode=True, sort_keys=False) if data else ""
        return f"---\n{dumped}---\n{self.body}"


def read_page(text: str) -> SourcePage:
    """Split a page into front matter and body; ValueError says why its front matter is bad."""
    text = text.lstrip("\ufeff")
    found = _YAML_RE.match(text)
    if found:
        block = found.group(1) or ""
        try:
            data = yaml.safe_load(block) or {}
        except yaml.YAMLError as error:
            raise ValueError(f"its YAML front matter cannot be read ({error})") from None
        if not isinstance(data, dict):
            raise ValueError("its YAML front matter is not a mapping of keys to values")
        return SourcePage(data, text[found.end():], "yaml", block,
                          body_line=text.count("\n", 0, found.end()) + 1)
    handler: BaseHandler | None = None
    if text.startswith("+++"):
        handler, form = TomlHandler(), "toml"
    elif text.startswith("{"):
        handler, form = JSONHandler(), "json"
    if handler is None:
        return SourcePage({}, text, "none")
    try:
        post = front_matter_lib.loads(text, handler=handler)
    except Exception as error:  # tomllib, json and the split raise their own kinds
        raise ValueError(f"its {form.upper()} front matter cannot be read ({error})") from None
    body = post.content
    return SourcePage(dict(post.metadata), body + ("\n" if not body.endswith("\n") else ""),
                      form, body_line=text[: len(text) - len(body)].count("\n") + 1)
