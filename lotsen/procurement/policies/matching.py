"""Who may see and do what in matching.

- The buyer who publishes an opportunity, and the coordinator, see which enterprises fit
  it and invite them; the enterprises are those whose profiles they may see.
- Enterprise users see the open opportunities that fit their enterprises, and keep their
  own saved searches; anyone holding a digest's link may end that one search.
- The coordinator keeps the CPV–SNI correspondence.
"""

from lotsen.accounts.models import Role
from lotsen.accounts.policies import is_coordinator
from lotsen.accounts.roles import has_role
from lotsen.core.access import POST_ONLY, PUBLIC, only

from . import publishes_for


def can_see_fit(user, opportunity) -> bool:
    return publishes_for(user, opportunity) or is_coordinator(user)


def can_invite(user, opportunity) -> bool:
    return can_see_fit(user, opportunity)


def can_keep_links(user) -> bool:
    return is_coordinator(user)


def can_save_searches(user) -> bool:
    return has_role(user, Role.ENTERPRISE)


def saved_searches_of(user):
    from ..models import SavedSearch

    return SavedSearch.objects.filter(user=user)


# The expected answer of each URL of this part for each persona (lotsen.core.access).
ACCESS: dict = {
    "procurement:fit": only(Role.COORDINATOR, Role.BUYER),
    "procurement:fit_invite": POST_ONLY,
    "procurement:for_us": only(Role.ENTERPRISE),
    "procurement:links": only(Role.COORDINATOR),
    "procurement:links_import": POST_ONLY,
    "procurement:link_delete": POST_ONLY,
    "procurement:alerts": only(Role.ENTERPRISE),
    "procurement:alert_create": only(Role.ENTERPRISE),
    "procurement:alert_edit": only(Role.ENTERPRISE),
    "procurement:alert_delete": POST_ONLY,
    "procurement:alert_unsubscribe": PUBLIC,
}
