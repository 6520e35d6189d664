"""Read a page's front matter with MkDocs' own rules, and say what is wrong with it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml
from mkdocs.utils.meta import YAML_RE

try:
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment,unused-ignore]


class _StrictKeysLoader(_BaseLoader):
    """MkDocs' safe loader, but remembering keys given twice (MkDocs keeps the last)."""

    duplicate_keys: list[str]

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[object] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if isinstance(key, (str, int, float, bool)) and key in seen:
                self.duplicate_keys.append(str(key))
            if isinstance(key, (str, int, float, bool)):
                seen.add(key)
        return super().construct_mapping(node, deep=deep)  # type: ignore[no-any-return,unused-ignore]


_StrictKeysLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _StrictKeysLoader.construct_mapping
)


@dataclass(frozen=True)
class FrontMatter:
    """What a page's front matter holds, and the problems found reading it."""

    data: dict[str, Any]
    problems: tuple[str, ...] = ()


def parse_front_matter(text: str) -> FrontMatter:
    """Parse the YAML block at the top of `text` exactly where MkDocs would find it."""
    match = YAML_RE.match(text)
    if match is None:
        return FrontMatter({})
    loader = _StrictKeysLoader(match.group(1))
    loader.duplicate_keys = []
    try:
        data = loader.get_single_data()
    except yaml.YAMLError as error:
        where = getattr(error, "problem_mark", None)
        line = f" at line {where.line + 2}" if where is not None else ""
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        return FrontMatter({}, (f"front matter is not valid YAML{line}: {problem}",))
    finally:
        loader.dispose()
    if data is None:
        return FrontMatter({})
    if not isinstance(data, dict):
        kind = type(data).__name__
        return FrontMatter({}, (f"front matter must be a mapping of keys to values, got a {kind}",))
    problems = tuple(
        f"front matter key '{key}' is given more than once; the last value is used"
        for key in dict.fromkeys(loader.duplicate_keys)
    )
    return FrontMatter({str(key): value for key, value in data.items()}, problems)


def matches(data: dict[str, Any], rule: dict[str, list[Any]]) -> bool:
    """Whether front matter `data` satisfies every key of the `match` rule."""
    for key, wanted in rule.items():
        value = data.get(key)
        values = value if isinstance(value, list) else [value]
        if not any(v in wanted for v in values if isinstance(v, (str, int, float, bool))):
            return False
    return True
