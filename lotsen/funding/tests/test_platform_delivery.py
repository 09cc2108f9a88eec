"""Delivered hours and volumes come from the support and events apps' own records.

The year worked out by hand (the current year, since hours are logged today):
- support: party A delivers 3,5 + 2 h of advice on a request assigned to it; a
  support actor delivers 4 h through its offer (a support hour, not a party's);
  a mentor of party B meets an enterprise for 1,5 h on a mentoring request.
  Support hours: 5,5 + 4 + 1,5 = 11.
- events: a 2,5 h supervisor training organised by party A and a support actor,
  held today, three registered, two came; an event of party A without support
  area (three came) and a coming event of party B count no hours. Participants: 5.
- the pot paid 11 000 kr (0 % VAT): 1 000 kr per support hour, 2 200 kr per participant.
"""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from lotsen.core.models import SupportArea
from lotsen.events import services as event_services
from lotsen.events.tests.factories import EventFactory, RegistrationFactory
from lotsen.funding.followup import year_followup
from lotsen.organisations.models import Organisation
from lotsen.organisations.tests.factories import OrganisationFactory
from lotsen.support import services as support_services
from lotsen.support.tests.factories import MentorFactory, OfferFactory, SupportRequestFactory

from .factories import ExpenditureFactory, PartyFactory, PlanFactory, PlanItemFactory

pytestmark = pytest.mark.django_db


def _organisation(kind: str) -> Organisation:
    return OrganisationFactory(kind=kind, org_number=None)


def _supported(coordinator, *, area: str, hours: list[str], provider=None, offer=None):
    """A request triaged to a provider, its hours drawn from the enterprise's time bank."""
    enterprise = _organisation(Organisation.Kind.SOCIAL_ENTERPRISE)
    support_services.time_bank_grant(
        enterprise=enterprise,
        year=timezone.localdate().year,
        hours=Decimal(10),
        actor=coordinator,
        reason="",
        offer=offer,
        area=None if offer else SupportArea.objects.get(pk=area),
    )
    support_request = SupportRequestFactory(area_id=area, requester_organisation=enterprise)
    support_services.support_request_triage(
        support_request=support_request,
        actor=coordinator,
        outcome="assigned",
        provider=provider,
        offer=offer,
    )
    for amount in hours:
        support_services.time_bank_log_hours(
            support_request=support_request, hours=Decimal(amount), actor=coordinator
        )
    return support_request


def _held_event(organisers, *, area="supervisor-training", registered=3, came=2):
    now = timezone.now()
    event = EventFactory(
        starts_at=now - timedelta(hours=3),
        ends_at=now - timedelta(minutes=30),
        support_area_id=area,
        organisers=organisers,
    )
    registrations = RegistrationFactory.create_batch(registered, event=event)
    event_services.attendance_mark(
        event=event, attended_ids={r.pk for r in registrations[:came]}, actor=None
    )
    return event


@pytest.fixture
def year(coordinator):
    year = timezone.localdate().year
    party_a = PartyFactory(name="A-parten")
    party_b = PartyFactory(name="B-parten")
    actor = _organisation(Organisation.Kind.SUPPORT_ACTOR)
    plan = PlanFactory(year=year)
    PlanItemFactory(
        plan=plan,
        priority=1,
        area_id="advice",
        budget=None,
        committed_hours=Decimal(10),
        responsible_party=party_a,
    )
    ExpenditureFactory(
        plan=plan,
        area_id="advice",
        spent_on=timezone.localdate(),
        net_amount=Decimal("11000.00"),
        vat_rate=0,
    )
    _supported(coordinator, area="advice", hours=["3.5", "2"], provider=party_a)
    _supported(coordinator, area="procurement", hours=["4"], offer=OfferFactory(provider=actor))
    mentoring = _supported(coordinator, area="mentoring", hours=[], provider=actor)
    match = support_services.mentor_match_create(
        support_request=mentoring, mentor=MentorFactory(organisation=party_b), actor=coordinator
    )
    support_services.mentor_meeting_log(
        match=match, held_on=timezone.localdate(), hours=Decimal("1.5"), notes="", actor=None
    )
    _held_event([party_a, actor])
    _held_event([party_a], area=None, came=3)
    EventFactory(organisers=[party_b], support_area_id="advice")  # not held yet
    return plan


def test_the_matrix_shows_hours_delivered_through_the_platform(year):
    plan = year
    f = year_followup(plan)
    assert [area.pk for area in f.matrix_areas] == ["advice", "mentoring", "supervisor-training"]
    cells = {
        party.name: [(c.committed, c.delivered, c.state) for c in row] for party, row in f.matrix
    }
    assert cells == {
        "A-parten": [
            (Decimal(10), Decimal("5.5"), "partly"),
            (None, Decimal(0), "none"),
            (None, Decimal("2.5"), "unplanned"),
        ],
        "B-parten": [
            (None, Decimal(0), "none"),
            (None, Decimal("1.5"), "unplanned"),
            (None, Decimal(0), "none"),
        ],
    }
    advice = f.areas[0]
    assert (advice.committed_hours, advice.delivered_hours) == (Decimal(10), Decimal("5.5"))


def test_the_unit_costs_count_support_hours_and_participants(year):
    plan = year
    costs = {unit.name: unit for unit in year_followup(plan).unit_costs}
    assert (costs["support_hours"].count, costs["support_hours"].cost) == (
        Decimal(11),
        Decimal("1000.00"),
    )
    # Two came to the training, three to the event without area: every participant counts.
    assert (costs["event_participants"].count, costs["event_participants"].cost) == (
        Decimal(5),
        Decimal("2200.00"),
    )


def test_the_follow_up_page_shows_the_delivered_hours(client, steering, year):
    plan = year
    client.force_login(steering)
    response = client.get(f"/finansiering/plan/{plan.year}/uppfoljning/")
    text = response.text
    assert "5,5 av 10 tim" in text
    assert "2,5 tim levererade" in text
    assert "1,5 tim levererade" in text
    assert "Inga levererade timmar" not in text


def test_other_years_are_not_counted(year):
    plan = year
    other = PlanFactory(year=plan.year - 1)
    PlanItemFactory(plan=other)
    f = year_followup(other)
    assert not f.has_delivery_data
    assert {unit.name: unit.count for unit in f.unit_costs}["support_hours"] == 0


def test_the_follow_up_needs_the_same_queries_whatever_the_records(
    client, steering, coordinator, assert_constant_queries
):
    party = PartyFactory()
    actor = _organisation(Organisation.Kind.SUPPORT_ACTOR)
    plan = PlanFactory(year=timezone.localdate().year)
    PlanItemFactory(plan=plan)
    client.force_login(steering)

    def add(n):
        for _ in range(n):
            _supported(coordinator, area="advice", hours=["1"], provider=party)
            _held_event([party, actor], registered=2, came=1)

    assert_constant_queries(f"/finansiering/plan/{plan.year}/uppfoljning/", add, more=5)
