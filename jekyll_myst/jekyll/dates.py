"""Front-matter dates as Jekyll 4 reads them: the file name gives the date, a
front-matter ``date`` (with its time zone) wins."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

#: The date forms Jekyll (Ruby's Time.parse) accepts in practice.
_DATE_VALUE = re.compile(
    r"^(\d{4})-(\d{1,2})-(\d{1,2})"
    r"(?:[T ]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?"
    r"\s*(Z|[+-]\d{2}:?\d{2})?$"
)


def parse_date_value(value: Any) -> dt.datetime | None | str:
    """A front-matter ``date`` as an aware or naive datetime.

    Returns ``None`` when no date is given and a message when it cannot be
    read or does not exist.
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    text = str(value).strip()
    match = _DATE_VALUE.match(text)
    if match is None:
        return f"date '{text}' is not a date: write it as YYYY-MM-DD or YYYY-MM-DD HH:MM:SS +ZZZZ"
    year, month, day, hour, minute, second, zone = match.groups()
    tzinfo = None
    if zone:
        if zone == "Z":
            tzinfo = dt.UTC
        else:
            digits = zone[1:].replace(":", "")
            offset = dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
            tzinfo = dt.timezone(-offset if zone[0] == "-" else offset)
    try:
        return dt.datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0),
                           int(second or 0), tzinfo=tzinfo)
    except ValueError:
        return f"date '{text}' does not exist"
