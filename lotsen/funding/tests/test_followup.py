"""The follow-up figures, against a small year worked out by hand."""

from decimal import Decimal

import pytest

from lotsen.funding import delivery
from lotsen.funding.followup import year_followup
from lotsen.funding.models import DeliveredEffort

from .factories import (
    ContributionFactory,
    ExpenditureFactory,
    PartyFactory,
    PlanFactory,
    PlanItemFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def year(register):
    plan = PlanFactory(pot_budget=Decimal("1000000.00"), coordinator_cost=Decimal("300000.00"))
    party_a, party_b = PartyFactory(name="A-parten"), PartyFactory(name="B-parten")
    PlanItemFactory(plan=plan, priority=1, area_id="advice", budget=Decimal("100000.00"))
    PlanItemFactory(
        plan=plan,
        priority=2,
        area_id="board",
        budget=None,
        committed_hours=Decimal("40"),
        responsible_party=party_a,
    )
    ContributionFactory(party=party_a, amount=Decimal("600000.00"))
    ContributionFactory(party=party_b, amount=Decimal("300000.00"), paid_on=None)
    ContributionFactory(
        party=party_b, amount=Decimal(0), hours=Decimal("10"), hourly_value=Decimal("650.50")
    )
    ContributionFactory(
        party=party_b, amount=Decimal(0), hours=Decimal("3"), hourly_value=Decimal("333.33")
    )
    ExpenditureFactory(plan=plan, area_id="advice", net_amount=Decimal("1000.00"))  # 1 250.00
    ExpenditureFactory(plan=plan, area_id="advice", net_amount=Decimal("10.02"))  # 12.53
    ExpenditureFactory(
        plan=plan, area_id="coordination", net_amount=Decimal("48500.00"), vat_rate=0
    )
    ExpenditureFactory(
        plan=plan, area_id="sales-marketing", net_amount=Decimal("100.00"), vat_rate=12
    )  # 112.00
    register.hours({2026: [(party_a.pk, "board", 25), (party_b.pk, "advice", Decimal("5"))]})
    register.volume(delivery.SUPPORT_HOURS, {2026: 30})
    register.volume(delivery.EVENT_PARTICIPANTS, {2026: 0})
    return plan, party_a, party_b


def test_budget_against_outcome_per_area(year):
    plan, *_ = year
    f = year_followup(plan)
    advice, board, unplanned = f.areas
    assert (advice.budget, advice.spent, advice.remaining) == (
        Decimal("100000.00"),
        Decimal("1262.53"),
        Decimal("98737.47"),
    )
    assert advice.used_percent == Decimal("1.3")
    assert (board.budget, board.spent, board.responsible) == (None, Decimal("0.00"), "A-parten")
    assert unplanned.area.pk == "sales-marketing" and unplanned.priority is None
    assert unplanned.spent == Decimal("112.00")
    assert f.coordinator_budget == Decimal("300000.00")
    assert f.coordinator_spent == Decimal("48500.00")
    assert f.totals["spent"] == Decimal("49874.53")
    assert f.totals["budget"] == Decimal("400000.00")


def test_each_partys_share_of_the_pot_and_of_the_use(year):
    plan, *_ = year
    a, b = year_followup(plan).parties
    assert (a.money, a.paid, a.pot_share, a.use) == (
        Decimal("600000.00"),
        Decimal("600000.00"),
        Decimal("66.7"),
        Decimal("33249.69"),  # 49 874.53 × 2/3 = 33 249.686…
    )
    assert (b.money, b.paid, b.pot_share, b.use) == (
        Decimal("300000.00"),
        Decimal("0.00"),
        Decimal("33.3"),
        Decimal("16624.84"),  # 49 874.53 × 1/3 = 16 624.843…
    )
    assert b.hours == Decimal("13.0")
    assert b.in_kind_value == Decimal("7504.99")  # 6 505.00 + 999.99


def test_the_responsibility_matrix_compares_committed_and_delivered(year):
    plan, party_a, party_b = year
    f = year_followup(plan)
    assert [area.pk for area in f.matrix_areas] == ["advice", "board"]
    (row_a, cells_a), (row_b, cells_b) = f.matrix
    assert row_a == party_a and row_b == party_b
    assert [cell.state for cell in cells_a] == ["none", "partly"]
    assert cells_a[1].percent == Decimal("62.5")
    assert [cell.state for cell in cells_b] == ["unplanned", "none"]


def test_matrix_states_at_their_edges():
    from lotsen.funding.followup import MatrixCell

    assert MatrixCell(Decimal(40), Decimal(40)).state == "delivered"
    assert MatrixCell(Decimal(40), Decimal(20)).state == "partly"
    assert MatrixCell(Decimal(40), Decimal("19.9")).state == "behind"
    assert MatrixCell(None, Decimal(0)).state == "none"


def test_unit_costs_rest_on_their_counts(year):
    plan, *_ = year
    f = year_followup(plan)
    assert f.totals["year_cost"] == Decimal("57379.52")  # 49 874.53 + 7 504.99
    costs = {unit.name: unit for unit in f.unit_costs}
    assert costs["support_hours"].count == 30
    assert costs["support_hours"].cost == Decimal("1912.65")
    assert costs["event_participants"].count == 0 and costs["event_participants"].cost is None
    # No placement started in the year: counted as none, not as unknown.
    assert (costs["placements_started"].count, costs["placements_started"].cost) == (0, None)


def test_hours_recorded_by_hand_count_as_delivered(year):
    plan, party_a, _ = year
    DeliveredEffort.objects.create(
        party=party_a, area_id="board", year=2026, hours=Decimal("15"), description="Kurs"
    )
    cell = year_followup(plan).matrix[0][1][1]
    assert (cell.delivered, cell.state) == (Decimal("40"), "delivered")


def test_without_records_nothing_is_delivered_and_every_volume_counts_zero():
    plan = PlanItemFactory().plan
    f = year_followup(plan)
    assert not f.has_delivery_data
    counts = {unit.name: unit.count for unit in f.unit_costs}
    # Support, events and placements each report their volume.
    assert counts == {"support_hours": 0, "event_participants": 0, "placements_started": 0}
