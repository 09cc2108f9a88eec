"""Episodes of the pilot function dated at will, for hand-computed indicator cases.

The workflow services date every step today; the indicators need placements
that started and ended on chosen days, so these rows are written directly.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from lotsen.accounts.tests.factories import UserFactory
from lotsen.organisations.models import Organisation
from lotsen.organisations.tests.factories import OrganisationFactory
from lotsen.placements.models import (
    FollowUp,
    Participant,
    Placement,
    ProgressRating,
    ProgressSeries,
    Referral,
)
from lotsen.placements.tests.factories import OpeningFactory


def moment(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def party(municipality: str = "2580", **fields) -> Organisation:
    return OrganisationFactory(
        kind=Organisation.Kind.PARTY, org_number=None, municipality_id=municipality, **fields
    )


def episode(
    *,
    referring_party: Organisation,
    received: datetime.date,
    started: datetime.date | None = None,
    ended: datetime.date | None = None,
    outcome: str = "",
    municipality: str = "2580",
    opening=None,
    participant: Participant | None = None,
) -> Referral:
    """A referral and, when `started` is given, its placement (ended when `ended` is)."""
    caseworker = UserFactory()
    participant = participant or Participant.objects.create(
        registered_by_party=referring_party,
        gender="woman",
        start_year=received.year,
        birth_year=1990,
        municipality_id=municipality,
    )
    referral = Referral.objects.create(
        participant=participant,
        referring_party=referring_party,
        caseworker=caseworker,
        status=Referral.Status.PLACED if started else Referral.Status.RECEIVED,
        received_at=moment(received),
    )
    if started:
        Placement.objects.create(
            referral=referral,
            opening=opening or OpeningFactory(),
            status=Placement.Status.ENDED if ended else Placement.Status.ACTIVE,
            proposed_by=caseworker,
            started_on=started,
            ended_on=ended,
            outcome=outcome,
        )
    return referral


def rate(placement, day: datetime.date, scores: dict[str, int]) -> None:
    """A follow-up on `day` with a score per progress dimension code."""
    follow_up = FollowUp.objects.create(
        placement=placement,
        date=day,
        phase="during",
        hours_attended=Decimal(10),
        recorded_by=placement.proposed_by,
    )
    for code, score in scores.items():
        ProgressRating.objects.create(follow_up=follow_up, dimension_id=code, score=score)
    ProgressSeries.objects.rebuild_for([placement.pk])
