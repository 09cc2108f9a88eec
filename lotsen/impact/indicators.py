"""The indicators of effect measurement, each defined once (DESIGN §2 item 8).

An indicator has a key, a section, a title, the definition shown on screen, a
unit and whether it counts people. Its `calculate(periods, scope)` answers
every requested period in one go with conditional aggregates in the database
(one `Count(filter=Q(...))` per period), so a dashboard, a trend over twelve
months or a yearly report needs a fixed number of queries whatever the volume.

`compute_indicators` turns the raw figures into what leaves the module: rows
with the previous period beside them, counts of 1–4 people hidden unless the
viewer may see small cells, and a sentence on what changed.
"""

import datetime
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import wraps

from django.db.models import (
    Avg,
    Case,
    Count,
    DecimalField,
    DurationField,
    ExpressionWrapper,
    F,
    Max,
    Q,
    Sum,
    When,
)
from django.db.models.functions import TruncDate
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lotsen.core.small_cells import Hidden, hidden_if_small, protects_any, suppress

from .periods import Period

Value = int | Decimal | None

# ----------------------------------------------------------------- vocabulary

SECTIONS = {
    "enterprises": gettext_lazy("Social enterprises"),
    "placements": gettext_lazy("Work training and placements"),
    "outcomes": gettext_lazy("Outcomes and progression"),
    "support": gettext_lazy("Support to the enterprises"),
    "events": gettext_lazy("Events"),
    "needs": gettext_lazy("Needs"),
    "economy": gettext_lazy("Economy"),
}
UNITS = {
    "count": gettext_lazy("number"),
    "people": gettext_lazy("people"),
    "percent": gettext_lazy("percent"),
    "days": gettext_lazy("days"),
    "working_days": gettext_lazy("working days"),
    "hours": gettext_lazy("hours"),
    "rating": gettext_lazy("rating 1–5"),
    "change": gettext_lazy("steps on the scale 1–5"),
    "kronor": gettext_lazy("SEK"),
}
MUNICIPALITY, PARTY = "municipality", "party"


@dataclass(frozen=True)
class Scope:
    municipality_id: int | str | None = None  # core.Municipality pk (its SCB code)
    party_id: int | None = None  # organisations.Organisation pk of a party

    @property
    def dimensions(self) -> set[str]:
        return {
            name
            for name, value in ((MUNICIPALITY, self.municipality_id), (PARTY, self.party_id))
            if value is not None
        }


REGION = Scope()


@dataclass
class RawRow:
    """One row's figure for each period asked for, and the people it rests on."""

    label: str
    values: list[Value]
    # The count of people behind each value (a share's denominator, a median's
    # number of cases); None where the value is itself the count.
    bases: list[int | None] | None = None
    # For each period, the counts of a whole that this value, with a figure shown
    # elsewhere, would give back: it is hidden to protect them whenever one of
    # them is hidden (decision 0101).
    protects: list[list[int]] | None = None

    def base(self, index: int) -> Value:
        return self.values[index] if self.bases is None else self.bases[index]

    def hidden_as_protecting(self, index: int) -> bool:
        return self.protects is not None and bool(suppress(self.protects[index]))


Calculate = Callable[[Sequence[Period], Scope], list[RawRow]]


@dataclass(frozen=True)
class Indicator:
    key: str
    section: str
    title: str
    definition: str
    unit: str
    counts_people: bool
    calculate: Calculate
    # The scopes that make sense for this indicator; others show "not applicable".
    scopes: frozenset[str] = frozenset({MUNICIPALITY, PARTY})
    # Rows that are parts of one whole (shown or computable), so one hidden
    # row needs a second one hidden beside it.
    partitions: bool = False
    chart: str = "bar"

    def applies_to(self, scope: Scope) -> bool:
        return scope.dimensions <= self.scopes

    def compute_many(self, periods: Sequence[Period], scope: Scope) -> list[RawRow]:
        return self.calculate(list(periods), scope)

    def compute(self, period: Period, scope: Scope) -> list[tuple[str, Value]]:
        """(label, value) of each row for one period; nothing hidden: for internal use."""
        return [(row.label, row.values[0]) for row in self.calculate([period], scope)]


@dataclass
class Row:
    label: str
    value: Value  # None when hidden or not computable
    previous: Value
    hidden: Hidden | None  # why the value is hidden; None when it is shown
    previous_hidden: Hidden | None = None

    @property
    def value_text(self) -> str:
        return format_value(self.value, hidden=self.hidden)

    @property
    def previous_text(self) -> str:
        return format_value(self.previous, hidden=self.previous_hidden)


@dataclass
class IndicatorResult:
    key: str
    section: str
    title: str
    definition: str
    unit: str
    counts_people: bool
    rows: list[Row]
    change_text: str
    applicable: bool = True
    chart: str = "bar"
    section_title: str = ""
    unit_label: str = ""

    @property
    def is_empty(self) -> bool:
        return all(row.value in (None, 0) and not row.hidden for row in self.rows)

    @property
    def protects(self) -> bool:
        """Whether a cell is hidden only to protect another: the table explains ".."."""
        return protects_any(
            reason for row in self.rows for reason in (row.hidden, row.previous_hidden)
        )


INDICATORS: dict[str, Indicator] = {}


def register(indicator: Indicator) -> Indicator:
    if indicator.section not in SECTIONS or indicator.unit not in UNITS:
        raise ValueError(f"{indicator.key}: unknown section or unit")
    INDICATORS[indicator.key] = indicator
    return indicator


# ------------------------------------------------------------------ helpers

# Several indicators read the same figures (the people in placements, the
# enterprises, the budget). Within one compute_indicators call, or one
# sharing_figures block, they are fetched once; outside it, or in the next
# request, they are fetched afresh.
_shared: ContextVar[dict | None] = ContextVar("impact_shared_figures", default=None)


def shared(function):
    """Remember `function(periods, scope)` for the rest of one compute_indicators call."""

    @wraps(function)
    def remembered(periods, scope):
        memo = _shared.get()
        if memo is None:
            return function(periods, scope)
        key = (function.__name__, tuple(periods), scope)
        if key not in memo:
            memo[key] = function(periods, scope)
        return memo[key]

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
    token = _shared.set({})
    try:
        yield
    finally:
        _shared.reset(token)


def _aware(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def in_period(path: str, period: Period, *, moment: bool = False) -> Q:
    """Q for a date (or, with moment=True, a date-time) field falling in the period."""
    start, end = (
        (_aware(period.start), _aware(period.end)) if moment else (period.start, period.end)
    )
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


def _keys(periods: Sequence[Period]) -> list[str]:
    return [f"p{index}" for index in range(len(periods))]


def counts_by_period(queryset, path: str, periods, *, moment=False, distinct: str | None = None):
    """One aggregate query: how many rows (or distinct `distinct`) fall in each period."""
    target = distinct or "pk"
    figures = queryset.filter(in_any(path, periods, moment=moment)).aggregate(
        **{
            key: Count(target, filter=in_period(path, period, moment=moment), distinct=True)
            for key, period in zip(_keys(periods), periods, strict=True)
        }
    )
    return [figures[key] for key in _keys(periods)]


def format_value(value: Value, *, hidden: Hidden | None = None, unit: str = "") -> str:
    if hidden:
        return str(hidden)
    if value is None:
        return "–"
    text = formats.number_format(value, use_l10n=True, force_grouping=True)
    return f"{text} %" if unit == "percent" else text


# ------------------------------------------------------- the public interface


def hidden_reasons(
    indicator: Indicator,
    raw: Sequence[RawRow | None],
    index: int,
    show: bool,
    *,
    complementary: bool,
) -> list[Hidden | None]:
    """Why each of `raw`'s values for period `index` is hidden (None: shown).

    With `complementary`, the values are parts of a whole shown elsewhere, so one
    hidden value takes a second with it. A row missing (None) has nothing to hide.
    """
    if show or not indicator.counts_people:
        return [None] * len(raw)
    protecting = {
        i: Hidden.PROTECTING
        for i, row in enumerate(raw)
        if row is not None and row.hidden_as_protecting(index)
    }
    bases = [None if row is None else row.base(index) for row in raw]
    if complementary:
        hidden = suppress(bases, protecting)
        return [hidden.get(i) for i in range(len(raw))]
    return [hidden_if_small(base) or protecting.get(i) for i, base in enumerate(bases)]


def change_text(title: str, unit: str, row: Row) -> str:
    """What changed since the previous period, said of the indicator's first row."""
    if Hidden.SMALL in (row.hidden, row.previous_hidden):
        return _("%(title)s: fewer than 5 in this or the previous period; no comparison shown.") % {
            "title": title
        }
    if row.hidden or row.previous_hidden:
        return _(
            "%(title)s: hidden in this or the previous period so that a small group cannot be "
            "worked out; no comparison shown."
        ) % {"title": title}
    if row.value is None:
        return _("%(title)s: no figure for this period.") % {"title": title}
    now = format_value(row.value, unit=unit)
    if row.previous is None:
        return _("%(title)s: %(now)s; no figure for the previous period.") % {
            "title": title,
            "now": now,
        }
    before = format_value(row.previous, unit=unit)
    if row.value == row.previous:
        return _("%(title)s: unchanged at %(now)s.") % {"title": title, "now": now}
    values = {"title": title, "now": now, "before": before}
    rose = row.value > row.previous
    if unit == "percent":
        values["points"] = formats.number_format(
            abs(Decimal(row.value) - Decimal(row.previous)), 1, use_l10n=True
        )
        if rose:
            return (
                _("%(title)s rose from %(before)s to %(now)s (+%(points)s percentage points).")
                % values
            )
        return (
            _("%(title)s fell from %(before)s to %(now)s (−%(points)s percentage points).") % values
        )
    if row.previous <= 0:
        return (
            _("%(title)s rose from %(before)s to %(now)s.")
            if rose
            else _("%(title)s fell from %(before)s to %(now)s.")
        ) % values
    change = (Decimal(row.value) - Decimal(row.previous)) * 100 / Decimal(row.previous)
    values["change"] = formats.number_format(abs(change).quantize(Decimal(1), ROUND_HALF_UP), 0)
    if rose:
        return _("%(title)s rose from %(before)s to %(now)s (+%(change)s %%).") % values
    return _("%(title)s fell from %(before)s to %(now)s (−%(change)s %%).") % values


def result_from(
    indicator: Indicator, raw: list[RawRow], *, show_small_cells: bool, applicable: bool = True
) -> IndicatorResult:
    """Rows for the last period of `raw` with the one before it (raw has two periods)."""
    rows = []
    if applicable:
        now_hidden, before_hidden = (
            hidden_reasons(
                indicator, raw, index, show_small_cells, complementary=indicator.partitions
            )
            for index in (1, 0)
        )
        rows = [
            Row(
                label=str(row.label),
                value=None if now_hidden[i] else row.values[1],
                previous=None if before_hidden[i] else row.values[0],
                hidden=now_hidden[i],
                previous_hidden=before_hidden[i],
            )
            for i, row in enumerate(raw)
        ]
    title = str(indicator.title)
    if not applicable:
        text = _("Not applicable for this scope.")
    elif rows:
        # Said of the first row, named as the row: "Participants who started rose …".
        text = change_text(rows[0].label, indicator.unit, rows[0])
    else:
        text = _("%(title)s: no figure for this period.") % {"title": title}
    return IndicatorResult(
        key=indicator.key,
        section=indicator.section,
        title=title,
        definition=str(indicator.definition),
        unit=indicator.unit,
        counts_people=indicator.counts_people,
        rows=rows,
        change_text=text,
        applicable=applicable,
        chart=indicator.chart,
        section_title=str(SECTIONS[indicator.section]),
        unit_label=str(UNITS[indicator.unit]),
    )


def compute_indicators(
    period: Period,
    scope: Scope,
    *,
    show_small_cells: bool,
    keys: Iterable[str] | None = None,
) -> list[IndicatorResult]:
    """Each indicator for the period, with the previous period beside it."""
    chosen = [INDICATORS[key] for key in keys] if keys is not None else list(INDICATORS.values())
    periods = [period.previous(), period]
    results = []
    with sharing_figures():
        for indicator in chosen:
            applicable = indicator.applies_to(scope)
            raw = indicator.compute_many(periods, scope) if applicable else []
            results.append(
                result_from(
                    indicator, raw, show_small_cells=show_small_cells, applicable=applicable
                )
            )
    return results


# ------------------------------------------------------- pilot function (people)
# People flows are scoped by the participant's municipality and the referring
# party (the caseworker's organisation).

PEOPLE_SCOPE = {
    "municipality": "referral__participant__municipality_id",
    "party": "referral__referring_party_id",
}


def _placements(scope: Scope):
    from lotsen.placements.models import Placement

    return scoped(Placement.objects.order_by(), scope, **PEOPLE_SCOPE)


def distinct_people(queryset, conditions: dict[str, Q], *, person: str) -> dict[str, int]:
    """How many distinct people (`person` path) have a row meeting each condition.

    One pass grouped by person, a flag per condition, then the flags summed: the
    database hashes the rows once, where one COUNT(DISTINCT …) per condition would
    sort them once per condition.
    """
    flags = queryset.values(person).annotate(
        **{
            name: Max(Case(When(condition, then=1), default=0))
            for name, condition in conditions.items()
        }
    )
    figures = flags.aggregate(**{f"{name}_people": Sum(name) for name in conditions})
    return {name: figures[f"{name}_people"] or 0 for name in conditions}


def _participant_counts(queryset, periods, condition: Callable[[Period], Q]) -> list[int]:
    figures = distinct_people(
        queryset,
        {key: condition(period) for key, period in zip(_keys(periods), periods, strict=True)},
        person="referral__participant_id",
    )
    return [figures[key] for key in _keys(periods)]


def _active_in(period: Period) -> Q:
    from lotsen.placements.models import Placement

    return (
        Q(started_on__lt=period.end)
        & (Q(ended_on__isnull=True) | Q(ended_on__gte=period.start))
        & Q(status__in=[Placement.Status.ACTIVE, Placement.Status.ENDED])
    )


def _overlapping(periods) -> Q:
    """Placements under way at some time in the periods: only they can count in any row."""
    from lotsen.placements.models import Placement

    return (
        Q(started_on__lt=max(p.end for p in periods))
        & (Q(ended_on__isnull=True) | Q(ended_on__gte=min(p.start for p in periods)))
        & Q(status__in=[Placement.Status.ACTIVE, Placement.Status.ENDED])
    )


def _ended_in(period: Period) -> Q:
    from lotsen.placements.models import Placement

    return Q(status=Placement.Status.ENDED) & in_period("ended_on", period)


@shared
def _people_in_placements(periods, scope) -> dict[str, list[int]]:
    """People who started, were active and ended in each period, and who ended per
    outcome group: one query, as the placements and exit indicators read the same rows.

    For the whole region it also counts the people active at places not closed (the
    capacity used): places are scoped by their own municipality and people by theirs,
    so only without a scope are those the same rows.
    """
    from lotsen.placements.models import Opening, OutcomeGroup

    placements = _placements(scope).filter(_overlapping(periods))
    conditions = {
        "started": lambda period: in_period("started_on", period),
        "active": _active_in,
        "total": _ended_in,
        **{
            group: lambda period, group=group: _ended_in(period) & _outcome_condition(group)
            for group in OutcomeGroup.values
        },
    }
    if scope == REGION:
        conditions["at_open_places"] = lambda period: (
            _active_in(period) & ~Q(opening__status=Opening.Status.CLOSED)
        )
    figures = distinct_people(
        placements,
        {
            f"{name}_{index}": condition(period)
            for name, condition in conditions.items()
            for index, period in enumerate(periods)
        },
        person="referral__participant_id",
    )
    return {
        name: [figures[f"{name}_{index}"] for index in range(len(periods))] for name in conditions
    }


def placement_flow(periods, scope) -> list[RawRow]:
    figures = _people_in_placements(periods, scope)
    return [
        RawRow(_("Participants who started"), figures["started"]),
        RawRow(_("Participants in work training"), figures["active"]),
        RawRow(_("Participants who ended"), figures["total"]),
    ]


register(
    Indicator(
        key="placements",
        section="placements",
        title=gettext_lazy("Placements started, active and ended"),
        definition=gettext_lazy(
            "People whose work-training placement started in the period; people in an active "
            "placement at some time in the period; people whose placement ended in the period. "
            "A person with several placements counts once per row."
        ),
        unit="people",
        counts_people=True,
        calculate=placement_flow,
    )
)


def _outcome_condition(group: str):
    from lotsen.placements.models import OUTCOME_GROUPS, OutcomeGroup

    if group == OutcomeGroup.OTHER:
        return ~Q(outcome__in=list(OUTCOME_GROUPS))
    return Q(outcome__in=[o for o, g in OUTCOME_GROUPS.items() if g == group])


def _exit_figures(periods, scope) -> dict[str, list[int]]:
    """People who ended in each period, per outcome group and in all ('total')."""
    from lotsen.placements.models import OutcomeGroup

    figures = _people_in_placements(periods, scope)
    return {name: figures[name] for name in ["total", *OutcomeGroup.values]}


def exit_outcomes(periods, scope) -> list[RawRow]:
    from lotsen.placements.models import OutcomeGroup

    figures = _exit_figures(periods, scope)
    return [RawRow(label, figures[group]) for group, label in OutcomeGroup.choices]


def exit_outcome_counts(period: Period, scope: Scope) -> dict[str, int]:
    """People whose placement ended in the period, by national outcome group key.

    Every key of lotsen.placements.models.OutcomeGroup is present (0 when none).
    Nothing is hidden: callers that show the figures apply the small-cell rule.
    """
    from lotsen.placements.models import OutcomeGroup

    # Asked with the period before, as every indicator is, so that within a yearly
    # report the counts already made for the outcome indicators are reused.
    figures = _exit_figures([period.previous(), period], scope)
    return {group: figures[group][1] for group in OutcomeGroup.values}


register(
    Indicator(
        key="exit_outcomes",
        section="outcomes",
        title=gettext_lazy("Outcome at exit"),
        definition=gettext_lazy(
            "People whose placement ended in the period, by outcome in the grouping of the "
            "national follow-up: work (without subsidy, with subsidy, employed by the social "
            "enterprise), studies, actively seeking work, and other (other measure, sick leave, "
            "dropped out, moved, unknown)."
        ),
        unit="people",
        counts_people=True,
        calculate=exit_outcomes,
        partitions=True,
    )
)


def work_or_studies_share(periods, scope) -> list[RawRow]:
    from lotsen.placements.models import OutcomeGroup

    figures = _exit_figures(periods, scope)
    into = [w + s for w, s in zip(figures["work"], figures["studies"], strict=True)]
    # The share times the people who ended (shown beside it) gives work + studies;
    # with one outcome group hidden that would give it away. So it protects the
    # groups: it is hidden whenever any group is.
    return [
        RawRow(
            _("Share into work or studies"),
            [percent(part, whole) for part, whole in zip(into, figures["total"], strict=True)],
            bases=figures["total"],
            protects=[
                list(counts)
                for counts in zip(*(figures[group] for group in OutcomeGroup.values), strict=True)
            ],
        ),
    ]


register(
    Indicator(
        key="work_or_studies",
        section="outcomes",
        title=gettext_lazy("Share into work or studies"),
        definition=gettext_lazy(
            "Of the people whose placement ended in the period, the share whose outcome was work "
            "(with or without subsidy, or employed by the social enterprise) or studies. Not "
            "shown when fewer than 5 people ended."
        ),
        unit="percent",
        counts_people=True,
        calculate=work_or_studies_share,
    )
)


def referrals(periods, scope) -> list[RawRow]:
    from lotsen.placements.models import Referral

    queryset = scoped(
        Referral.objects.order_by(),
        scope,
        municipality="participant__municipality_id",
        party="referring_party_id",
    )
    return [
        RawRow(
            _("People referred"),
            counts_by_period(queryset, "received_at", periods, moment=True, distinct="participant"),
        )
    ]


register(
    Indicator(
        key="referrals",
        section="placements",
        title=gettext_lazy("Referrals received"),
        definition=gettext_lazy(
            "People referred to the pilot function by a party in the period (a person referred "
            "twice counts once)."
        ),
        unit="people",
        counts_people=True,
        calculate=referrals,
    )
)


def _days_to_placement():
    return ExpressionWrapper(
        F("started_on") - TruncDate("referral__received_at"), output_field=DurationField()
    )


def _middle(histogram, n: int):
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


def referral_to_placement(periods, scope) -> list[RawRow]:
    # Waits are whole days, so the placements of a year share a few hundred values:
    # the database counts them per value and period, and the median and the mean
    # are read off that short histogram (SQLite has no percentile function).
    keys = _keys(periods)
    histogram = (
        _placements(scope)
        .filter(in_any("started_on", periods))
        .annotate(wait=_days_to_placement())
        .values("wait")
        .annotate(
            **{
                key: Count("pk", filter=in_period("started_on", period))
                for key, period in zip(keys, periods, strict=True)
            }
        )
        .order_by("wait")
    )
    rows = list(histogram)
    counts, medians, means = [], [], []
    for key in keys:
        waits = [(row["wait"], row[key]) for row in rows if row[key]]
        n = sum(count for _wait, count in waits)
        counts.append(n)
        if not n:
            medians.append(None)
            means.append(None)
            continue
        medians.append(rounded(_middle(waits, n)))
        means.append(
            rounded(sum((wait * count for wait, count in waits), datetime.timedelta()) / n)
        )
    return [
        RawRow(_("Median days"), medians, bases=counts),
        RawRow(_("Mean days"), means, bases=counts),
    ]


register(
    Indicator(
        key="referral_to_placement",
        section="placements",
        title=gettext_lazy("Days from referral to placement"),
        definition=gettext_lazy(
            "For the placements that started in the period, the calendar days from the day the "
            "referral was received to the day the placement started: the median and the mean. "
            "Not shown when fewer than 5 placements started."
        ),
        unit="days",
        counts_people=True,
        calculate=referral_to_placement,
    )
)


def _openings(scope):
    from lotsen.placements.models import Opening

    return scoped(Opening.objects.order_by(), scope, municipality="municipality_id", party=None)


@shared
def openings(periods, scope) -> list[RawRow]:
    from lotsen.placements.models import Opening

    queryset = _openings(scope).exclude(status=Opening.Status.CLOSED)
    keys = _keys(periods)
    aggregates = {}
    for key, period in zip(keys, periods, strict=True):
        offered = Q(created_at__lt=_aware(period.end), available_from__lt=period.end)
        aggregates[f"n_{key}"] = Count("pk", filter=offered)
        aggregates[f"seats_{key}"] = Sum("capacity", filter=offered)
    figures = queryset.aggregate(**aggregates)
    return [
        RawRow(_("Work-training places offered"), [figures[f"n_{key}"] for key in keys]),
        RawRow(_("Seats (capacity)"), [figures[f"seats_{key}"] or 0 for key in keys]),
    ]


register(
    Indicator(
        key="openings",
        section="placements",
        title=gettext_lazy("Work-training places and capacity"),
        definition=gettext_lazy(
            "Work-training places at social enterprises that were registered and available by "
            "the end of the period and are not closed, and the number of participants they can "
            "take at once (capacity)."
        ),
        unit="count",
        counts_people=False,
        calculate=openings,
        scopes=frozenset({MUNICIPALITY}),
    )
)


def capacity_used(periods, scope) -> list[RawRow]:
    from lotsen.placements.models import Opening, Placement

    seats = openings(periods, scope)[1].values
    if scope == REGION:
        used = _people_in_placements(periods, scope)["at_open_places"]
    else:
        placements = scoped(
            Placement.objects.order_by().exclude(opening__status=Opening.Status.CLOSED),
            scope,
            municipality="opening__municipality_id",
            party=None,
        ).filter(_overlapping(periods))
        used = _participant_counts(placements, periods, _active_in)
    return [
        RawRow(
            _("Share of seats used"),
            [percent(u, s) for u, s in zip(used, seats, strict=True)],
            bases=used,
        )
    ]


register(
    Indicator(
        key="capacity_used",
        section="placements",
        title=gettext_lazy("Capacity used"),
        definition=gettext_lazy(
            "People in an active placement at some time in the period at places that are not "
            "closed, as a share of those places' capacity. Over 100 percent means seats were "
            "used by more than one person in turn."
        ),
        unit="percent",
        counts_people=True,
        calculate=capacity_used,
        scopes=frozenset({MUNICIPALITY}),
    )
)


def progression(periods, scope) -> list[RawRow]:
    """Mean change from the first to the last rating per dimension, placements ended.

    Reads the progress series the placements app keeps per placement and dimension
    (first and last score, number of ratings; decision 0096), so one aggregate over the
    series rated twice or more gives each period's mean of last minus first and its base.
    """
    from lotsen.placements.models import ProgressDimension, ProgressSeries

    prefix = "placement__"
    series = scoped(
        ProgressSeries.objects.order_by(),
        scope,
        **{name: prefix + path for name, path in PEOPLE_SCOPE.items()},
    ).filter(
        ratings__gte=2,
        placement__status="ended",
        placement__ended_on__gte=min(p.start for p in periods),
        placement__ended_on__lt=max(p.end for p in periods),
    )
    keys = _keys(periods)
    aggregates = {}
    for key, period in zip(keys, periods, strict=True):
        ended = Q(placement__ended_on__gte=period.start, placement__ended_on__lt=period.end)
        aggregates[f"mean_{key}"] = Avg(
            F("last_score") - F("first_score"), filter=ended, output_field=DecimalField()
        )
        aggregates[f"n_{key}"] = Count("pk", filter=ended)
    figures = {
        row["dimension_id"]: row for row in series.values("dimension_id").annotate(**aggregates)
    }
    rows = []
    for dimension in ProgressDimension.objects.all():
        row = figures.get(dimension.code)
        if row is None:
            continue
        rows.append(
            RawRow(
                dimension.name,
                [rounded(row[f"mean_{key}"], "0.01") for key in keys],
                bases=[row[f"n_{key}"] for key in keys],
            )
        )
    return rows


register(
    Indicator(
        key="progression",
        section="outcomes",
        title=gettext_lazy("Progression per dimension"),
        definition=gettext_lazy(
            "For the people whose placement ended in the period and who were rated at two "
            "follow-ups or more, the mean change from the first to the last rating (scale 1–5) "
            "per dimension. A positive figure is progress. Not shown for a dimension with fewer "
            "than 5 people rated."
        ),
        unit="change",
        counts_people=True,
        calculate=progression,
    )
)


# ----------------------------------------------------------- social enterprises
# An enterprise's municipality is where it is registered; parties do not own enterprises.


@shared
def _enterprises(periods, scope):
    from lotsen.organisations.models import SocialEnterprise

    queryset = scoped(
        SocialEnterprise.objects.order_by(),
        scope,
        municipality="organisation__municipality_id",
        party=None,
    )
    keys = _keys(periods)
    aggregates = {}
    for key, period in zip(keys, periods, strict=True):
        registered = Q(organisation__created_at__lt=_aware(period.end))
        reported = registered & Q(staff_count__isnull=False, staff_from_target_group__isnull=False)
        aggregates[f"n_{key}"] = Count("pk", filter=registered)
        aggregates[f"verified_{key}"] = Count(
            "pk", filter=registered & Q(verification_status="verified")
        )
        aggregates[f"staff_{key}"] = Sum("staff_count", filter=registered)
        aggregates[f"target_staff_{key}"] = Sum("staff_from_target_group", filter=reported)
        aggregates[f"reported_staff_{key}"] = Sum("staff_count", filter=reported)
    figures = queryset.aggregate(**aggregates)
    return {
        name: [figures[f"{name}_{key}"] for key in keys]
        for name in ("n", "verified", "staff", "target_staff", "reported_staff")
    }


def enterprises(periods, scope) -> list[RawRow]:
    figures = _enterprises(periods, scope)
    return [
        RawRow(_("Social enterprises"), figures["n"]),
        RawRow(_("Of them verified"), figures["verified"]),
    ]


register(
    Indicator(
        key="enterprises",
        section="enterprises",
        title=gettext_lazy("Social enterprises"),
        definition=gettext_lazy(
            "Social enterprises with a profile on the platform by the end of the period, and of "
            "them those whose criteria the coordinator has verified (as the profiles stand now)."
        ),
        unit="count",
        counts_people=False,
        calculate=enterprises,
        scopes=frozenset({MUNICIPALITY}),
    )
)


def enterprise_staff(periods, scope) -> list[RawRow]:
    figures = _enterprises(periods, scope)
    return [
        RawRow(_("Staff"), [value or 0 for value in figures["staff"]]),
        RawRow(_("Staff from the target group"), [v or 0 for v in figures["target_staff"]]),
    ]


register(
    Indicator(
        key="enterprise_staff",
        section="enterprises",
        title=gettext_lazy("Staff of the social enterprises"),
        definition=gettext_lazy(
            "The number of staff the social enterprises state in their profiles, and how many of "
            "them came from the target group (people far from the labour market)."
        ),
        unit="people",
        counts_people=True,
        calculate=enterprise_staff,
        scopes=frozenset({MUNICIPALITY}),
    )
)


def target_group_share(periods, scope) -> list[RawRow]:
    figures = _enterprises(periods, scope)
    return [
        RawRow(
            _("Share of staff from the target group"),
            [
                percent(part, whole)
                for part, whole in zip(
                    figures["target_staff"], figures["reported_staff"], strict=True
                )
            ],
            bases=[value or 0 for value in figures["reported_staff"]],
        )
    ]


register(
    Indicator(
        key="target_group_share",
        section="enterprises",
        title=gettext_lazy("Share of staff from the target group"),
        definition=gettext_lazy(
            "Staff from the target group as a share of all staff, over the social enterprises "
            "that state both figures. The reserved procurement of LOU 4 kap. 18 § asks at least "
            "30 percent of each enterprise."
        ),
        unit="percent",
        counts_people=True,
        calculate=target_group_share,
        scopes=frozenset({MUNICIPALITY}),
    )
)


# ------------------------------------------------------------------ support
# A request's municipality is the requesting organisation's; its party is the
# party of the association it was assigned to (the party delivered it).


def _requests(scope):
    from lotsen.support.models import SupportRequest

    return scoped(
        SupportRequest.objects.order_by(),
        scope,
        municipality="requester_organisation__municipality_id",
        party="assigned_provider_id",
    )


def support_requests(periods, scope) -> list[RawRow]:
    queryset = _requests(scope)
    return [
        RawRow(
            _("Requests received"), counts_by_period(queryset, "created_at", periods, moment=True)
        ),
        RawRow(
            _("Requests resolved"),
            counts_by_period(queryset, "resolved_at", periods, moment=True),
        ),
    ]


register(
    Indicator(
        key="support_requests",
        section="support",
        title=gettext_lazy("Support requests"),
        definition=gettext_lazy(
            "Requests for support through the one door received in the period, and requests "
            "resolved in the period."
        ),
        unit="count",
        counts_people=False,
        calculate=support_requests,
    )
)


def first_response(periods, scope) -> list[RawRow]:
    """Working days to the first response, from the pairs of days (not the requests)."""
    from lotsen.core.workdays import working_days_counter

    pairs = list(
        _requests(scope)
        .filter(in_any("created_at", periods, moment=True), first_responded_at__isnull=False)
        .values(asked=TruncDate("created_at"), answered=TruncDate("first_responded_at"))
        .annotate(n=Count("pk"))
        .order_by("asked", "answered")
    )
    # Grouped by day, the rows are bounded by the days of the periods, not by
    # the number of requests; working days need the holiday calendar in Python.
    waits: list[Counter] = [Counter() for _period in periods]
    if pairs:
        days = [day for pair in pairs for day in (pair["asked"], pair["answered"])]
        working_days_between = working_days_counter(min(days), max(days))
    for pair in pairs:
        wait = max(working_days_between(pair["asked"], pair["answered"]), 0)
        for index, period in enumerate(periods):
            if period.start <= pair["asked"] < period.end:
                waits[index][wait] += pair["n"]
    counts, medians, means = [], [], []
    for histogram in waits:
        n = histogram.total()
        counts.append(n)
        if not n:
            medians.append(None)
            means.append(None)
            continue
        medians.append(rounded(Decimal(_middle(sorted(histogram.items()), n))))
        means.append(rounded(Decimal(sum(wait * count for wait, count in histogram.items())) / n))
    return [
        RawRow(_("Median working days"), medians, bases=counts),
        RawRow(_("Mean working days"), means, bases=counts),
    ]


register(
    Indicator(
        key="first_response",
        section="support",
        title=gettext_lazy("Time to first response"),
        definition=gettext_lazy(
            "For the support requests received in the period that have been answered, the "
            "Swedish working days from the day the request came in to the day of the first "
            "response: the median and the mean."
        ),
        unit="working_days",
        counts_people=False,
        calculate=first_response,
    )
)


def support_hours(periods, scope) -> list[RawRow]:
    """Hours delivered per support area: time bank hours and mentor meetings."""
    from lotsen.core.models import SupportArea
    from lotsen.support.models import MentorMeeting, TimeBankEntry

    keys = _keys(periods)
    logged = scoped(
        TimeBankEntry.objects.order_by().filter(
            kind=TimeBankEntry.Kind.DELIVERY, request__area__isnull=False
        ),
        scope,
        # The request's enterprise: hours outside the time bank have no account.
        municipality="request__requester_organisation__municipality_id",
        party="request__assigned_provider_id",
    ).filter(in_any("created_at", periods, moment=True))
    mentored = scoped(
        MentorMeeting.objects.order_by().filter(match__request__area__isnull=False),
        scope,
        municipality="match__request__requester_organisation__municipality_id",
        party="match__mentor__organisation_id",
    ).filter(in_any("held_on", periods))
    totals: dict[str, list[Decimal]] = {}
    sources = [
        # Delivered hours are stored as negative entries of the ledger.
        (logged, "request__area_id", "created_at", True, Decimal(-1)),
        (mentored, "match__request__area_id", "held_on", False, Decimal(1)),
    ]
    for queryset, area, path, moment, sign in sources:
        rows = queryset.values(area_code=F(area)).annotate(
            **{
                key: Sum("hours", filter=in_period(path, period, moment=moment))
                for key, period in zip(keys, periods, strict=True)
            }
        )
        for row in rows:
            target = totals.setdefault(row["area_code"], [Decimal(0)] * len(periods))
            for index, key in enumerate(keys):
                target[index] += sign * (row[key] or 0)
    areas = SupportArea.objects.filter(code__in=totals).order_by("position")
    return [RawRow(area.name, totals[area.code]) for area in areas]


register(
    Indicator(
        key="support_hours",
        section="support",
        title=gettext_lazy("Support hours delivered per area"),
        definition=gettext_lazy(
            "Hours of support delivered in the period, per support area: time-bank hours logged "
            "on requests and hours of mentor meetings. With a party chosen: the hours of the "
            "requests assigned to that party and of its mentors."
        ),
        unit="hours",
        counts_people=False,
        calculate=support_hours,
    )
)


def satisfaction(periods, scope) -> list[RawRow]:
    from lotsen.support.models import MentorMatch

    keys = _keys(periods)
    rated = _requests(scope).filter(rating__isnull=False)
    aggregates = {}
    for key, period in zip(keys, periods, strict=True):
        closed = in_period("resolved_at", period, moment=True)
        aggregates[f"mean_{key}"] = Avg("rating", filter=closed)
        aggregates[f"n_{key}"] = Count("pk", filter=closed)
    requests = rated.filter(in_any("resolved_at", periods, moment=True)).aggregate(**aggregates)
    matches = scoped(
        MentorMatch.objects.order_by().filter(rating__isnull=False),
        scope,
        municipality="request__requester_organisation__municipality_id",
        party="mentor__organisation_id",
    )
    aggregates = {}
    for key, period in zip(keys, periods, strict=True):
        ended = in_period("ended_at", period, moment=True)
        aggregates[f"mean_{key}"] = Avg("rating", filter=ended)
        aggregates[f"n_{key}"] = Count("pk", filter=ended)
    mentoring = matches.filter(in_any("ended_at", periods, moment=True)).aggregate(**aggregates)
    return [
        RawRow(
            _("Support requests"),
            [rounded(requests[f"mean_{key}"], "0.01") for key in keys],
            bases=[requests[f"n_{key}"] for key in keys],
        ),
        RawRow(
            _("Mentoring"),
            [rounded(mentoring[f"mean_{key}"], "0.01") for key in keys],
            bases=[mentoring[f"n_{key}"] for key in keys],
        ),
    ]


register(
    Indicator(
        key="satisfaction",
        section="support",
        title=gettext_lazy("Satisfaction with the support"),
        definition=gettext_lazy(
            "The mean rating (1 = poor, 5 = very good) the enterprises gave requests resolved in "
            "the period and mentorships that ended in the period. Not shown when fewer than 5 "
            "gave a rating, so no one's rating can be told."
        ),
        unit="rating",
        counts_people=True,
        calculate=satisfaction,
    )
)


# ------------------------------------------------------------------- events
# An event's municipality is where it is held. Events are organised jointly and
# open to all, so a party scope has no meaning for them.


def _held_events(scope):
    from lotsen.events.models import Event

    return scoped(
        Event.objects.order_by().filter(ends_at__lt=timezone.now()),
        scope,
        municipality="municipality_id",
        party=None,
    )


def events(periods, scope) -> list[RawRow]:
    return [
        RawRow(
            _("Events held"),
            counts_by_period(_held_events(scope), "starts_at", periods, moment=True),
        )
    ]


register(
    Indicator(
        key="events",
        section="events",
        title=gettext_lazy("Events held"),
        definition=gettext_lazy(
            "Events (network meetings, seminars, supervisor training, ASF school and others) "
            "that started in the period and have ended."
        ),
        unit="count",
        counts_people=False,
        calculate=events,
        scopes=frozenset({MUNICIPALITY}),
    )
)


def _registrations(scope):
    from lotsen.events.models import Registration

    return Registration.objects.order_by().filter(
        status=Registration.Status.CONFIRMED, event__in=_held_events(scope).values("pk")
    )


def event_participants(periods, scope) -> list[RawRow]:
    from lotsen.organisations.models import Organisation

    keys = _keys(periods)
    rows = (
        _registrations(scope)
        .filter(in_any("event__starts_at", periods, moment=True), attended=True)
        .values("organisation__kind")
        .annotate(
            **{
                key: Count("pk", filter=in_period("event__starts_at", period, moment=True))
                for key, period in zip(keys, periods, strict=True)
            }
        )
    )
    by_kind = {row["organisation__kind"] or "": [row[key] for key in keys] for row in rows}
    kinds = [*Organisation.Kind.choices, ("", _("No organisation given"))]
    return [RawRow(label, by_kind.get(kind, [0] * len(periods))) for kind, label in kinds]


register(
    Indicator(
        key="event_participants",
        section="events",
        title=gettext_lazy("Event participants by organisation kind"),
        definition=gettext_lazy(
            "Participations in the events held in the period, marked as attended by the "
            "organiser, by the kind of organisation the participant came from. A person at two "
            "events counts twice."
        ),
        unit="people",
        counts_people=True,
        calculate=event_participants,
        scopes=frozenset({MUNICIPALITY}),
        partitions=True,
    )
)


def event_turnout(periods, scope) -> list[RawRow]:
    keys = _keys(periods)
    aggregates = {}
    for key, period in zip(keys, periods, strict=True):
        held = in_period("event__starts_at", period, moment=True)
        aggregates[f"came_{key}"] = Count("pk", filter=held & Q(attended=True))
        aggregates[f"marked_{key}"] = Count("pk", filter=held & Q(attended__isnull=False))
    figures = (
        _registrations(scope)
        .filter(in_any("event__starts_at", periods, moment=True))
        .aggregate(**aggregates)
    )
    marked = [figures[f"marked_{key}"] for key in keys]
    return [
        RawRow(
            _("Share who came"),
            [percent(figures[f"came_{key}"], figures[f"marked_{key}"]) for key in keys],
            bases=marked,
        )
    ]


register(
    Indicator(
        key="event_turnout",
        section="events",
        title=gettext_lazy("Turnout at events"),
        definition=gettext_lazy(
            "Of the confirmed registrations for events held in the period whose attendance was "
            "marked, the share who came."
        ),
        unit="percent",
        counts_people=True,
        calculate=event_turnout,
        scopes=frozenset({MUNICIPALITY}),
    )
)


# -------------------------------------------------------------------- needs


def needs(periods, scope) -> list[RawRow]:
    """Mean need per area in the latest needs inventory closed by the end of each period."""
    from lotsen.surveys.models import Survey
    from lotsen.surveys.services import needs_ranking

    inventories = list(
        Survey.objects.filter(kind=Survey.Kind.NEEDS_INVENTORY)
        .exclude(status=Survey.Status.DRAFT)
        .filter(closes_at__lt=_aware(max(p.end for p in periods)))
        .order_by("closes_at")
    )
    chosen = []
    for period in periods:
        closed = [s for s in inventories if s.closes_at < _aware(period.end)]
        chosen.append(closed[-1] if closed else None)
    rankings = {
        survey.pk: {need.area.code: need for need in needs_ranking(survey)}
        for survey in {s for s in chosen if s is not None}
    }
    latest = chosen[-1]
    if latest is None:
        return []
    rows = []
    for need in sorted(rankings[latest.pk].values(), key=lambda need: need.rank):
        if not need.answers:
            continue
        values, bases = [], []
        for survey in chosen:
            other = rankings[survey.pk].get(need.area.code) if survey else None
            values.append(other.mean if other else None)
            bases.append(other.answers if other else 0)
        rows.append(RawRow(need.area.name, values, bases=bases))
    return rows


register(
    Indicator(
        key="needs",
        section="needs",
        title=gettext_lazy("Needs per support area"),
        definition=gettext_lazy(
            "The enterprises' mean need (1 = none, 5 = great) per support area in the latest "
            "needs inventory closed by the end of the period, greatest need first, beside the "
            "inventory that was latest at the end of the previous period. The inventory "
            "covers the whole region."
        ),
        unit="rating",
        counts_people=True,
        calculate=needs,
        scopes=frozenset(),
    )
)


# ------------------------------------------------------------------ economy
# Budget is the year's plan; with a party chosen, the plan areas that party is
# responsible for (the ownership model) and what was spent in them.


@shared
def _budget_figures(periods, scope) -> tuple[list[Decimal | None], list[Decimal]]:
    from lotsen.funding.models import Expenditure, PlanItem

    years = sorted({p.year for p in periods})
    items = PlanItem.objects.filter(plan__year__in=years).order_by()
    if scope.party_id is not None:
        items = items.filter(responsible_party_id=scope.party_id)
    budgets = {
        row["plan__year"]: row["total"]
        for row in items.values("plan__year").annotate(total=Sum("budget"))
    }
    spending = Expenditure.objects.order_by().filter(in_any("spent_on", periods))
    if scope.party_id is not None:
        spending = spending.filter(
            area_id__in=PlanItem.objects.filter(
                plan__year__in=years, responsible_party_id=scope.party_id
            ).values("area_id")
        )
    spent = spending.aggregate(
        **{
            key: Sum("gross_amount", filter=in_period("spent_on", period))
            for key, period in zip(_keys(periods), periods, strict=True)
        }
    )
    return (
        [budgets.get(p.year) for p in periods],
        [spent[key] or Decimal(0) for key in _keys(periods)],
    )


def budget_outcome(periods, scope) -> list[RawRow]:
    budgets, spent = _budget_figures(periods, scope)
    return [
        RawRow(_("Budget of the year's plan"), budgets),
        RawRow(_("Spent in the period"), spent),
    ]


register(
    Indicator(
        key="budget_outcome",
        section="economy",
        title=gettext_lazy("Plan budget against outcome"),
        definition=gettext_lazy(
            "The budget of the areas in the year's plan and the expenditure (including VAT) "
            "recorded in the period. For a month or a quarter the budget is still the whole "
            "year's. With a party chosen: the areas that party is responsible for."
        ),
        unit="kronor",
        counts_people=False,
        calculate=budget_outcome,
        scopes=frozenset({PARTY}),
    )
)


def budget_used(periods, scope) -> list[RawRow]:
    budgets, spent = _budget_figures(periods, scope)
    return [
        RawRow(
            _("Share of the year's budget spent"),
            [percent(s, b) for s, b in zip(spent, budgets, strict=True)],
        )
    ]


register(
    Indicator(
        key="budget_used",
        section="economy",
        title=gettext_lazy("Share of the budget spent"),
        definition=gettext_lazy(
            "The expenditure recorded in the period as a share of the budget of the year's plan."
        ),
        unit="percent",
        counts_people=False,
        calculate=budget_used,
        scopes=frozenset({PARTY}),
    )
)
