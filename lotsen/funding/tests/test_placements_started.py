"""The cost per started work training counts the placements the pilot function started.

Worked out by hand for the current year: the pot paid 12 000 kr (0 % VAT), three
placements started this year (one of them since ended), one started on the last
day of last year and one agreed but not yet started. 12 000 / 3 = 4 000 kr.
"""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from lotsen.funding import delivery
from lotsen.funding.checks import volumes_have_sources
from lotsen.funding.followup import year_followup
from lotsen.placements import services as placement_services
from lotsen.placements.tests.factories import OpeningFactory, agree, enterprise_of, propose

from .factories import ExpenditureFactory, PlanFactory, PlanItemFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(coordinator, caseworker, enterprise_user):
    today = timezone.localdate()
    new_year = datetime.date(today.year, 1, 1)
    opening = OpeningFactory(enterprise=enterprise_of(enterprise_user), capacity=10)
    people = {"coordinator": coordinator, "caseworker": caseworker}

    def placement(started_on=None):
        proposed = propose(coordinator, caseworker, opening)
        agreed = agree(proposed, enterprise_user=enterprise_user, start=started_on, **people)
        if started_on is None:
            return agreed
        return placement_services.placement_start(
            actor=enterprise_user, placement=agreed, started_on=started_on
        )

    placement(new_year)
    placement(today)
    ended = placement(new_year)
    placement_services.placement_end(
        actor=coordinator,
        placement=ended,
        ended_on=today,
        exit_reason="completed",
        outcome="job_seeking",
        income_source_after="none",
    )
    placement(new_year - datetime.timedelta(days=1))
    placement()
    plan = PlanFactory(year=today.year)
    PlanItemFactory(plan=plan)
    ExpenditureFactory(plan=plan, spent_on=new_year, net_amount=Decimal("12000.00"), vat_rate=0)
    return plan


def test_placements_started_in_the_year_give_the_cost_per_started_work_training(plan):
    costs = {unit.name: unit for unit in year_followup(plan).unit_costs}
    started = costs[delivery.PLACEMENTS_STARTED]
    assert (started.count, started.cost) == (3, Decimal("4000.00"))


def test_last_years_placement_counts_in_last_years_follow_up(plan):
    last_year = PlanFactory(year=plan.year - 1)
    costs = {unit.name: unit.count for unit in year_followup(last_year).unit_costs}
    assert costs[delivery.PLACEMENTS_STARTED] == 1


def test_the_follow_up_page_shows_the_cost_per_started_work_training(client, steering, plan):
    client.force_login(steering)
    text = client.get(f"/finansiering/plan/{plan.year}/uppfoljning/").text
    row = text.split("påbörjad arbetsträning", 1)[1].split("</tr>", 1)[0]
    assert "Inga uppgifter ännu" not in row
    assert "4\xa0000,00\xa0kr" in row


def test_every_volume_of_the_follow_up_has_a_source():
    assert delivery.volumes_without_source() == []
    assert volumes_have_sources(None) == []


def test_the_system_check_names_a_volume_without_source(monkeypatch):
    monkeypatch.setitem(delivery._volumes, delivery.PLACEMENTS_STARTED, [])
    warnings = volumes_have_sources(None)
    assert [warning.id for warning in warnings] == ["funding.W001"]
    assert "placements_started" in warnings[0].msg
