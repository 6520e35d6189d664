"""Unit tests of the pure readers: dates, languages, slugs, front matter, field values."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from mkdocs_blogposts.collect import UnreadableError, read_head
from mkdocs_blogposts.dates import DateError, date_from_filename, parse_date_string, to_datetime
from mkdocs_blogposts.fields import Report, read_flag, read_slug, read_texts, read_title, read_url
from mkdocs_blogposts.frontmatter import matches, may_be_post, parse_front_matter
from mkdocs_blogposts.languages import language_tag
from mkdocs_blogposts.messages import describe
from mkdocs_blogposts.navigation import titles_in_config
from mkdocs_blogposts.post_reader import PostSettings
from mkdocs_blogposts.post_reader import post_from_front_matter as read_post
from mkdocs_blogposts.slugs import is_safe_segment, slugify
from mkdocs_blogposts.text import clean_text, escape_text, theme_meta

PARIS = ZoneInfo("Europe/Paris")
UTC = timezone.utc


# Dates ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("value", "expected"), [
    ("2016-04-29", datetime(2016, 4, 29, tzinfo=PARIS)),
    ("2016-4-9", datetime(2016, 4, 9, tzinfo=PARIS)),
    ("2015-05-11 10:05:07 +0200", datetime(2015, 5, 11, 10, 5, 7,
                                           tzinfo=timezone(timedelta(hours=2)))),
    ("2015-10-05T17:15:20Z", datetime(2015, 10, 5, 17, 15, 20, tzinfo=UTC)),
    ("2015-10-05T17:15:20.5-03:30", datetime(2015, 10, 5, 17, 15, 20, 500000,
                                             tzinfo=timezone(-timedelta(hours=3, minutes=30)))),
    (date(2016, 4, 29), datetime(2016, 4, 29, tzinfo=PARIS)),
    (datetime(2015, 10, 5, 17, 15), datetime(2015, 10, 5, 17, 15, tzinfo=PARIS)),  # noqa: DTZ001
])
def test_every_date_form_becomes_an_aware_datetime(value, expected):
    found = to_datetime(value, PARIS)
    assert found == expected and found.tzinfo is not None
    assert found.utcoffset() == expected.utcoffset()


@pytest.mark.parametrize(("value", "message"), [
    ("May 1st", "must be a date such as 2024-05-01 or 2024-05-01T09:30:00+02:00, got 'May 1st'"),
    ("2016-02-30", "must be a date that exists, got '2016-02-30'"),
    ("2016-13-01", "must be a date that exists, got '2016-13-01'"),
    ("2016-04-29T25:00", "must be a date that exists, got '2016-04-29T25:00'"),
    ("2016-04-29T10:00+25:00", "must be a date that exists, got '2016-04-29T10:00+25:00'"),
    ("0000-01-01", "must be a date that exists, got '0000-01-01'"),
    (20160429, "must be a date such as 2024-05-01 or 2024-05-01T09:30:00+02:00, got 20160429"),
    (["2016-04-29"], "must be a date such as 2024-05-01 or 2024-05-01T09:30:00+02:00, "
                     "got a list ['2016-04-29']"),
    (True, "must be a date such as 2024-05-01 or 2024-05-01T09:30:00+02:00, "
           "got true (a yes/no value: quote it to mean text)"),
])
def test_dates_that_cannot_be_used_say_why(value, message):
    with pytest.raises(DateError) as error:
        to_datetime(value, PARIS)
    assert str(error.value) == message


def test_dates_at_the_ends_of_the_calendar_that_cannot_be_converted_are_refused():
    with pytest.raises(DateError, match="a moment between 0001-01-01T00:00:00Z and"):
        to_datetime(datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=5))), UTC)
    with pytest.raises(DateError, match="a moment between 0001-01-01T00:00:00Z and"):
        parse_date_string("9999-12-31T23:00-05:00", UTC)


def test_file_names_give_dates_only_when_real():
    assert date_from_filename("2016-04-29-confiance.md", UTC) == datetime(2016, 4, 29,
                                                                          tzinfo=UTC)
    assert date_from_filename("2016-02-30-nope.md", UTC) is None
    assert date_from_filename("confiance.md", UTC) is None


# Languages and slugs ----------------------------------------------------------------------

@pytest.mark.parametrize(("code", "tag"), [
    ("fr", "fr"), ("pt_br", "pt-BR"), ("zh-hant-tw", "zh-Hant-TW"), (" en ", "en"),
    ("es-419", "es-419"), ("English", None), ("en\"><script>", None), ("", None),
    (False, None), (12, None), (["en"], None), ("e", None), ("../fr", None),
])
def test_language_tags(code, tag):
    assert language_tag(code) == tag


@pytest.mark.parametrize(("text", "slug"), [
    ("L'été à Paris !", "l-ete-a-paris"), ("C#", "c"), ("../../etc/passwd", "etc-passwd"),
    ("<script>alert(1)</script>", "script-alert-1-script"), ("日本語", "日本語"),
    ("!!!", ""), ("Œuvre", "oeuvre"), ("a\\b", "a-b"), ("%2e%2e", "2e-2e"),
])
def test_slugs_are_single_safe_segments(text, slug):
    assert slugify(text) == slug
    assert slug == "" or is_safe_segment(slug)


@pytest.mark.parametrize("segment", ["", ".", "..", "a/b", "a\\b", "a\0b", "%2e%2e", "x%2Fy",
                                     "x%5cy"])
def test_unsafe_segments(segment):
    assert not is_safe_segment(segment)


# Front matter -----------------------------------------------------------------------------

def test_front_matter_is_read_where_mkdocs_reads_it():
    parsed = parse_front_matter("---\ntype: post\n2016: ['04']\n---\n# Title\n")
    assert parsed.data == {"type": "post", "2016": ["04"]} and parsed.readable
    assert parsed.problems == () and parsed.end == len("---\ntype: post\n2016: ['04']\n---\n")


@pytest.mark.parametrize(("text", "problem"), [
    ("---\ntitle: \"open\ndate: 2020-01-01\n---\n",
     "front matter must be valid YAML, got an error at line 4: found unexpected end of stream; "
     "the post is left out"),
    ("---\ntitle: x\n  date: 2020-01-01\n---\n",
     "front matter must be valid YAML, got an error at line 3: mapping values are not allowed in "
     "this context; the post is left out"),
    ("---\n- a\n- b\n---\n",
     "front matter must be a mapping of keys to values, got a list ['a', 'b']; "
     "the post is left out"),
    ("---\njust text\n---\n",
     "front matter must be a mapping of keys to values, got 'just text'; the post is left out"),
    ("---\ntype: post\ndate: 2016-02-30\n---\n",
     "'date' must be a date that exists, got 2016-02-30; the post is left out"),
    ("---\ntype: post\nupdated: [2016-02-30]\n---\n",
     "'updated' must be a date that exists, got 2016-02-30; the post is left out"),
    ("---\n- 2016-02-30\n---\n",
     "front matter dates must be a date that exists, got 2016-02-30; the post is left out"),
    ("---\ntype: post\ntitle: x\n\nBody\n",
     "front matter must end with a line '---', got none; the post is left out"),
    ("---\ntype: post\ntags: " + "[" * 1500 + "]" * 1500 + "\n---\n",
     "front matter must nest lists and mappings at most 1000 deep, got deeper ones; "
     "the page is left out"),
])
def test_front_matter_mkdocs_cannot_read_is_explained(text, problem):
    parsed = parse_front_matter(text)
    assert not parsed.readable and parsed.data == {}
    assert parsed.problems == (problem,)


def test_python_tags_are_refused_not_run():
    parsed = parse_front_matter("---\ntitle: !!python/object/apply:os.system ['false']\n---\n")
    assert not parsed.readable
    assert "could not determine a constructor" in parsed.problems[0]


def test_duplicate_keys_keep_the_last_value_as_mkdocs_does():
    parsed = parse_front_matter("---\ntitle: a\ntitle: b\ntitle: c\ntags: [x]\n---\n")
    assert parsed.data["title"] == "c" and parsed.readable
    assert parsed.problems == (
        "'title' must be given once, got it 3 times; the last value is used",
    )


def test_the_block_ends_at_the_first_closing_line_as_in_mkdocs():
    text = "---\ntype: post\n...\ntitle: <b>body</b>\n---\n"
    parsed = parse_front_matter(text)
    assert parsed.data == {"type": "post"} and text[parsed.end:] == "title: <b>body</b>\n---\n"


def test_multimarkdown_meta_is_read_as_mkdocs_reads_it():
    parsed = parse_front_matter("Title: Hello\nType: post\nDate: 2020-01-01\n\nBody\n")
    assert parsed.data == {"title": "Hello", "type": "post", "date": "2020-01-01"}


def test_a_page_without_front_matter_has_none():
    assert parse_front_matter("# Just a page\n").data == {}
    assert parse_front_matter("").data == {}
    assert parse_front_matter("---\n---\n").data == {}


def test_broken_blocks_are_recognised_as_posts_by_the_keys_they_name():
    rule = {"type": ["post"]}
    toml = parse_front_matter('---\ntype = "post"\ntitle = "x"\n---\n')
    listed = parse_front_matter("---\n- type: post\n- title: x\n---\n")
    other = parse_front_matter("---\ntitle: [unclosed\n---\n")
    assert may_be_post(toml, rule) and may_be_post(listed, rule)
    assert not may_be_post(other, rule)


def test_match_rules():
    rule = {"type": ["post", "posts"], "lang": ["fr"]}
    assert matches({"type": "posts", "lang": "fr"}, rule)
    assert matches({"type": ["article", "post"], "lang": "fr"}, rule)
    assert not matches({"type": "post"}, rule)
    assert not matches({"type": {"post": 1}, "lang": "fr"}, rule)


# Values in messages and text --------------------------------------------------------------

def test_values_are_described_briefly_whatever_their_size():
    looped: list[object] = []
    looped.append(looped)
    assert describe(None) == "nothing"
    assert describe("") == "an empty text"
    assert describe(False) == "false (a yes/no value: quote it to mean text)"
    assert describe("a\0b\nc") == "'a\\x00b\\nc'"
    assert describe([date(2016, 4, 29)]) == "a list [2016-04-29]"
    assert describe({"a": {"b": {"c": {"d": 1}}}}) == "a mapping {'a': {'b': {'c': {...}}}}"
    assert len(describe("x" * 10_000_000)) < 80
    assert len(describe(list(range(100_000)))) < 80
    assert describe(looped) == "a list [[[[...]]]]"


def test_text_loses_control_characters_and_lone_surrogates():
    assert clean_text("  Hello\x00 \x1b[1m world\ud800\n\tagain ") == "Hello [1m world again"
    assert clean_text(2024) == "2024"


def test_values_themes_print_raw_are_escaped_for_text_and_attributes():
    assert escape_text('L\'été "<b>" & co') == "L'été &quot;&lt;b&gt;&quot; &amp; co"
    meta = {"title": ["ignored"], "author": ["Ann", '"><img src=x>'], "description": {"a": 1},
            "tags": ["<i>", 2], "hide": ["toc"], "other": "<kept as is>"}
    assert theme_meta(meta, "<script>") == {
        "title": "&lt;script&gt;", "author": "Ann, &quot;&gt;&lt;img src=x&gt;",
        "tags": ["&lt;i&gt;", "2"], "hide": ["toc"], "other": "<kept as is>",
    }


# Fields -----------------------------------------------------------------------------------

def messages(read, data, *args):
    report = Report("posts/a.md")
    value = read(data, report, *args) if args else read(data, report)
    return value, report.messages


def test_title_falls_back_to_the_first_heading_then_the_file_name():
    assert messages(read_title, {"title": "Caf&eacute;&nbsp;!"}, None, "a") == ("Café !", [])
    assert messages(read_title, {}, "Heading", "a") == ("Heading", [])
    assert messages(read_title, {"title": ""}, "Heading", "a") == ("Heading", [
        "posts/a.md: 'title' must be a non-empty text, got an empty text; "
        "using 'Heading' (the first heading)"])
    assert messages(read_title, {"title": ["x"]}, None, "a") == ("a", [
        "posts/a.md: 'title' must be a non-empty text, got a list ['x']; "
        "using 'a' (the file name)"])
    assert messages(read_title, {}, None, "a") == ("a", [
        "posts/a.md: 'title' must be a non-empty text, got nothing; using 'a' (the file name)"])


def test_lists_keep_good_items_and_name_the_bad_ones():
    report = Report("posts/a.md")
    assert read_texts({"tags": ["a", 2, None, ["b"], "a", " "]}, "tags", report) == ("a", "2")
    assert report.messages == ["posts/a.md: 'tags' must be a list of texts, not of lists or "
                               "mappings, got a list ['b']; that item is ignored"]
    assert messages(lambda d, r: read_texts(d, "tags", r), {"tags": "one"}) == (("one",), [])
    assert messages(lambda d, r: read_texts(d, "tags", r), {"tags": {"a": 1}}) == ((), [
        "posts/a.md: 'tags' must be a text or a list of texts, got a mapping {'a': 1}; ignored"])


def test_flags_of_the_wrong_kind_are_taken_in_the_private_sense():
    draft = messages(lambda d, r: read_flag(d, "draft", r, True), {"draft": "no"})
    assert draft == (True, ["posts/a.md: 'draft' must be true or false, got 'no'; taken as true"])
    assert messages(lambda d, r: read_flag(d, "draft", r, True), {}) == (None, [])


@pytest.mark.parametrize("slug", ["../../etc", "/etc/passwd", "%2e%2e", "..\\..\\x", "a\0b",
                                  "a?b", "a#b", "c:x", ".", ["a"]])
def test_unsafe_slugs_are_refused(slug):
    value, problems = messages(lambda d, r: read_slug(d, r, "derived"), {"slug": slug})
    assert value == "derived" and len(problems) == 1
    assert problems[0].startswith("posts/a.md: 'slug' must be a single URL segment")


def test_urls_with_a_script_scheme_are_refused():
    read = lambda d, r: read_url(d, "canonical", r)  # noqa: E731
    assert messages(read, {"canonical": "https://example.org/a/"}) == ("https://example.org/a/",
                                                                      [])
    assert messages(read, {"canonical": "/a/"}) == ("/a/", [])
    report = Report("posts/a.md")
    assert read_url({"canonical": "http//typo.example/"}, "canonical", report) is None
    assert report.messages == []  # a typo found in real blogs: noted, not a warning
    assert report.notes == ["posts/a.md: 'canonical' is not used: it must be an http(s) URL "
                            "such as https://example.com/post/, got 'http//typo.example/'"]
    assert messages(read, {"canonical": "javascript:alert(1)"}) == (None, [
        "posts/a.md: 'canonical' must be an http(s) URL such as https://example.com/post/, "
        "got 'javascript:alert(1)'; ignored"])


SETTINGS = PostSettings(timezone=UTC, default_lang="en", taxonomies=("tags",),
                        translation_keys=("translationKey",),
                        now=datetime(2030, 1, 1, tzinfo=UTC))


def test_a_post_without_a_usable_date_is_left_out_with_one_message():
    post, problems = read_post("posts/a.md", {"type": "post", "title": "A", "date": "May 1st"},
                               SETTINGS)
    assert post is None
    assert problems == ["posts/a.md: 'date' must be a date such as 2024-05-01 or "
                        "2024-05-01T09:30:00+02:00, got 'May 1st'; the post is left out"]


def test_lang_no_is_reported_and_the_language_inferred():
    post, problems = read_post("fr/a.md", {"title": "A", "date": "2020-01-01", "lang": False},
                               SETTINGS)
    assert post is not None and post.lang == "fr"
    assert problems == ["fr/a.md: 'lang' must be a language code such as 'fr' or 'pt-BR', got "
                        "false (a yes/no value: quote it to mean text); using 'fr'"]


# Reading files ----------------------------------------------------------------------------

def test_the_head_of_a_file_is_read_as_mkdocs_reads_it(tmp_path: Path):
    path = tmp_path / "a.md"
    path.write_bytes(b"\xef\xbb\xbf---\r\ntitle: x\r\n---\r\nBody\r")
    assert read_head(str(path)) == ("---\ntitle: x\n---\nBody\n", False)


def test_a_big_file_is_checked_whole_but_only_its_head_is_kept(tmp_path: Path):
    path = tmp_path / "big.md"
    line = "Lorem ipsum é dolor.\n"
    path.write_text("---\ntitle: Big\n---\n" + line * 200_000, encoding="utf-8")
    head, more = read_head(str(path))
    assert more and head.startswith("---\ntitle: Big\n---\n") and head.endswith("\n")
    assert len(head.encode()) <= 256 * 1024


def test_bytes_that_are_not_utf8_are_located_even_far_in_the_file(tmp_path: Path):
    path = tmp_path / "latin1.md"
    prefix = ("x" * 99 + "\n") * 5000
    path.write_bytes(prefix.encode() + "café".encode("latin-1"))
    with pytest.raises(UnreadableError) as error:
        read_head(str(path))
    assert str(error.value) == f"must be UTF-8 text, got the byte 0xe9 at offset {len(prefix) + 3}"
    path.write_bytes(b"abc\xe2\x82")  # a character cut at the end of the file
    with pytest.raises(UnreadableError, match=r"at offset 3$"):
        read_head(str(path))


def test_binary_files_are_recognised(tmp_path: Path):
    path = tmp_path / "image.md"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(UnreadableError, match="got binary data \\(a NUL byte at offset 8\\)"):
        read_head(str(path))


def test_titles_in_config_reads_an_explicit_nav() -> None:
    nav = ["index.md", {"News": "/blog/index.md"},
           {"Sections": [{"Archive": "blog/archive/index.md"}, "about.md",
                         {"Deep": [{"Years": "blog/2020/index.md"}]}]},
           {"Elsewhere": "https://example.org/"}]
    assert titles_in_config(nav) == {"blog/index.md": "News",
                                     "blog/archive/index.md": "Archive",
                                     "blog/2020/index.md": "Years",
                                     "https://example.org/": "Elsewhere"}
    assert titles_in_config(None) == {}
