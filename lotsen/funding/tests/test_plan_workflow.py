"""A plan goes draft → adopted → closed; after adoption only revisions with a reason."""

import datetime
from decimal import Decimal

import pytest

from lotsen.core.models import SupportArea
from lotsen.core.workflow import TransitionRefused
from lotsen.funding import services
from lotsen.funding.models import FundingError, Plan, PlanRevision

from .factories import PartyFactory, PlanFactory, PlanItemFactory

pytestmark = pytest.mark.django_db
ADOPTION_DAY = datetime.date(2026, 12, 10)


def test_a_plan_is_drafted_with_the_areas_in_the_given_order():
    areas = [SupportArea.objects.get(pk=code) for code in ("asf-school", "advice", "board")]
    plan = services.plan_draft(
        year=2027,
        model="financing",
        pot_budget=Decimal("900000.00"),
        coordinator_cost=Decimal("300000.00"),
        areas=areas,
    )
    assert [(item.priority, item.area_id) for item in plan.items.all()] == [
        (1, "asf-school"),
        (2, "advice"),
        (3, "board"),
    ]
    assert plan.status == Plan.Status.DRAFT


def test_the_coordinator_line_cannot_be_a_prioritised_area():
    with pytest.raises(FundingError) as error:
        services.plan_draft(
            year=2027,
            model="financing",
            pot_budget=Decimal(1),
            coordinator_cost=Decimal(1),
            areas=[SupportArea.objects.get(pk="coordination")],
        )
    assert error.value.code == "coordination"
    assert not Plan.objects.filter(year=2027).exists()


def test_the_transition_table_allows_only_forward_steps():
    plan = PlanFactory()
    assert plan.can_move_to(Plan.Status.ADOPTED)
    assert not plan.can_move_to(Plan.Status.CLOSED)
    with pytest.raises(TransitionRefused) as error:
        services.plan_close(plan=plan, user=None, closed_on=ADOPTION_DAY)
    assert error.value.code == "transition"
    plan.refresh_from_db()
    assert plan.status == Plan.Status.DRAFT


def test_the_steering_group_adopts_a_plan_with_the_meeting_date(steering):
    plan = PlanItemFactory(budget=Decimal("500000.00")).plan
    services.plan_adopt(plan=plan, user=steering, adopted_on=ADOPTION_DAY)
    plan.refresh_from_db()
    assert (plan.status, plan.adopted_on, plan.adopted_by) == (
        Plan.Status.ADOPTED,
        ADOPTION_DAY,
        steering,
    )
    with pytest.raises(TransitionRefused):
        services.plan_adopt(plan=plan, user=steering, adopted_on=ADOPTION_DAY)
    (change,) = plan.status_changes.all()
    assert (change.from_status, change.to_status, change.actor) == ("draft", "adopted", steering)


def test_a_plan_over_the_pot_is_refused_at_adoption_without_a_reason(steering):
    # 800 000 from the pot for areas + 300 000 coordinator = 1 100 000 > 1 000 000.
    item = PlanItemFactory(budget=Decimal("800000.00"))
    # An area a party owns does not take from the pot.
    PlanItemFactory(
        plan=item.plan,
        area_id="board",
        budget=Decimal("900000.00"),
        responsible_party=PartyFactory(),
    )
    plan = item.plan
    assert plan.pot_demand() == Decimal("1100000.00")
    assert plan.exceeds_pot()
    with pytest.raises(FundingError) as error:
        services.plan_adopt(plan=plan, user=steering, adopted_on=ADOPTION_DAY)
    assert error.value.code == "over_budget"
    plan.refresh_from_db()
    assert plan.status == Plan.Status.DRAFT
    services.plan_adopt(
        plan=plan, user=steering, adopted_on=ADOPTION_DAY, reason="Restmedel från 2025"
    )
    plan.refresh_from_db()
    assert plan.over_budget_reason == "Restmedel från 2025"


def test_an_empty_plan_cannot_be_adopted(steering):
    plan = PlanFactory()
    with pytest.raises(FundingError) as error:
        services.plan_adopt(plan=plan, user=steering, adopted_on=ADOPTION_DAY)
    assert error.value.code == "empty"


def test_a_draft_changes_without_revisions(coordinator):
    item = PlanItemFactory()
    item.budget = Decimal("120000.00")
    services.plan_item_save(item=item, user=coordinator)
    assert not PlanRevision.objects.exists()


def test_an_adopted_plan_changes_only_by_a_revision_with_a_reason(coordinator, steering):
    item = PlanItemFactory(budget=Decimal("100000.00"))
    services.plan_adopt(plan=item.plan, user=steering, adopted_on=ADOPTION_DAY)
    item.budget = Decimal("150000.00")
    with pytest.raises(FundingError) as error:
        services.plan_item_save(item=item, user=coordinator, reason="  ")
    assert error.value.code == "reason_required"
    item.refresh_from_db()
    assert item.budget == Decimal("100000.00")

    item.budget = Decimal("150000.00")
    services.plan_item_save(item=item, user=coordinator, reason="Fler företag anmälda")
    revision = PlanRevision.objects.get()
    assert revision.reason == "Fler företag anmälda"
    assert revision.changes == [
        {"area": "advice", "field": "budget", "before": "100000.00", "after": "150000.00"}
    ]
    assert revision.describe(SupportArea.objects.in_bulk()) == [
        "Rådgivning – budget (kr): 100000.00 → 150000.00"
    ]


def test_a_closed_plan_cannot_be_changed(coordinator, steering):
    item = PlanItemFactory()
    services.plan_adopt(plan=item.plan, user=steering, adopted_on=ADOPTION_DAY)
    services.plan_close(plan=item.plan, user=None, closed_on=ADOPTION_DAY)
    item.refresh_from_db()
    item.goal = "Något annat"
    with pytest.raises(FundingError) as error:
        services.plan_item_save(item=item, user=coordinator, reason="Ändrat")
    assert error.value.code == "closed"
