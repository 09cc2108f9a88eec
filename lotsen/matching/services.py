"""Suggestions become proposals through the pilot function's own workflow."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from lotsen.placements import services as placement_services
from lotsen.placements.models import Opening, Placement, Referral


@dataclass(frozen=True)
class Outcome:
    referral_id: int
    opening_id: int
    placement: Placement | None
    refusal: str = ""


def suggestion_propose(*, actor, referral_id: int, opening_id: int) -> Outcome:
    """Propose one pair; a pair the user may not see or that no longer fits is refused.

    Capacity, status and consent are checked (under a row lock) by placement_propose,
    so a place that filled since the suggestion was shown is refused, not overbooked.
    """
    referral = Referral.objects.visible_to(actor).filter(pk=referral_id).first()
    opening = Opening.objects.visible_to(actor).filter(pk=opening_id).first()
    if referral is None or opening is None:
        return Outcome(referral_id, opening_id, None, _("The referral or place was not found."))
    try:
        placement = placement_services.placement_propose(
            actor=actor, referral=referral, opening=opening
        )
    except ValidationError as error:
        return Outcome(referral_id, opening_id, None, " ".join(error.messages))
    return Outcome(referral_id, opening_id, placement)


def batch_confirm(*, actor, pairs: list[tuple[int, int]]) -> list[Outcome]:
    """Propose each confirmed pair on its own, so one refusal leaves the others standing."""
    return [
        suggestion_propose(actor=actor, referral_id=referral_id, opening_id=opening_id)
        for referral_id, opening_id in pairs
    ]
