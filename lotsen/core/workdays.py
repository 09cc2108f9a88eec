"""Swedish working days: weekdays that are neither public holidays nor de facto ones.

Targets such as "answer within two working days" are counted here. Public
holidays come from the `holidays` package; its "de facto" category adds the
eves on which Swedish workplaces close (midsummer eve, Christmas eve and New
Year's eve). Pure functions of dates, so every app can use them.
"""

from collections.abc import Callable
from datetime import date, timedelta
from functools import lru_cache

import holidays

_CATEGORIES = (holidays.PUBLIC, "de_facto")


@lru_cache(maxsize=64)
def _holidays_of(year: int) -> frozenset[date]:
    calendar = holidays.country_holidays(
        "SE", years=year, categories=_CATEGORIES, include_sundays=False
    )
    return frozenset(calendar)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _holidays_of(day.year)


def add_working_days(start: date, days: int) -> date:
    """Return the date `days` working days after `start` (before it when negative).

    Zero gives `start` itself if it is a working day, else the next one, so a
    request made on a Saturday with a target of 0 days is due on Monday.
    """
    step = 1 if days >= 0 else -1
    day = start
    if days == 0:
        while not is_working_day(day):
            day += timedelta(days=1)
        return day
    remaining = abs(days)
    while remaining:
        day += timedelta(days=step)
        if is_working_day(day):
            remaining -= 1
    return day


def working_days_between(start: date, end: date) -> int:
    """Count working days after `start` up to and including `end` (negative if end < start)."""
    if end < start:
        return -working_days_between(end, start)
    return sum(
        1
        for offset in range(1, (end - start).days + 1)
        if is_working_day(start + timedelta(offset))
    )


def working_days_counter(first: date, last: date) -> Callable[[date, date], int]:
    """`working_days_between` for many pairs of days from first to last, in one pass.

    Each day gets the number of working days up to it; the working days between two
    days are then one subtraction, however many pairs are asked.
    """
    up_to: dict[date, int] = {}
    count = 0
    for offset in range((last - first).days + 1):
        day = first + timedelta(offset)
        count += is_working_day(day)
        up_to[day] = count

    def between(start: date, end: date) -> int:
        return up_to[end] - up_to[start]

    return between
