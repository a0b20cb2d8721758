"""Times as Jekyll's Ruby shows and compares them, for Liquid."""

from __future__ import annotations

import datetime as dt

from ..dates import ruby_time_text


class RubyTime(dt.datetime):
    """A time that Liquid prints as Jekyll's Ruby prints one: ``2008-11-07 13:07:54 -0800``,
    where Python would print ``2008-11-07 13:07:54-08:00``."""

    __slots__ = ()

    def __str__(self) -> str:
        return ruby_time_text(self)

    def __liquid__(self) -> float:
        # Ruby's Liquid compares two times (`page.date < site.time`); python-liquid
        # compares numbers and strings only, and asks this for the value to compare
        return self.timestamp()

    @classmethod
    def of(cls, value: dt.datetime) -> RubyTime:
        return cls.combine(value.date(), value.timetz(), tzinfo=value.tzinfo)
