"""People counts the estimate values: exits in a year by national outcome group."""

import datetime

from django.db.models import Case, Count, Value, When

from lotsen.placements.models import OUTCOME_GROUPS, OutcomeGroup, Placement


def exit_outcome_counts(year: int, scope=None) -> dict[str, int]:
    """People whose placement ended in the year, by outcome group (one query)."""
    placements = Placement.objects.filter(
        status=Placement.Status.ENDED,
        ended_on__gte=datetime.date(year, 1, 1),
        ended_on__lt=datetime.date(year + 1, 1, 1),
    )
    if scope is not None and scope.municipality_id is not None:
        placements = placements.filter(referral__participant__municipality_id=scope.municipality_id)
    if scope is not None and scope.party_id is not None:
        placements = placements.filter(referral__referring_party_id=scope.party_id)
    group = Case(
        *(When(outcome=outcome, then=Value(str(g))) for outcome, g in OUTCOME_GROUPS.items()),
        default=Value(str(OutcomeGroup.OTHER)),
    )
    rows = (
        placements.annotate(group=group)
        .values("group")
        .annotate(people=Count("referral__participant", distinct=True))
        .order_by()
    )
    counts = dict.fromkeys(OutcomeGroup.values, 0)
    counts.update({row["group"]: row["people"] for row in rows})
    return counts
