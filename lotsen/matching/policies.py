"""Who may use matching: the coordinator only, who proposes placements."""

from lotsen.accounts.models import Role
from lotsen.core.access import POST_ONLY, only
from lotsen.placements import policies as placement_policies


def can_match(user) -> bool:
    return placement_policies.can_propose(user)


def can_change_weights(user) -> bool:
    return placement_policies.can_propose(user)


# The expected answer of each URL for each persona (lotsen.core.access).
ACCESS = {
    "matching:index": only(Role.COORDINATOR),
    "matching:referral_suggestions": only(Role.COORDINATOR),
    "matching:opening_suggestions": only(Role.COORDINATOR),
    "matching:propose": POST_ONLY,
    "matching:batch": only(Role.COORDINATOR),
    "matching:weights": only(Role.COORDINATOR),
}
