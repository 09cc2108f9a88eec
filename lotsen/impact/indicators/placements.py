"""Work training and placements: the people in placements, referrals and the places offered.

People flows are scoped by the participant's municipality and the referring party
(the caseworker's organisation).
"""

import datetime
from dataclasses import dataclass

import numpy as np
from django.db.models import Case, Count, DateField, Q, Sum, Value, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lotsen.placements.models import OUTCOME_GROUPS, Opening, OutcomeGroup, Placement, Referral

from ..periods import Period
from .figures import (
    DaysBetween,
    LocalDate,
    aware,
    counts_by_period,
    in_any,
    in_period,
    integer_table,
    median_of,
    percent,
    period_keys,
    rounded,
    scoped,
    shared,
)
from .vocabulary import MUNICIPALITY, REGION, Indicator, RawRow, Scope

PEOPLE_SCOPE = {
    "municipality": "participant__municipality_id",
    "party": "referral__referring_party_id",
}


def _placements(scope: Scope):
    return scoped(Placement.objects.order_by(), scope, **PEOPLE_SCOPE)


def _overlapping(periods) -> Q:
    """Placements under way at some time in the periods: only they can count in any row."""
    return (
        Q(started_on__lt=max(p.end for p in periods))
        & (Q(ended_on__isnull=True) | Q(ended_on__gte=min(p.start for p in periods)))
        & Q(status__in=[Placement.Status.ACTIVE, Placement.Status.ENDED])
    )


# Days are counted from this date, so that the database hands over integers; a
# placement that goes on ends, for the comparisons, on a day far beyond any period.
_EPOCH = datetime.date(2000, 1, 1)
_STILL_GOING = 10_000_000
_GROUPS = list(OutcomeGroup.values)


def _day(day: datetime.date) -> int:
    return (day - _EPOCH).days


@dataclass(frozen=True)
class _UnderWay:
    """The placements under way in the periods, a column each (decision 0210).

    Every rule of the people flows is a comparison of these columns, so the rows are
    fetched once, as integers, and each person's rows are folded together in NumPy: a
    grouping by person with a dozen conditions per row cost the database seconds at
    national scale.
    """

    person: np.ndarray  # in order, each person's rows together
    first_of_person: np.ndarray  # where each person's rows begin
    started: np.ndarray
    ended: np.ndarray
    is_ended: np.ndarray
    group: np.ndarray  # the outcome group's index in _GROUPS
    opening: np.ndarray

    @classmethod
    def fetch(cls, placements, periods) -> "_UnderWay":
        epoch = Value(_EPOCH, output_field=DateField())
        group_of = [
            When(outcome__in=[o for o, g in OUTCOME_GROUPS.items() if g == group], then=index)
            for index, group in enumerate(_GROUPS)
            if group != OutcomeGroup.OTHER
        ]
        table = integer_table(
            placements.filter(_overlapping(periods)).values_list(
                "participant_id",
                DaysBetween("started_on", epoch),
                Coalesce(DaysBetween("ended_on", epoch), _STILL_GOING),
                Case(When(status=Placement.Status.ENDED, then=1), default=0),
                Case(*group_of, default=_GROUPS.index(OutcomeGroup.OTHER)),
                "opening_id",
            )
        )
        table = table[np.argsort(table[:, 0], kind="stable")]
        person = table[:, 0]
        return cls(
            person=person,
            first_of_person=np.flatnonzero(np.diff(person, prepend=-1)),
            started=table[:, 1],
            ended=table[:, 2],
            is_ended=table[:, 3] == 1,
            group=table[:, 4],
            opening=table[:, 5],
        )

    def started_in(self, period: Period) -> np.ndarray:
        return (self.started >= _day(period.start)) & (self.started < _day(period.end))

    def active_in(self, period: Period) -> np.ndarray:
        return (self.started < _day(period.end)) & (self.ended >= _day(period.start))

    def ended_in(self, period: Period) -> np.ndarray:
        return self.is_ended & (self.ended >= _day(period.start)) & (self.ended < _day(period.end))

    def ended_in_group(self, period: Period, group: str) -> np.ndarray:
        return self.ended_in(period) & (self.group == _GROUPS.index(group))

    def people(self, rows: np.ndarray) -> int:
        """How many distinct people have at least one of the rows."""
        if not len(rows):
            return 0
        return int(np.logical_or.reduceat(rows, self.first_of_person).sum())


@shared
def people_in_placements(periods, scope) -> dict[str, list[int]]:
    """People who started, were active and ended in each period, and who ended per
    outcome group: the placements and exit indicators read the same rows.

    For the whole region it also counts the people active at places not closed (the
    capacity used): places are scoped by their own municipality and people by theirs,
    so only without a scope are those the same rows.
    """
    rows = _UnderWay.fetch(_placements(scope), periods)
    conditions = {
        "started": rows.started_in,
        "active": rows.active_in,
        "total": rows.ended_in,
        **{
            group: lambda period, group=group: rows.ended_in_group(period, group)
            for group in OutcomeGroup.values
        },
    }
    if scope == REGION:
        closed = Opening.objects.filter(status=Opening.Status.CLOSED).values_list("pk", flat=True)
        at_open_place = ~np.isin(rows.opening, list(closed))
        conditions["at_open_places"] = lambda period: rows.active_in(period) & at_open_place
    return {
        name: [rows.people(condition(period)) for period in periods]
        for name, condition in conditions.items()
    }


def placement_flow(periods, scope) -> list[RawRow]:
    figures = people_in_placements(periods, scope)
    return [
        RawRow(_("Participants who started"), figures["started"]),
        RawRow(_("Participants in work training"), figures["active"]),
        RawRow(_("Participants who ended"), figures["total"]),
    ]


PLACEMENTS = Indicator(
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


def referrals(periods, scope) -> list[RawRow]:
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


REFERRALS = Indicator(
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


def _days_to_placement(periods):
    # A referral is received before its placement starts, most within a year.
    received = LocalDate(
        "referral__received_at",
        min(p.start for p in periods) - datetime.timedelta(days=2 * 366),
        max(p.end for p in periods),
    )
    return DaysBetween("started_on", received)


def referral_to_placement(periods, scope) -> list[RawRow]:
    # Waits are whole days, so the placements of a year share a few hundred values:
    # the database counts them per value and period, and the median and the mean
    # are read off that short histogram (SQLite has no percentile function).
    keys = period_keys(periods)
    histogram = (
        _placements(scope)
        .filter(in_any("started_on", periods))
        .annotate(wait=_days_to_placement(periods))
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
        waits = [(datetime.timedelta(days=row["wait"]), row[key]) for row in rows if row[key]]
        n = sum(count for _wait, count in waits)
        counts.append(n)
        if not n:
            medians.append(None)
            means.append(None)
            continue
        medians.append(rounded(median_of(waits, n)))
        means.append(
            rounded(sum((wait * count for wait, count in waits), datetime.timedelta()) / n)
        )
    return [
        RawRow(_("Median days"), medians, bases=counts),
        RawRow(_("Mean days"), means, bases=counts),
    ]


REFERRAL_TO_PLACEMENT = Indicator(
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


def _openings(scope):
    return scoped(Opening.objects.order_by(), scope, municipality="municipality_id", party=None)


@shared
def openings(periods, scope) -> list[RawRow]:
    queryset = _openings(scope).exclude(status=Opening.Status.CLOSED)
    keys = period_keys(periods)
    aggregates = {}
    for key, period in zip(keys, periods, strict=True):
        offered = Q(created_at__lt=aware(period.end), available_from__lt=period.end)
        aggregates[f"n_{key}"] = Count("pk", filter=offered)
        aggregates[f"seats_{key}"] = Sum("capacity", filter=offered)
    figures = queryset.aggregate(**aggregates)
    return [
        RawRow(_("Work-training places offered"), [figures[f"n_{key}"] for key in keys]),
        RawRow(_("Seats (capacity)"), [figures[f"seats_{key}"] or 0 for key in keys]),
    ]


OPENINGS = Indicator(
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


def capacity_used(periods, scope) -> list[RawRow]:
    seats = openings(periods, scope)[1].values
    if scope == REGION:
        used = people_in_placements(periods, scope)["at_open_places"]
    else:
        placements = scoped(
            Placement.objects.order_by().exclude(opening__status=Opening.Status.CLOSED),
            scope,
            municipality="opening__municipality_id",
            party=None,
        )
        rows = _UnderWay.fetch(placements, periods)
        used = [rows.people(rows.active_in(period)) for period in periods]
    return [
        RawRow(
            _("Share of seats used"),
            [percent(u, s) for u, s in zip(used, seats, strict=True)],
            bases=used,
        )
    ]


CAPACITY_USED = Indicator(
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
