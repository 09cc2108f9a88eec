"""Who may see and do what in publishing.

Everyone reads published, closed and awarded opportunities and their documents; a draft
is its buyer's and the coordinator's. A buyer's users write and move their own
organisation's opportunities; the coordinator helps any buyer.
"""

from lotsen.accounts.models import Role
from lotsen.accounts.policies import is_coordinator
from lotsen.core.access import POST_ONLY, PUBLIC, only
from lotsen.organisations.models import Organisation

from . import buyer_organisations, is_buyer


def organisations_published_for(user):
    """The organisations the user may name as an opportunity's buyer."""
    if is_coordinator(user):
        return Organisation.objects.filter(
            kind__in=(Organisation.Kind.PARTY, Organisation.Kind.BUYER)
        ).order_by("name")
    return buyer_organisations(user).order_by("name")


def can_list_own(user) -> bool:
    return is_buyer(user) or is_coordinator(user)


PUBLISHERS = only(Role.BUYER, Role.COORDINATOR)

# The expected answer of each URL of this part for each persona (lotsen.core.access).
ACCESS: dict = {
    "procurement:list": PUBLIC,
    "procurement:detail": PUBLIC,
    "procurement:document": PUBLIC,
    "procurement:mine": PUBLISHERS,
    "procurement:create": PUBLISHERS,
    "procurement:edit": PUBLISHERS,
    "procurement:documents": PUBLISHERS,
    "procurement:move": POST_ONLY,
    "procurement:document_delete": POST_ONLY,
}
