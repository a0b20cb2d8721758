"""Jekyll's date filters: ``date_to_string``, ``date_to_long_string``,
``date_to_xmlschema``, ``date_to_rfc822``.

Times are shown in the site's ``timezone`` when it has one; a time without
a zone is taken to be in it (Jekyll takes it to be in the machine's zone,
which a reproducible build cannot).  Month and day names are English, as
Ruby's are, whatever the machine's locale.
"""

from __future__ import annotations

import datetime as dt
from types import MappingProxyType

from liquid.exceptions import FilterArgumentError
from liquid.filter import with_environment
from liquid.undefined import is_undefined

from ..dates import parse_date_value, site_zone

_MONTHS = ("January February March April May June July August September October November "
           "December").split()
_DAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()


def _shown_zone(settings) -> dt.tzinfo | None:
    """The site's zone, or None when it names none: a time then keeps its own offset."""
    zone, problem = site_zone(settings.get("timezone"))
    return None if problem or not settings.get("timezone") else zone


def as_time(value: object, environment) -> dt.datetime:
    """A Liquid value as a time in the site's zone; FilterArgumentError when it is not a date."""
    zone = _shown_zone(environment.site.settings)
    given = value
    if isinstance(value, str) and value.strip() in ("now", "today"):
        value = environment.site.time
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        value = dt.datetime(value.year, value.month, value.day)
    elif isinstance(value, int | float) and not isinstance(value, bool):
        value = dt.datetime.fromtimestamp(value, dt.UTC)
    elif isinstance(value, str):
        parsed = parse_date_value(value)
        value = parsed if isinstance(parsed, dt.datetime) else None
    if not isinstance(value, dt.datetime):
        raise FilterArgumentError(f"Invalid Date: '{given}' is not a valid datetime", token=None)
    if value.tzinfo is None:
        return value.replace(tzinfo=zone or dt.UTC)
    return value.astimezone(zone) if zone else value


def _empty(value: object) -> bool:
    return value is None or is_undefined(value) or value == ""


def _ordinal(day: int) -> str:
    if day % 100 in (11, 12, 13):
        return f"{day}th"
    return f"{day}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(day % 10, 'th') }"


def _stringify(value: object, environment, long: bool, kind: object, style: object) -> str:
    if _empty(value):
        return ""
    time = as_time(value, environment)
    month = _MONTHS[time.month - 1] if long else _MONTHS[time.month - 1][:3]
    if kind == "ordinal":
        day = _ordinal(time.day)
        return f"{month} {day}, {time.year}" if style == "US" else f"{day} {month} {time.year}"
    return f"{time.day:02d} {month} {time.year}"


@with_environment
def date_to_string(value: object, kind: object = None, style: object = None, *, environment) -> str:
    """``07 Nov 2008``; ``7th Nov 2008`` with ``"ordinal"``; ``Nov 7th, 2008`` with ``"ordinal", "US"``."""
    return _stringify(value, environment, False, kind, style)


@with_environment
def date_to_long_string(value: object, kind: object = None, style: object = None, *, environment) -> str:
    """``07 November 2008``, and the same ordinal and US forms as ``date_to_string``."""
    return _stringify(value, environment, True, kind, style)


def _offset(time: dt.datetime, colon: bool) -> str:
    minutes = int(time.utcoffset().total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    hours, minutes = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}{':' if colon else ''}{minutes:02d}"


@with_environment
def date_to_xmlschema(value: object, *, environment) -> str:
    """``2008-11-07T13:07:54-08:00``."""
    if _empty(value):
        return ""
    time = as_time(value, environment)
    return f"{time:%Y-%m-%dT%H:%M:%S}{_offset(time, True)}"


@with_environment
def date_to_rfc822(value: object, *, environment) -> str:
    """``Fri, 07 Nov 2008 13:07:54 -0800``."""
    if _empty(value):
        return ""
    time = as_time(value, environment)
    day = _DAYS[time.weekday()][:3]
    return f"{day}, {time.day:02d} {_MONTHS[time.month - 1][:3]} {time:%Y %H:%M:%S} {_offset(time, False)}"


FILTERS = MappingProxyType({
    "date_to_string": date_to_string,
    "date_to_long_string": date_to_long_string,
    "date_to_xmlschema": date_to_xmlschema,
    "date_to_rfc822": date_to_rfc822,
})
