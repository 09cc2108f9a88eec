"""Recording awards: the opportunity moves to awarded with its awards, or nothing is saved."""

from django.db import transaction
from django.utils.translation import gettext as _

from lotsen.core.workflow import TransitionRefused

from .models import Award, Opportunity


def award_targets(opportunity: Opportunity) -> list:
    """What is awarded: each lot, or the whole opportunity (None) when it has no lots."""
    return list(opportunity.lots.all()) or [None]


@transaction.atomic
def record_awards(opportunity: Opportunity, awards: list[Award], *, actor) -> list[Award]:
    """Save the awards and move the opportunity to awarded, in one transaction."""
    opportunity = Opportunity.objects.select_for_update().get(pk=opportunity.pk)
    if opportunity.status != Opportunity.Status.CLOSED:
        raise TransitionRefused(
            _("Awards can only be recorded once the opportunity is closed for tenders."),
            code="not_closed",
        )
    opportunity.move_to(Opportunity.Status.AWARDED, actor=actor)
    for award in awards:
        award.opportunity = opportunity
        award.recorded_by = actor
        award.save()
    return awards
