"""Offline checks of the rules a feed validator applies: required elements, date formats,
absolute URLs, unique ids. Each check returns the problems it found, as sentences."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from datetime import datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
# RFC 3339 date-time: full date, 'T', full time with seconds, and an offset or Z.
RFC3339_RE = re.compile(
    r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$"
)
# RFC 822 as RSS 2.0 uses it (four-digit year allowed): 'Wed, 01 May 2024 09:30:00 +0200'.
RFC822_RE = re.compile(
    r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) "
    r"\d{4} \d{2}:\d{2}:\d{2} ([+-]\d{4}|GMT|UT)$"
)


def is_absolute(url: str | None) -> bool:
    """An http(s) URL with a host."""
    parts = urlsplit(url or "")
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _rfc3339(value: str | None, where: str) -> list[str]:
    if value is None or not RFC3339_RE.match(value):
        return [f"{where}: {value!r} is not an RFC 3339 date-time with a time zone"]
    datetime.fromisoformat(value.replace("Z", "+00:00"))
    return []


def _rfc822(value: str | None, where: str) -> list[str]:
    if value is None or not RFC822_RE.match(value):
        return [f"{where}: {value!r} is not an RFC 822 date with a time zone"]
    parsedate_to_datetime(value)
    return []


def _one(parent: ET.Element, tag: str, where: str) -> tuple[ET.Element | None, list[str]]:
    found = parent.findall(tag)
    if len(found) != 1:
        return None, [f"{where}: expected exactly one {tag}, found {len(found)}"]
    return found[0], []


def _unique(ids: list[str], where: str) -> list[str]:
    return [f"{where}: duplicate ids"] if len(ids) != len(set(ids)) else []


def check_atom(text: str) -> list[str]:
    """RFC 4287: feed and entries with one id, title and updated; authors; links; dates."""
    feed = ET.fromstring(text.encode("utf-8"))
    problems = [] if feed.tag == f"{ATOM}feed" else [f"root is {feed.tag}"]
    for tag in ("id", "title", "updated"):
        element, found = _one(feed, f"{ATOM}{tag}", "feed")
        problems += found
        if tag == "updated" and element is not None:
            problems += _rfc3339(element.text, "feed updated")
    self_links = [link for link in feed.findall(f"{ATOM}link") if link.get("rel") == "self"]
    problems += [] if len(self_links) == 1 else ["feed: expected one link rel=self"]
    entries = feed.findall(f"{ATOM}entry")
    has_author = bool(feed.findall(f"{ATOM}author/{ATOM}name"))
    ids = []
    for number, entry in enumerate(entries, start=1):
        where = f"entry {number}"
        for tag in ("id", "title", "updated"):
            element, found = _one(entry, f"{ATOM}{tag}", where)
            problems += found
            if tag == "id" and element is not None:
                ids.append(element.text or "")
            if tag == "updated" and element is not None:
                problems += _rfc3339(element.text, f"{where} updated")
        published = entry.find(f"{ATOM}published")
        problems += _rfc3339(published.text if published is not None else None,
                             f"{where} published")
        if not (has_author or entry.findall(f"{ATOM}author/{ATOM}name")):
            problems.append(f"{where}: no author and the feed has none")
        alternates = [link.get("href") for link in entry.findall(f"{ATOM}link")
                      if link.get("rel", "alternate") == "alternate"]
        if len(alternates) != 1 or not is_absolute(alternates[0]):
            problems.append(f"{where}: expected one absolute alternate link, got {alternates}")
    for link in feed.iter(f"{ATOM}link"):
        if not is_absolute(link.get("href")):
            problems.append(f"link {link.get('href')!r} is not absolute")
    return problems + _unique(ids, "atom")


def check_rss(text: str) -> list[str]:
    """RSS 2.0: channel title, link and description; items with a title or description."""
    rss = ET.fromstring(text.encode("utf-8"))
    problems = [] if rss.tag == "rss" and rss.get("version") == "2.0" else ["not RSS 2.0"]
    channel, found = _one(rss, "channel", "rss")
    if channel is None:
        return problems + found
    for tag in ("title", "link", "description"):
        element, found = _one(channel, tag, "channel")
        problems += found
        if tag == "link" and element is not None and not is_absolute(element.text):
            problems.append(f"channel link {element.text!r} is not absolute")
    build_date = channel.find("lastBuildDate")
    if build_date is not None:
        problems += _rfc822(build_date.text, "lastBuildDate")
    guids = []
    for number, item in enumerate(channel.findall("item"), start=1):
        where = f"item {number}"
        if item.find("title") is None and item.find("description") is None:
            problems.append(f"{where}: neither title nor description")
        link = item.find("link")
        if link is None or not is_absolute(link.text):
            problems.append(f"{where}: link is missing or not absolute")
        guid = item.find("guid")
        if guid is None or not guid.text:
            problems.append(f"{where}: no guid")
        else:
            guids.append(guid.text)
        date = item.find("pubDate")
        problems += _rfc822(date.text if date is not None else None, f"{where} pubDate")
    return problems + _unique(guids, "rss")


def check_json_feed(text: str) -> list[str]:
    """JSON Feed 1.1: version, title, items; each item an id and content; dates; URLs."""
    feed: dict[str, Any] = json.loads(text)
    problems = [] if feed.get("version") == JSON_FEED_VERSION else ["version is not 1.1"]
    problems += [] if isinstance(feed.get("title"), str) else ["no title"]
    problems += [] if isinstance(feed.get("items"), list) else ["no items"]
    for key in ("home_page_url", "feed_url"):
        if key in feed and not is_absolute(feed[key]):
            problems.append(f"{key} {feed[key]!r} is not absolute")
    ids = []
    for number, item in enumerate(feed.get("items", []), start=1):
        where = f"item {number}"
        if not isinstance(item.get("id"), str) or not item["id"]:
            problems.append(f"{where}: id must be a non-empty string")
        ids.append(str(item.get("id")))
        if not any(isinstance(item.get(key), str) for key in ("content_html", "content_text")):
            problems.append(f"{where}: needs content_html or content_text")
        if "url" in item and not is_absolute(item["url"]):
            problems.append(f"{where}: url {item['url']!r} is not absolute")
        for key in ("date_published", "date_modified"):
            if key in item:
                problems += _rfc3339(item[key], f"{where} {key}")
        for author in [*feed.get("authors", []), *item.get("authors", [])]:
            if not isinstance(author, dict) or not author.keys() & {"name", "url", "avatar"}:
                problems.append(f"{where}: author {author!r} has no name, url or avatar")
    return problems + _unique(ids, "json")


def built_path(site_dir: Path, url: str, site_url: str) -> Path:
    """The file of site_dir that an absolute URL of the site points to."""
    assert url.startswith(site_url), (url, site_url)
    path = unquote(url[len(site_url):].split("#")[0])
    return site_dir / (path + "index.html" if path.endswith("/") or not path else path)
