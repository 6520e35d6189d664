"""Front-matter values as messages show them: short, bounded, one line."""

from __future__ import annotations

import reprlib
from datetime import date, datetime


class _Shown(reprlib.Repr):
    """reprlib's bounded repr, with dates inside lists shown as YAML writes them."""

    def repr_date(self, value: date, level: int) -> str:
        return value.isoformat()

    def repr_datetime(self, value: datetime, level: int) -> str:
        return value.isoformat(sep=" ")


_SHOWN = _Shown()
_SHOWN.maxstring = 60
_SHOWN.maxother = 40
_SHOWN.maxlist = _SHOWN.maxtuple = _SHOWN.maxdict = _SHOWN.maxset = 4
_SHOWN.maxlevel = 3
_LONGEST = 120


def describe(value: object) -> str:
    """A short, safe description of a YAML value for a message: "'May 1st'", 'a list [...]'.

    Bounded in length whatever the value (recursive or huge lists, megabyte strings).
    """
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a yes/no value: quote it to mean text)"
    if isinstance(value, str):
        # repr escapes control characters, so the message stays one readable line.
        return _SHOWN.repr(value) if value.strip() else "an empty text"
    if isinstance(value, (int, float, datetime, date)):
        return str(value)
    kind = {list: "a list", dict: "a mapping", bytes: "binary data", set: "a set"}
    name = next((text for cls, text in kind.items() if isinstance(value, cls)),
                f"a {type(value).__name__}")
    shown = _SHOWN.repr(value)
    # Nesting multiplies reprlib's limits: keep one readable line whatever the value.
    if len(shown) > _LONGEST:
        shown = f"{shown[:_LONGEST - 5]} ...{shown[-1]}"
    return f"{name} {shown}"
