"""Support to the enterprises: requests, response times, hours delivered and satisfaction.

A request's municipality is the requesting organisation's; its party is the party of
the association it was assigned to (the party delivered it).
"""

import datetime
from collections import Counter
from decimal import Decimal

from django.db.models import Avg, Count, F, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lotsen.core.models import SupportArea
from lotsen.core.workdays import working_days_counter
from lotsen.support.models import MentorMatch, MentorMeeting, SupportRequest, TimeBankEntry

from .figures import (
    LocalDate,
    counts_by_period,
    in_any,
    in_period,
    median_of,
    period_keys,
    rounded,
    scoped,
)
from .vocabulary import Indicator, RawRow


def _requests(scope):
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


SUPPORT_REQUESTS = Indicator(
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


def first_response(periods, scope) -> list[RawRow]:
    """Working days to the first response, from the pairs of days (not the requests)."""
    start = min(p.start for p in periods)
    # Most requests are answered within a year of the periods' end.
    end = max(p.end for p in periods) + datetime.timedelta(days=366)
    pairs = list(
        _requests(scope)
        .filter(in_any("created_at", periods, moment=True), first_responded_at__isnull=False)
        .values(
            asked=LocalDate("created_at", start, end),
            answered=LocalDate("first_responded_at", start, end),
        )
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
        medians.append(rounded(Decimal(median_of(sorted(histogram.items()), n))))
        means.append(rounded(Decimal(sum(wait * count for wait, count in histogram.items())) / n))
    return [
        RawRow(_("Median working days"), medians, bases=counts),
        RawRow(_("Mean working days"), means, bases=counts),
    ]


FIRST_RESPONSE = Indicator(
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


def support_hours(periods, scope) -> list[RawRow]:
    """Hours delivered per support area: time bank hours and mentor meetings."""
    keys = period_keys(periods)
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


SUPPORT_HOURS = Indicator(
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


def satisfaction(periods, scope) -> list[RawRow]:
    keys = period_keys(periods)
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


SATISFACTION = Indicator(
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
