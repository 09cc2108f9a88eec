"""Who may see and do what with partner systems (docs/access-rules.md, decision 0205).

- coordinator: makes and revokes the parties' API keys; a key is a standing power to
  refer people, so it is given by the one who governs the pilot function, not by a
  party for itself;
- a key: acts as a caseworker of its party, and only that (lotsen.placements.policies
  scopes it through the party's service identity);
- everyone else: nothing here.
"""

from lotsen.accounts.policies import is_coordinator
from lotsen.core.access import DENIED, POST_ONLY, Rule, only
from lotsen.core.roles import Role


def can_manage_api_keys(user) -> bool:
    return is_coordinator(user)


def api_keys_visible_to(user, queryset):
    return queryset if can_manage_api_keys(user) else queryset.none()


# Answered only to a key: a signed-in person, whatever their role, and a visitor get 401.
PARTNER_API = Rule(anonymous=DENIED, others=DENIED)

# The expected answer of each URL for each persona (lotsen.core.access).
ACCESS = {
    "integrations:key_list": only(Role.COORDINATOR),
    "integrations:key_create": only(Role.COORDINATOR),
    "integrations:key_revoke": POST_ONLY,
    "api:partner:referral_list": PARTNER_API,
    "api:partner:referral_detail": PARTNER_API,
}
