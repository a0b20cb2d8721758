"""Dates as Jekyll 4 reads them: Ruby's ``Time.parse`` on the front matter's
``date`` (or the file name's), then the time in the site's zone.

``Time.parse`` takes far more than ISO 8601: a time with its zone anywhere
after the date (``2013-05-06 02:12:52 +0200``), words it ignores (the year
repeated in ``2023-01-29 18:30:22 2023 -0800``), zone names (``UTC``,
``PST``), ``2016/10/07`` and ``7 Oct 2016``.  What it cannot read, Jekyll
refuses, and so do we.
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from typing import Any

from .frontmatter import YamlTime

_MONTHS = "jan feb mar apr may jun jul aug sep oct nov dec".split()
_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
#: Ruby's date parsers that we need, in the order Date._parse tries them
_DATE_FORMS = (
    ("ymd", re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")),
    ("ymd", re.compile(r"(?<!\d)(\d{4})/(\d{1,2})/(\d{1,2})(?!\d)")),
    ("dmy", re.compile(r"(?<!\d)(\d{1,2})(?:st|nd|rd|th)?\s*" + _MONTH + r",?\s*(\d{4})(?!\d)", re.I)),
    ("mdy", re.compile(_MONTH + r"\s*(\d{1,2})(?:st|nd|rd|th)?,?\s*(\d{4})(?!\d)", re.I)),
)
#: a time, with its zone only right after it: Ruby ignores a zone anywhere else
_TIME = re.compile(
    r"(?<![\d:])(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d*))?)?(?:\s*([ap])\.?m\b\.?)?"
    r"(?:\s*(z\b|(?:gmt|utc?)?[-+]\d+(?::\d{2}){0,2}|[a-z]+\b))?", re.I)
#: the zone names of Ruby's table that blogs write, in hours from UTC
_ZONE_NAMES = {
    "z": 0, "ut": 0, "utc": 0, "gmt": 0, "wet": 0, "bst": 1, "cet": 1, "met": 1, "wat": 1,
    "cest": 2, "eet": 2, "sast": 2, "eest": 3, "msk": 3, "ist": 5.5, "jst": 9, "kst": 9, "hkt": 8,
    "aest": 10, "nzst": 12, "est": -5, "edt": -4, "cst": -6, "cdt": -5, "mst": -7, "mdt": -6,
    "pst": -8, "pdt": -7, "akst": -9, "akdt": -8, "hst": -10,
}
_FORMS = "write it as YYYY-MM-DD or YYYY-MM-DD HH:MM:SS +ZZZZ"


def site_zone(name: Any) -> tuple[dt.tzinfo, str]:
    """The site's ``timezone`` and a message when it is not a zone's name.

    Without one, Jekyll uses the zone of the machine that builds; we use UTC,
    so that a build gives the same dates and URLs on every machine.
    """
    if name is None or name == "":
        return dt.UTC, ""
    try:
        return zoneinfo.ZoneInfo(str(name)), ""
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return dt.UTC, f"timezone {name!r} is not a time zone's name (such as Europe/London): UTC is used"


def parse_date_value(value: Any, zone: dt.tzinfo | None = None) -> dt.datetime | None | str:
    """A front-matter date as Jekyll reads it; a message when it cannot be read.

    With ``zone`` (the site's), the result is aware and in that zone: a
    date given without a zone is a time there.  Without it, such a date stays
    naive.  ``None`` when no date is given.
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        # PyYAML's timestamps (in the site's settings) without a zone are UTC, as in YAML
        return _in_zone(value if value.tzinfo else value.replace(tzinfo=dt.UTC), zone)
    if isinstance(value, dt.date):
        return _in_zone(dt.datetime(value.year, value.month, value.day), zone)
    text = str(value).strip()
    parsed = _ruby_time_parse(text)
    if isinstance(parsed, str):
        return parsed
    if parsed.tzinfo is None and isinstance(value, YamlTime):
        # an unquoted YAML timestamp is read by SafeYAML as UTC when it has no zone
        parsed = parsed.replace(tzinfo=dt.UTC)
    return _in_zone(parsed, zone)


def _in_zone(value: dt.datetime, zone: dt.tzinfo | None) -> dt.datetime:
    if zone is None:
        return value
    return value.replace(tzinfo=zone) if value.tzinfo is None else value.astimezone(zone)


def _ruby_time_parse(text: str) -> dt.datetime | str:
    rest = text
    time = _TIME.search(rest)
    if time is not None:
        rest = rest[:time.start()] + " " + rest[time.end():]
    found = next(((form, match) for form, pattern in _DATE_FORMS if (match := pattern.search(rest))), None)
    if found is None:
        return f"date '{text}' is not a date: {_FORMS}"
    form, date = found
    if form == "ymd":
        year, month, day = (int(n) for n in date.groups())
    elif form == "dmy":
        day, year, month = int(date[1]), int(date[3]), _MONTHS.index(date[2].lower()) + 1
    else:
        month, day, year = _MONTHS.index(date[1].lower()) + 1, int(date[2]), int(date[3])
    hour = minute = second = micro = 0
    tzinfo = None
    if time is not None:
        hour, minute, second = int(time[1]), int(time[2]), int(time[3] or 0)
        micro = int((time[4] or "0")[:6].ljust(6, "0"))
        if time[5]:
            # Ruby's meridian takes any hour modulo 12: "22:51 PM" is 22:51, "22:51 AM" 10:51
            hour = hour % 12 + (12 if time[5].lower() == "p" else 0)
        if time[6]:
            tzinfo = _zone(time[6])
    try:
        return dt.datetime(year, month, day, hour, minute, second, micro, tzinfo=tzinfo)
    except ValueError:
        return f"date '{text}' does not exist"


def _zone(text: str) -> dt.tzinfo | None:
    """A zone as Ruby reads it: ``+0530``, ``-5``, ``+05:30``, ``UTC+1``, ``PST``;
    None for a name Ruby does not know, which leaves the time in the site's zone."""
    text = text.lower()
    named = re.fullmatch(r"(?:gmt|utc?)?([-+])(\d+)(?::(\d{2}))?(?::(\d{2}))?", text)
    if named is None:
        hours = _ZONE_NAMES.get(text)
        return None if hours is None else dt.timezone(dt.timedelta(hours=hours))
    sign, digits, minutes, seconds = named.groups()
    if minutes is None and len(digits) > 2:
        # Ruby splits bare digits from the right: +530 is 5:30, +0530 too, +053000 with seconds
        digits = digits.rjust(4 if len(digits) <= 4 else 6, "0")
        digits, minutes, seconds = digits[:2], digits[2:4], digits[4:6] or None
    offset = dt.timedelta(hours=int(digits), minutes=int(minutes or 0), seconds=int(seconds or 0))
    if offset >= dt.timedelta(hours=24):
        return None
    return dt.timezone(-offset if sign == "-" else offset)


def day_start(day: dt.date, zone: dt.tzinfo) -> dt.datetime:
    """Midnight of ``day`` in the site's zone: the date a file name gives."""
    return dt.datetime(day.year, day.month, day.day, tzinfo=zone)


def ruby_time_text(value: dt.datetime) -> str:
    """A time as Ruby's ``Time#to_s`` writes it (``2008-11-07 13:07:54 -0800``): how
    Jekyll's Liquid prints one."""
    return f"{value:%Y-%m-%d %H:%M:%S}" + (f" {value:%z}" if value.tzinfo else "")
