"""Turn every date form found in front matter into a timezone-aware datetime."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, timezone, tzinfo

from .messages import describe

_DATE_RE = re.compile(
    r"^(\d{4})-(\d{1,2})-(\d{1,2})"
    r"(?:[Tt ]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?"
    r"\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$"
)
_FILENAME_DATE_RE = re.compile(r"^(\d{4}-\d{2}-\d{2})-")

EXPECTED = "a date such as 2024-05-01 or 2024-05-01T09:30:00+02:00"
EXISTING = "a date that exists"
# Python keeps moments between these in UTC; 0001-01-01 in UTC+2 is in year 0 there.
IN_RANGE = "a moment between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z once in UTC"


class DateError(ValueError):
    """A front-matter value that is not a usable date; str() says what and why."""

    def __init__(self, expected: str, value: object) -> None:
        super().__init__(f"must be {expected}, got {describe(value)}")
        self.expected = expected
        self.value = value


def _offset(text: str | None, default: tzinfo) -> tzinfo:
    if text is None:
        return default
    if text in ("Z", "z"):
        return timezone.utc
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    minutes = int(digits[:2]) * 60 + (int(digits[2:4]) if len(digits) > 2 else 0)
    if minutes >= 24 * 60 or int(digits[2:4] or 0) >= 60:
        raise ValueError(text)
    return timezone(sign * timedelta(minutes=minutes))


def _checked(value: datetime, original: object) -> datetime:
    """`value` if it can be compared and converted to UTC (years 1 and 9999 may overflow)."""
    try:
        value.astimezone(timezone.utc)
    except OverflowError:
        raise DateError(IN_RANGE, original) from None
    except ValueError:
        raise DateError(EXISTING, original) from None
    return value


def parse_date_string(text: str, default_tz: tzinfo) -> datetime:
    """Parse '2016-04-29', '2015-05-11 10:05:07 +0200' and ISO 8601 forms."""
    match = _DATE_RE.match(text.strip())
    if match is None:
        raise DateError(EXPECTED, text)
    year, month, day, hour, minute, second, fraction, offset = match.groups()
    micro = int((fraction or "0")[:6].ljust(6, "0"))
    try:
        parsed = datetime(
            int(year), int(month), int(day), int(hour or 0), int(minute or 0),
            int(second or 0), micro, tzinfo=_offset(offset, default_tz),
        )
    except ValueError:
        raise DateError(EXISTING, text) from None
    return _checked(parsed, text)


def to_datetime(value: object, default_tz: tzinfo) -> datetime:
    """Normalise a YAML date, datetime or string to an aware datetime."""
    if isinstance(value, datetime):
        aware = value if value.tzinfo is not None else value.replace(tzinfo=default_tz)
        return _checked(aware, value)
    if isinstance(value, date):
        return _checked(datetime.combine(value, time(), tzinfo=default_tz), value)
    if isinstance(value, str):
        return parse_date_string(value, default_tz)
    raise DateError(EXPECTED, value)


def date_from_filename(name: str, default_tz: tzinfo) -> datetime | None:
    """The date of a Jekyll-style file name such as '2016-04-29-confiance.md', if any."""
    match = _FILENAME_DATE_RE.match(name)
    if match is None:
        return None
    try:
        return parse_date_string(match.group(1), default_tz)
    except DateError:
        return None


def strip_date_prefix(stem: str) -> str:
    """'2016-04-29-confiance' -> 'confiance'; other names are returned unchanged."""
    return _FILENAME_DATE_RE.sub("", stem, count=1) or stem


def whole_minute_offset(moment: datetime) -> datetime:
    """The same instant with its offset rounded to whole minutes, as RFC 3339 and HTML
    <time> require: Paris before 1911 was 9 min 21 s ahead of UTC, written +00:09."""
    offset = moment.utcoffset()
    if offset is None or (offset.seconds % 60 == 0 and not offset.microseconds):
        return moment
    minutes = round(offset.total_seconds() / 60)
    try:
        return moment.astimezone(timezone(timedelta(minutes=minutes)))
    except OverflowError:  # 0001-01-01 just after midnight: keep the day, drop the seconds
        return moment.replace(tzinfo=timezone(timedelta(minutes=minutes)))
