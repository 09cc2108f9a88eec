"""Who may see and do what in sales and procurement.

- Everyone sees published opportunities, their public answers and awards.
- A buyer's users (the buyer role in a buyer or party organisation) draft, publish,
  answer questions and record awards and purchases for their own organisation.
- Enterprise users declare interest, ask, save searches, and form consortia for their
  enterprise; a consortium's workspace is its members' and the coordinator's.
- The coordinator sees everything and keeps the CPV–SNI correspondence.
"""

from django.db.models import Q

from lotsen.accounts.models import Role
from lotsen.accounts.policies import is_coordinator
from lotsen.accounts.roles import has_role
from lotsen.organisations.models import Organisation


def buyer_organisations(user):
    """The organisations a user publishes for."""
    return Organisation.objects.where_user_holds(user, Role.BUYER)


def enterprises_of(user):
    return Organisation.objects.where_user_holds(user, Role.ENTERPRISE).filter(
        kind=Organisation.Kind.SOCIAL_ENTERPRISE
    )


def is_buyer(user) -> bool:
    return has_role(user, Role.BUYER)


def opportunities_visible_to(user, queryset):
    from ..models import Opportunity

    if is_coordinator(user):
        return queryset
    public = ~Q(status=Opportunity.Status.DRAFT)
    if is_buyer(user):
        return queryset.filter(public | Q(buyer__in=buyer_organisations(user)))
    return queryset.filter(public)


def publishes_for(user, opportunity) -> bool:
    return is_buyer(user) and buyer_organisations(user).filter(pk=opportunity.buyer_id).exists()


def can_create_opportunity(user) -> bool:
    return is_buyer(user) or is_coordinator(user)


def can_edit_opportunity(user, opportunity) -> bool:
    from ..models import Opportunity

    return opportunity.status in (Opportunity.Status.DRAFT, Opportunity.Status.PUBLISHED) and (
        publishes_for(user, opportunity) or is_coordinator(user)
    )


def can_move_opportunity(user, opportunity, status: str) -> bool:
    """The buyer publishes, closes, awards and cancels its own; the coordinator helps."""
    return publishes_for(user, opportunity) or is_coordinator(user)


# The expected answer of each URL for each persona (lotsen.core.access), by part.
def _access() -> dict:
    from . import engagement, matching, publishing, spend

    return {**publishing.ACCESS, **matching.ACCESS, **engagement.ACCESS, **spend.ACCESS}


ACCESS = _access()
