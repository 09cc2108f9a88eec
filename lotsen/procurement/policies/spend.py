"""Who may see and do what in spend.

- The buyer who owns an opportunity, or the coordinator, records its awards.
- A buyer records and sees its own organisations' purchases from social enterprises;
  the coordinator sees and records everyone's.
- The open data (OCDS) and the feed of new opportunities are public.
"""

from lotsen.accounts.policies import is_coordinator
from lotsen.core.access import PUBLIC, only
from lotsen.core.roles import Role
from lotsen.organisations.models import Organisation

from . import buyer_organisations, is_buyer, publishes_for


def can_record_awards(user, opportunity) -> bool:
    return publishes_for(user, opportunity) or is_coordinator(user)


def can_record_purchases(user) -> bool:
    return is_buyer(user) or is_coordinator(user)


def purchase_buyers_for(user):
    """The organisations a user may record purchases for."""
    if is_coordinator(user):
        return Organisation.objects.filter(
            kind__in=(Organisation.Kind.PARTY, Organisation.Kind.BUYER)
        ).order_by("name")
    return buyer_organisations(user).order_by("name")


def purchases_visible_to(user, queryset):
    if is_coordinator(user):
        return queryset
    if is_buyer(user):
        return queryset.filter(buyer__in=buyer_organisations(user))
    return queryset.none()


RECORDERS = only(Role.COORDINATOR, Role.BUYER)

# The expected answer of each URL of this part for each persona (lotsen.core.access).
ACCESS: dict = {
    # A buyer other than the owner gets 404; the matrix's buyer owns the opportunity.
    "procurement:award": RECORDERS,
    "procurement:purchases": RECORDERS,
    "procurement:purchase_create": RECORDERS,
    "procurement:purchase_edit": RECORDERS,
    "procurement:ocds": PUBLIC,
    "procurement:feed": PUBLIC,
}
