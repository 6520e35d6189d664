"""Leftovers of Jekyll (Liquid) and Hugo (shortcodes) in Markdown: converted, or reported.

Pure functions: `convert(markdown, context)` returns the Markdown with every tag it knows
turned into Markdown or HTML, the others left out, and a list of what was left out.
Code (fenced blocks, `inline code`) is never touched: there the tags are the text.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .legacy_tags import (
    Leftover,
    LegacyContext,
    code_fence,
    hugo_shortcode,
    liquid_output,
    liquid_tag,
    split_arguments,
)

__all__ = ["Conversion", "Leftover", "LegacyContext", "convert", "report"]

_FENCE_RE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_TOKEN_RE = re.compile(
    r"(?P<ticks>`+)(?P<inline>.*?[^`])(?P=ticks)(?!`)"
    r"|(?P<lone>`+)"
    r"|\{%-?\s*raw\s*-?%\}(?P<raw>.*?)\{%-?\s*endraw\s*-?%\}"
    r"|\{%-?\s*comment\s*-?%\}.*?\{%-?\s*endcomment\s*-?%\}"
    r"|\{%-?\s*highlight\s+(?P<lhl>[^%]*?)\s*-?%\}\n?(?P<lcode>.*?)\{%-?\s*endhighlight\s*-?%\}"
    r"|\{\{[<%]\s*highlight\s+(?P<hhl>.*?)\s*[>%]\}\}\n?(?P<hcode>.*?)"
    r"\{\{[<%]\s*/\s*highlight\s*[>%]\}\}"
    r"|\{\{(?P<hopen>[<%])\s*/\*(?P<hlit>.*?)\*/\s*[>%]\}\}"
    r"|\{\{(?P<hkind>[<%])\s*(?P<hclose>/?)\s*(?P<hname>[\w./-]+)(?P<hargs>.*?)\s*/?\s*[>%]\}\}"
    r"|\{%-?(?P<ltag>.*?)-?%\}"
    r"|\{\{-?(?P<lout>.*?)-?\}\}",
    re.DOTALL,
)
# Jekyll sites write the site's address as these two in a row: one address, not two.
_SITE_ADDRESS_RE = re.compile(r"\{\{-?\s*site\.url\s*-?\}\}\{\{-?\s*site\.baseurl\s*-?\}\}")


@dataclass
class Conversion:
    """The converted Markdown and the tags left out of it."""

    markdown: str
    leftovers: list[Leftover] = field(default_factory=list)


def _chunks(markdown: str) -> list[tuple[bool, str]]:
    """The Markdown cut into (is_code, text) pieces at fenced code blocks."""
    chunks: list[tuple[bool, str]] = []
    text: list[str] = []
    code: list[str] = []
    fence = ""
    for line in markdown.splitlines(keepends=True):
        found = _FENCE_RE.match(line)
        if not fence and found:
            chunks.append((False, "".join(text)))
            text, code, fence = [], [line], found.group(1)
        elif fence:
            code.append(line)
            if found and found.group(1)[0] == fence[0] and len(found.group(1)) >= len(fence) \
                    and not line.strip().lstrip(fence[0]):
                chunks.append((True, "".join(code)))
                code, fence = [], ""
        else:
            text.append(line)
    chunks.append((True, "".join(code)) if fence else (False, "".join(text)))
    return [chunk for chunk in chunks if chunk[1]]


def _in_link(text: str, start: int) -> bool:
    """Whether a tag at `start` is a Markdown link's target: '](…' or '[ref]: …'."""
    before = text[max(0, start - 200):start]
    return before.endswith(("](", "](<")) or bool(re.search(r"^ {0,3}\[[^\]]+\]:[ \t]*$",
                                                             before, re.MULTILINE))


def _convert_text(text: str, first_line: int, context: LegacyContext,
                  leftovers: list[Leftover]) -> str:
    text = _SITE_ADDRESS_RE.sub("{{ site.url }}", text)

    def replace(match: re.Match[str]) -> str:
        groups = match.groupdict()
        line = first_line + text.count("\n", 0, match.start())
        if groups["inline"] is not None or groups["lone"] is not None:
            return match.group(0)
        if groups["raw"] is not None:
            return groups["raw"]
        if groups["lcode"] is not None:
            return code_fence(groups["lcode"], split_arguments(groups["lhl"]))
        if groups["hcode"] is not None:
            return code_fence(groups["hcode"], split_arguments(groups["hhl"]))
        if groups["hlit"] is not None:
            return "{{" + groups["hopen"] + groups["hlit"] + (">" if groups["hopen"] == "<"
                                                               else "%") + "}}"
        in_link = _in_link(text, match.start())
        if groups["hname"] is not None:
            if groups["hclose"]:
                return ""  # the opening tag was converted or reported
            converted, leftover = hugo_shortcode(groups["hkind"], groups["hname"],
                                                 groups["hargs"], context, in_link)
        elif groups["ltag"] is not None:
            converted, leftover = liquid_tag(groups["ltag"], context, in_link)
        elif groups["lout"] is not None:
            converted, leftover = liquid_output(groups["lout"], context, in_link)
        else:
            return ""  # a Liquid comment
        if leftover is not None:
            leftovers.append(Leftover(line, leftover[0], leftover[1]))
        return converted

    return _TOKEN_RE.sub(replace, text)


def convert(markdown: str, context: LegacyContext) -> Conversion:
    """Convert the Liquid and shortcodes of one page's Markdown; note what is left out."""
    if "{{" not in markdown and "{%" not in markdown:
        return Conversion(markdown)
    result = Conversion("")
    parts: list[str] = []
    line = 1
    for is_code, chunk in _chunks(markdown):
        parts.append(chunk if is_code else _convert_text(chunk, line, context,
                                                         result.leftovers))
        line += chunk.count("\n")
    result.markdown = "".join(parts)
    return result


def _group(count: int, noun: str, labels: Counter[str]) -> str:
    kinds = [label if len(labels) == 1 and number == 1 else f"{label} ×{number}"
             for label, number in sorted(labels.items(), key=lambda item: (-item[1], item[0]))]
    return f"{count} {noun}{'s' if count > 1 else ''} ({', '.join(kinds)})"


def report(src_uri: str, leftovers: list[Leftover]) -> str | None:
    """One message for a page's left-out tags, counted by kind; None if there are none."""
    groups = []
    for engine, noun in (("liquid", "Liquid tag"), ("hugo", "Hugo shortcode")):
        labels = Counter(item.label for item in leftovers if item.engine == engine)
        if labels:
            groups.append(_group(sum(labels.values()), noun, labels))
    if not groups:
        return None
    return f"{src_uri}: {' and '.join(groups)} cannot be converted; they are left out of the page"
