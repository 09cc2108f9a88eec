"""Who may use matching: the coordinator only, who proposes placements."""

from lotsen.placements import policies as placement_policies


def can_match(user) -> bool:
    return placement_policies.can_propose(user)


def can_change_weights(user) -> bool:
    return placement_policies.can_propose(user)
