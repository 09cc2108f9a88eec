"""A year of records to report on: exits, support requests, events and a plan."""

import datetime
from decimal import Decimal

from django.utils import timezone

from lotsen.events.tests.factories import EventFactory, RegistrationFactory
from lotsen.funding.tests.factories import ExpenditureFactory, PlanFactory, PlanItemFactory
from lotsen.organisations.models import Organisation
from lotsen.organisations.tests.factories import OrganisationFactory
from lotsen.placements.models import Participant, Placement, Referral
from lotsen.placements.tests.factories import OpeningFactory
from lotsen.support.tests.factories import SupportRequestFactory


def exits(count: int, *, year: int, by, outcome: str = "work_unsubsidised") -> None:
    """`count` people whose placement ended in the middle of `year` with `outcome`."""
    party = OrganisationFactory(kind=Organisation.Kind.PARTY)
    opening = OpeningFactory(capacity=50)
    started, ended = datetime.date(year, 3, 1), datetime.date(year, 6, 15)
    for _ in range(count):
        participant = Participant.objects.create(
            registered_by_party=party, gender="woman", start_year=year
        )
        referral = Referral.objects.create(
            participant=participant,
            referring_party=party,
            caseworker=by,
            status=Referral.Status.PLACED,
            received_at=timezone.make_aware(datetime.datetime(year, 2, 1)),
        )
        Placement.objects.create(
            referral=referral,
            opening=opening,
            proposed_by=by,
            status=Placement.Status.ENDED,
            started_on=started,
            ended_on=ended,
            outcome=outcome,
            exit_reason="work",
        )


def support_and_events(count: int, *, year: int) -> None:
    moment = timezone.make_aware(datetime.datetime(year, 4, 2, 10))
    for _ in range(count):
        SupportRequestFactory(created_at=moment, rating=4)
        RegistrationFactory(event=EventFactory(starts_at=moment), attended=True)


def plan(*, year: int, by) -> None:
    the_plan = PlanFactory(year=year)
    PlanItemFactory(plan=the_plan, area_id="advice", budget=Decimal("100000"))
    ExpenditureFactory(
        plan=the_plan, area_id="advice", spent_on=datetime.date(year, 5, 5), recorded_by=by
    )
