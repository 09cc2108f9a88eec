"""Local dates computed by the database give the figures Django's conversion gave."""

import datetime

import pytest
from django.db.models import DurationField, ExpressionWrapper, F
from django.db.models.functions import TruncDate
from django.utils import timezone

from lotsen.impact.indicators.figures import DaysBetween, LocalDate
from lotsen.placements.models import Placement, Referral

from .factories import episode, party

pytestmark = pytest.mark.django_db


def _moments_around_the_changes(year: int) -> list[datetime.datetime]:
    """UTC instants on either side of local midnight through the year, the days the
    clocks change among them, and a few outside the span read."""
    utc = datetime.UTC
    moments = []
    day = datetime.date(year, 1, 1)
    while day.year == year:
        for hour, minute in [(21, 59), (22, 0), (22, 59), (23, 0), (23, 59), (0, 30), (1, 0)]:
            moments.append(datetime.datetime.combine(day, datetime.time(hour, minute), utc))
        day += datetime.timedelta(days=3 if day.month not in (3, 10) else 1)
    moments += [datetime.datetime(year - 3, 7, 1, 22, 30, tzinfo=utc)]
    moments += [datetime.datetime(year + 2, 12, 31, 23, 30, tzinfo=utc)]
    return moments


def test_local_dates_and_waits_equal_djangos_conversion_through_the_year():
    year = timezone.localdate().year - 1
    first = episode(
        referring_party=party(),
        received=datetime.date(year, 1, 1),
        started=datetime.date(year + 1, 2, 1),
    )
    placement = Placement.objects.get(referral=first)
    for received_at in _moments_around_the_changes(year):
        referral = Referral.objects.create(
            participant=first.participant,
            referring_party=first.referring_party,
            caseworker=first.caseworker,
            status=first.status,
            received_at=received_at,
        )
        Placement.objects.create(
            referral=referral,
            opening=placement.opening,
            status=placement.status,
            proposed_by=placement.proposed_by,
            started_on=placement.started_on,
        )
    span = (datetime.date(year, 1, 1), datetime.date(year + 1, 1, 1))

    dates = Referral.objects.order_by("pk").annotate(
        django=TruncDate("received_at"), native=LocalDate("received_at", *span)
    )
    assert [r.native for r in dates] == [r.django for r in dates]
    assert len({r.django for r in dates}) > 150

    waits = Placement.objects.order_by("pk").annotate(
        django=ExpressionWrapper(
            F("started_on") - TruncDate("referral__received_at"), output_field=DurationField()
        ),
        native=DaysBetween("started_on", LocalDate("referral__received_at", *span)),
    )
    assert [datetime.timedelta(days=p.native) for p in waits] == [p.django for p in waits]
