"""Read a page's front matter with MkDocs' own rules, and say what is wrong with it."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

import yaml
from mkdocs.utils.meta import YAML_RE, get_data

from .messages import describe

try:
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment,unused-ignore]

_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
# 'key:' lines, also in lists and TOML-style 'key = value' (Hugo), to recognise broken blocks.
_KEY_LINE_RE = re.compile(r"^[ \t]*(?:-[ \t]+)?['\"]?([\w-]+)['\"]?[ \t]*[:=]", re.MULTILINE)
# Keys of a broken block, and MultiMarkdown 'Key: value' lines, are looked for in the first
# 4 KB only: more than any real front matter, and bounded on megabyte-long pages.
_KEY_LINES_WINDOW = 4096
LEFT_OUT = "the post is left out"
# libyaml crashes the whole process (not an exception) on flow collections nested some
# 25,000 deep; MkDocs would too when it reads the page, so such a page must be left out.
_MAX_NESTING = 1000
_BRACKETS_RE = re.compile(r"[\[\]{}]")


class _ImpossibleDate(yaml.YAMLError):
    """A value YAML reads as a date that does not exist, such as 2016-02-30."""

    def __init__(self, text: str, index: int) -> None:
        super().__init__(text)
        self.text = text
        self.index = index


class _StrictKeysLoader(_BaseLoader):
    """MkDocs' safe loader, but remembering keys given twice (MkDocs keeps the last)."""

    duplicate_keys: list[str]

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[object] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            hashable = isinstance(key, (str, int, float, bool))
            if hashable and key in seen:
                self.duplicate_keys.append(str(key))
            if hashable:
                seen.add(key)
        return super().construct_mapping(node, deep=deep)  # type: ignore[no-any-return,unused-ignore]

    def construct_timestamp(self, node: yaml.ScalarNode) -> object:
        """YAML's own dates, but a day that does not exist is named rather than crashing."""
        try:
            return self.construct_yaml_timestamp(node)
        except ValueError:
            raise _ImpossibleDate(str(node.value), node.start_mark.index) from None


_StrictKeysLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _StrictKeysLoader.construct_mapping
)
_StrictKeysLoader.add_constructor(_TIMESTAMP_TAG, _StrictKeysLoader.construct_timestamp)


@dataclass(frozen=True)
class FrontMatter:
    """What a page's front matter holds, and the problems found reading it.

    `readable` is False when MkDocs itself cannot use the front matter (it then shows it
    as text and `page.meta` is empty); `keys` are the keys written in a block that cannot
    be read, found line by line, so that it can still be recognised as a post's; `end` is where the
    page's Markdown starts; `crashes_mkdocs` marks a page MkDocs must not read at all.
    """

    data: dict[str, Any]
    problems: tuple[str, ...] = ()
    readable: bool = True
    keys: frozenset[str] = frozenset()
    end: int = 0
    crashes_mkdocs: bool = False


def _keys_written(block: str) -> frozenset[str]:
    return frozenset(m.group(1) for m in _KEY_LINE_RE.finditer(block, 0, _KEY_LINES_WINDOW))


def _top_key_at(block: str, index: int) -> str | None:
    """The top-level key whose value holds the character at `index` of a YAML block."""
    root = yaml.compose(block, Loader=_StrictKeysLoader)
    if not isinstance(root, yaml.MappingNode):
        return None
    for key_node, value_node in root.value:
        if value_node.start_mark.index <= index <= value_node.end_mark.index:
            return str(key_node.value)
    return None


def _yaml_problem(error: Exception, block: str) -> str:
    """One line saying what is wrong with some YAML, and where."""
    if isinstance(error, _ImpossibleDate):
        key = _top_key_at(block, error.index)
        where = f"'{key}'" if key is not None else "front matter dates"
        return f"{where} must be a date that exists, got {error.text}; {LEFT_OUT}"
    if isinstance(error, RecursionError):
        found = "values nested too deeply to read"
    else:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        # +2: the block starts on the line after the opening '---', and marks count from 0.
        found = f"an error at line {mark.line + 2}: {problem}" if mark is not None else problem
    return f"front matter must be valid YAML, got {found}; {LEFT_OUT}"


def _nesting(block: str) -> int:
    """How deep '[' and '{' nest in a YAML block (counting those in quoted text too)."""
    depth = deepest = 0
    for match in _BRACKETS_RE.finditer(block):
        depth = depth + 1 if match.group() in "[{" else max(depth - 1, 0)
        deepest = max(deepest, depth)
    return deepest


def _unreadable(block: str, problem: str, crashes_mkdocs: bool = False) -> FrontMatter:
    # Only a block that cannot be read needs its `keys`: the others stay in the cache as read.
    return FrontMatter({}, (problem,), readable=False, keys=_keys_written(block),
                       crashes_mkdocs=crashes_mkdocs)


def _load(block: str) -> FrontMatter:
    if _nesting(block) > _MAX_NESTING:
        problem = (f"front matter must nest lists and mappings at most {_MAX_NESTING} deep, "
                   "got deeper ones; the page is left out")
        return _unreadable(block, problem, crashes_mkdocs=True)
    loader = _StrictKeysLoader(block)
    loader.duplicate_keys = []
    try:
        data = loader.get_single_data()
    except (yaml.YAMLError, ValueError, TypeError, RecursionError) as error:
        # MkDocs catches any exception here too and shows the block as text.
        return _unreadable(block, _yaml_problem(error, block))
    finally:
        loader.dispose()
    if data is None:
        return FrontMatter({})
    if not isinstance(data, dict):
        problem = f"front matter must be a mapping of keys to values, got {describe(data)}"
        return _unreadable(block, f"{problem}; {LEFT_OUT}")
    problems = tuple(
        f"'{key}' must be given once, got it {loader.duplicate_keys.count(key) + 1} times; "
        "the last value is used"
        for key in dict.fromkeys(loader.duplicate_keys)
    )
    return FrontMatter({str(key): value for key, value in data.items()}, problems)


def parse_front_matter(text: str) -> FrontMatter:
    """Parse the front matter at the top of `text` exactly where MkDocs would find it.

    `text` is the file as MkDocs reads it (newlines normalised), or its beginning.
    """
    match = YAML_RE.match(text)
    if match is not None:
        return replace(_load(match.group(1)), end=match.end())
    if re.match(r"-{3}[ \t]*\n", text):
        return _unreadable(text, f"front matter must end with a line '---', got none; {LEFT_OUT}")
    # MkDocs also reads MultiMarkdown-style 'Key: value' lines (keys lowercased, text values).
    _, data = get_data(text[:_KEY_LINES_WINDOW])
    return FrontMatter(dict(data))


def matches(data: dict[str, Any], rule: dict[str, list[Any]]) -> bool:
    """Whether front matter `data` satisfies every key of the `match` rule."""
    for key, wanted in rule.items():
        value = data.get(key)
        values = value if isinstance(value, list) else [value]
        if not any(v in wanted for v in values if isinstance(v, (str, int, float, bool))):
            return False
    return True


def may_be_post(front_matter: FrontMatter, rule: dict[str, list[Any]]) -> bool:
    """Whether a page whose front matter cannot be read names the keys of the `match` rule."""
    return bool(rule) and all(key in front_matter.keys for key in rule)
