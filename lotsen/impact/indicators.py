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
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lotsen.core.small_cells import is_small, suppress

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

    def base(self, index: int) -> Value:
        return self.values[index] if self.bases is None else self.bases[index]


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
    hidden: bool
    previous_hidden: bool = False

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


INDICATORS: dict[str, Indicator] = {}


def register(indicator: Indicator) -> Indicator:
    if indicator.section not in SECTIONS or indicator.unit not in UNITS:
        raise ValueError(f"{indicator.key}: unknown section or unit")
    INDICATORS[indicator.key] = indicator
    return indicator


# ------------------------------------------------------------------ helpers


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


def format_value(value: Value, *, hidden: bool = False, unit: str = "") -> str:
    if hidden:
        return "<5"
    if value is None:
        return "–"
    text = formats.number_format(value, use_l10n=True, force_grouping=True)
    return f"{text} %" if unit == "percent" else text


# ------------------------------------------------------- the public interface


def _hidden_flags(indicator: Indicator, raw: list[RawRow], index: int, show: bool) -> list[bool]:
    if show or not indicator.counts_people:
        return [False] * len(raw)
    bases = [row.base(index) for row in raw]
    if indicator.partitions:
        hidden = suppress(bases)
        return [i in hidden for i in range(len(raw))]
    return [is_small(base) for base in bases]


def change_text(title: str, unit: str, row: Row) -> str:
    """What changed since the previous period, said of the indicator's first row."""
    if row.hidden or row.previous_hidden:
        return _("%(title)s: fewer than 5 in this or the previous period; no comparison shown.") % {
            "title": title
        }
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
        now_hidden = _hidden_flags(indicator, raw, 1, show_small_cells)
        before_hidden = _hidden_flags(indicator, raw, 0, show_small_cells)
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
        text = change_text(title, indicator.unit, rows[0])
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
    for indicator in chosen:
        applicable = indicator.applies_to(scope)
        raw = indicator.compute_many(periods, scope) if applicable else []
        results.append(
            result_from(indicator, raw, show_small_cells=show_small_cells, applicable=applicable)
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


def _participant_counts(queryset, periods, condition: Callable[[Period], Q]) -> list[int]:
    figures = queryset.aggregate(
        **{
            key: Count("referral__participant", filter=condition(period), distinct=True)
            for key, period in zip(_keys(periods), periods, strict=True)
        }
    )
    return [figures[key] for key in _keys(periods)]


def _active_in(period: Period) -> Q:
    from lotsen.placements.models import Placement

    return (
        Q(started_on__lt=period.end)
        & (Q(ended_on__isnull=True) | Q(ended_on__gte=period.start))
        & Q(status__in=[Placement.Status.ACTIVE, Placement.Status.ENDED])
    )


def _ended_in(period: Period) -> Q:
    from lotsen.placements.models import Placement

    return Q(status=Placement.Status.ENDED) & in_period("ended_on", period)


def placement_flow(periods, scope) -> list[RawRow]:
    placements = _placements(scope).filter(started_on__lt=max(p.end for p in periods))
    return [
        RawRow(
            _("Participants who started"),
            _participant_counts(placements, periods, lambda p: in_period("started_on", p)),
        ),
        RawRow(
            _("Participants in work training"), _participant_counts(placements, periods, _active_in)
        ),
        RawRow(_("Participants who ended"), _participant_counts(placements, periods, _ended_in)),
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

    placements = _placements(scope).filter(_ended_in_any(periods))
    aggregates = {}
    for index, period in enumerate(periods):
        aggregates[f"total_{index}"] = Count(
            "referral__participant", filter=_ended_in(period), distinct=True
        )
        for group in OutcomeGroup.values:
            aggregates[f"{group}_{index}"] = Count(
                "referral__participant",
                filter=_ended_in(period) & _outcome_condition(group),
                distinct=True,
            )
    figures = placements.aggregate(**aggregates)
    return {
        name: [figures[f"{name}_{index}"] for index in range(len(periods))]
        for name in ["total", *OutcomeGroup.values]
    }


def _ended_in_any(periods) -> Q:
    from lotsen.placements.models import Placement

    return Q(status=Placement.Status.ENDED) & in_any("ended_on", periods)


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

    figures = _exit_figures([period], scope)
    return {group: figures[group][0] for group in OutcomeGroup.values}


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
    figures = _exit_figures(periods, scope)
    into = [w + s for w, s in zip(figures["work"], figures["studies"], strict=True)]
    return [
        RawRow(
            _("Share into work or studies"),
            [percent(part, whole) for part, whole in zip(into, figures["total"], strict=True)],
            bases=figures["total"],
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
