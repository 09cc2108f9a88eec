"""What the support function offers the funding follow-up, which registers it.

This module does not import funding: funding reads these functions and
registers them in its own `AppConfig.ready()`.

A support hour counts where it was delivered: time bank hours logged on a
request and hours of mentor meetings. It is a party's delivered hour when the
request was assigned to a party of the association, or the mentor works for
one; the area is the request's. Each function runs a fixed number of queries.
"""

from collections.abc import Iterator
from decimal import Decimal

from django.db.models import Sum

from lotsen.organisations.models import Organisation

from .models import MentorMeeting, TimeBankEntry

PARTY = Organisation.Kind.PARTY


def _deliveries(year: int):
    return TimeBankEntry.objects.filter(
        kind=TimeBankEntry.Kind.DELIVERY, created_at__year=year
    ).order_by()


def _meetings(year: int):
    return MentorMeeting.objects.filter(held_on__year=year).order_by()


def party_support_hours(year: int) -> Iterator[tuple[int, str, Decimal]]:
    """(party id, area code, hours) of the support the parties delivered in the year."""
    logged = (
        _deliveries(year)
        .filter(request__assigned_provider__kind=PARTY, request__area__isnull=False)
        .values_list("request__assigned_provider_id", "request__area_id")
        .annotate(total=Sum("hours"))
    )
    for party_id, area_code, total in logged:
        # Delivered hours are stored as negative entries of the ledger.
        yield party_id, area_code, -total
    mentored = (
        _meetings(year)
        .filter(match__mentor__organisation__kind=PARTY, match__request__area__isnull=False)
        .values_list("match__mentor__organisation_id", "match__request__area_id")
        .annotate(total=Sum("hours"))
    )
    yield from mentored


def support_hours(year: int) -> Decimal:
    """All support hours delivered in the year, whoever delivered them."""
    logged = _deliveries(year).aggregate(total=Sum("hours"))["total"] or Decimal(0)
    mentored = _meetings(year).aggregate(total=Sum("hours"))["total"] or Decimal(0)
    return -logged + mentored
