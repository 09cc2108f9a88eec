"""The building blocks of the calculations.

Periods become filters, scopes narrow querysets, shares and medians are rounded
alike, and figures that several indicators read are fetched once per computation.
"""

import datetime
import threading
from collections.abc import Sequence
from concurrent.futures import Future
from contextlib import contextmanager
from contextvars import ContextVar
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache, wraps

import numpy as np
from django.db import connections, models
from django.db.models import Case, Count, DateField, F, Func, IntegerField, Q, When
from django.db.models.functions import TruncDate
from django.utils import timezone

from ..periods import Period
from .vocabulary import Scope, Value

# Several indicators read the same figures (the people in placements, the
# enterprises, the budget). Within one compute_indicators call, or one
# sharing_figures block, they are fetched once, even by two threads sharing the
# computation (decision 0211); outside it, or in the next request, they are fetched
# afresh.
_shared: ContextVar["_Memo | None"] = ContextVar("impact_shared_figures", default=None)


class _Memo:
    """Figures fetched in one block: the first caller of a key computes it, and a caller
    in another thread meanwhile waits for that result rather than fetching it again."""

    def __init__(self):
        self.lock = threading.Lock()
        self.results: dict[tuple, Future] = {}

    def get(self, key: tuple, compute):
        with self.lock:
            result = self.results.get(key)
            computes = result is None
            if computes:
                result = self.results[key] = Future()
        if computes:
            try:
                result.set_result(compute())
            except BaseException as error:
                result.set_exception(error)
                raise
        return result.result()


def shared(function):
    """Remember `function(periods, scope)` for the rest of one compute_indicators call."""

    @wraps(function)
    def remembered(periods, scope):
        memo = _shared.get()
        if memo is None:
            return function(periods, scope)
        key = (function.__name__, tuple(periods), scope)
        return memo.get(key, lambda: function(periods, scope))

    return remembered


@contextmanager
def sharing_figures():
    """Within the block, figures that several indicators read are fetched once.

    Blocks nest: an inner block (compute_indicators inside a yearly report) shares
    the outer one's figures.
    """
    if _shared.get() is not None:
        yield
        return
    token = _shared.set(_Memo())
    try:
        yield
    finally:
        _shared.reset(token)


def aware(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def in_period(path: str, period: Period, *, moment: bool = False) -> Q:
    """Q for a date (or, with moment=True, a date-time) field falling in the period."""
    start, end = (aware(period.start), aware(period.end)) if moment else (period.start, period.end)
    return Q(**{f"{path}__gte": start, f"{path}__lt": end})


def in_any(path: str, periods: Sequence[Period], *, moment: bool = False) -> Q:
    """Narrow to the span of all periods first, so the database reads only those rows."""
    first = min(periods, key=lambda p: p.start)
    last = max(periods, key=lambda p: p.end)
    span = Period(first.kind, first.year, first.number, first.start, last.end)
    return in_period(path, span, moment=moment)


def scoped(queryset, scope: Scope, *, municipality: str | None, party: str | None):
    if scope.municipality_id is not None and municipality:
        queryset = queryset.filter(**{municipality: scope.municipality_id})
    if scope.party_id is not None and party:
        queryset = queryset.filter(**{party: scope.party_id})
    return queryset


def percent(part: Value, whole: Value) -> Decimal | None:
    """part / whole in percent with one decimal; None when the whole is 0 or unknown."""
    if part is None or not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def rounded(value, places: str = "0.1") -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, datetime.timedelta):
        value = Decimal(value.total_seconds()) / 86400
    return Decimal(value).quantize(Decimal(places), ROUND_HALF_UP)


def period_keys(periods: Sequence[Period]) -> list[str]:
    return [f"p{index}" for index in range(len(periods))]


def counts_by_period(queryset, path: str, periods, *, moment=False, distinct: str | None = None):
    """One aggregate query: how many rows (or distinct `distinct`) fall in each period."""
    target = distinct or "pk"
    figures = queryset.filter(in_any(path, periods, moment=moment)).aggregate(
        **{
            key: Count(target, filter=in_period(path, period, moment=moment), distinct=True)
            for key, period in zip(period_keys(periods), periods, strict=True)
        }
    )
    return [figures[key] for key in period_keys(periods)]


def integer_table(queryset) -> np.ndarray:
    """The rows of a values_list() of integers as one table, a column per value.

    Read straight from the cursor: Django's conversion of every value, row by row, costs
    more than the query itself for the hundred thousand rows of a national region-year.
    """
    sql, params = queryset.query.sql_with_params()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return np.array(rows, dtype=np.int64).reshape(len(rows), len(queryset.query.selected))


def median_of(histogram, n: int):
    """The median of n values given as (value, how many) in ascending order.

    The values may be numbers or durations: the middle one, or the mean of the two.
    """
    positions = sorted({(n - 1) // 2, n // 2})
    middle, seen = [], 0
    for value, count in histogram:
        seen += count
        while positions and positions[0] < seen:
            middle.append(value)
            positions.pop(0)
        if not positions:
            break
    return sum(middle[1:], middle[0]) / len(middle)


@lru_cache(maxsize=32)
def _utc_offsets(zone, start: datetime.date, end: datetime.date):
    """The stretches of time from start to end with one UTC offset in the zone: a list of
    (from, to, offset in seconds), found by the day and narrowed to the second."""

    def offset(moment: datetime.datetime) -> int:
        return int(moment.astimezone(zone).utcoffset().total_seconds())

    utc = datetime.UTC
    first = datetime.datetime.combine(start, datetime.time.min, utc)
    last = datetime.datetime.combine(end, datetime.time.min, utc)
    stretches, since, day = [], first, first
    while day < last:
        following = min(day + datetime.timedelta(days=1), last)
        if offset(following) != offset(day):
            low, high = day, following  # the offset changes after low, by high
            while high - low > datetime.timedelta(seconds=1):
                middle = low + (high - low) / 2
                low, high = (middle, high) if offset(middle) == offset(low) else (low, middle)
            stretches.append((since, high, offset(since)))
            since = high
        day = following
    stretches.append((since, last, offset(since)))
    return stretches


class LocalDate(TruncDate):
    """The date in the current time zone of a date-time field, as TruncDate gives it.

    SQLite has no time zones, so Django converts there in Python, row by row (a
    function it registers), which at national scale costs seconds. Within the span
    given (the periods read, with a margin) the UTC offset of each stretch between
    the zone's changes is known, so SQLite's own date() computes the date; values
    outside the span fall back to Django's conversion. Other databases convert
    themselves, as TruncDate does.
    """

    def __init__(self, path: str, start: datetime.date, end: datetime.date, **extra):
        super().__init__(path, **extra)
        self.path, self.span = path, (start, end)

    def resolve_expression(self, query=None, *args, **kwargs):
        resolved = super().resolve_expression(query, *args, **kwargs)
        zone = timezone.get_current_timezone()
        utc_dates = [
            When(
                Q(**{f"{self.path}__gte": since, f"{self.path}__lt": until}),
                then=Func(F(self.path), models.Value(f"{seconds:+d} seconds"), function="date"),
            )
            for since, until, seconds in _utc_offsets(zone, *self.span)
        ]
        native = Case(*utc_dates, default=TruncDate(self.path), output_field=DateField())
        resolved.native = native.resolve_expression(query, *args, **kwargs)
        return resolved

    def relabeled_clone(self, change_map):
        # The native form names the same columns, so it follows them into a subquery.
        clone = super().relabeled_clone(change_map)
        if hasattr(self, "native"):
            clone.native = self.native.relabeled_clone(change_map)
        return clone

    def as_sqlite(self, compiler, connection, **extra_context):
        return compiler.compile(self.native)


class DaysBetween(Func):
    """Whole days from one date to a later one, in the database (an integer)."""

    arg_joiner = " - "
    template = "(%(expressions)s)"
    output_field = IntegerField()

    def as_sqlite(self, compiler, connection, **extra_context):
        # julianday() is SQLite's own; subtracting dates through Django would call a
        # Python function per row.
        later, earlier = (compiler.compile(part) for part in self.get_source_expressions())
        sql = f"CAST(round(julianday({later[0]}) - julianday({earlier[0]})) AS INTEGER)"
        return sql, (*later[1], *earlier[1])
