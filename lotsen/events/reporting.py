"""What the events app offers the funding follow-up, which registers it.

This module does not import funding: funding reads these functions and
registers them in its own `AppConfig.ready()`.

An event held in a year gives each organising party of the association its
duration as delivered hours in the event's support area; the participants are
the confirmed registrations marked as attended. Events count once they have
ended. Each function runs one query.
"""

from collections.abc import Iterator
from datetime import timedelta
from decimal import Decimal

from django.db.models import DurationField, ExpressionWrapper, F, Sum
from django.utils import timezone

from lotsen.organisations.models import Organisation

from .models import Event, Registration

SECONDS_PER_HOUR = Decimal(3600)


def _hours(duration: timedelta) -> Decimal:
    return (Decimal(duration.total_seconds()) / SECONDS_PER_HOUR).quantize(Decimal("0.01"))


def party_event_hours(year: int) -> Iterator[tuple[int, str, Decimal]]:
    """(party id, area code, hours) of the events the parties organised in the year."""
    rows = (
        Event.objects.filter(
            starts_at__year=year,
            ends_at__lt=timezone.now(),
            support_area__isnull=False,
            organisers__kind=Organisation.Kind.PARTY,
        )
        .order_by()
        .values_list("organisers__id", "support_area_id")
        .annotate(
            total=Sum(
                ExpressionWrapper(F("ends_at") - F("starts_at"), output_field=DurationField())
            )
        )
    )
    for party_id, area_code, total in rows:
        yield party_id, area_code, _hours(total)


def event_participants(year: int) -> int:
    """People who came to the events held in the year."""
    return Registration.objects.filter(
        event__starts_at__year=year,
        status=Registration.Status.CONFIRMED,
        attended=True,
    ).count()
