"""Test data for the estimate: exits from placements and the year's funding."""

import datetime

from lotsen.placements.models import Placement
from lotsen.placements.tests.factories import OpeningFactory, propose


def exit_with(outcome: str, *, coordinator, caseworker, ended_on=None) -> Placement:
    """A placement that ended with the outcome; its workflow is the placements app's
    concern, so it is proposed through the services and then marked as ended."""
    placement = propose(coordinator, caseworker, OpeningFactory())
    ended_on = ended_on or datetime.date.today()
    Placement.objects.filter(pk=placement.pk).update(
        status=Placement.Status.ENDED,
        started_on=ended_on - datetime.timedelta(days=90),
        ended_on=ended_on,
        outcome=outcome,
    )
    return placement


def exits(outcome: str, n: int, *, coordinator, caseworker, ended_on=None) -> list[Placement]:
    return [
        exit_with(outcome, coordinator=coordinator, caseworker=caseworker, ended_on=ended_on)
        for _ in range(n)
    ]
