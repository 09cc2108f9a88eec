from decimal import Decimal

from lotsen.funding.scenarios import ScenarioInput, compare

INPUTS = ScenarioInput(
    area_hours={"advice": Decimal(600), "asf-school": Decimal(400)},
    bought_hourly_rate=Decimal("1100.00"),
    own_hourly_value=Decimal("650.00"),
    coordinator_hourly_cost=Decimal("600.00"),
    coordinator_base_hours=Decimal("400"),
    coordination_per_bought_hour=Decimal("0.20"),
    coordination_per_own_hour=Decimal("0.05"),
    mix_bought_percent=30,
)


def test_the_three_models_are_computed_by_hand():
    financing, ownership, mix = compare(INPUTS)
    # Financing: 1 000 h bought at 1 100; coordinator 400 + 0.20 × 1 000 = 600 h at 600.
    assert financing.bought_cost == Decimal("1100000.00")
    assert financing.coordinator_hours == Decimal("600.0")
    assert financing.coordinator_cost == Decimal("360000.00")
    assert financing.pot_cost == Decimal("1460000.00")
    assert financing.own_value == Decimal("0.00")
    # Ownership: 1 000 own hours at 650; coordinator 400 + 0.05 × 1 000 = 450 h.
    assert ownership.own_value == Decimal("650000.00")
    assert ownership.coordinator_cost == Decimal("270000.00")
    assert ownership.total == Decimal("920000.00")
    # Mix 30 %: 300 bought, 700 own; coordinator 400 + 60 + 35 = 495 h.
    assert (mix.bought_hours, mix.own_hours) == (Decimal("300.0"), Decimal("700.0"))
    assert mix.coordinator_cost == Decimal("297000.00")
    assert mix.total == Decimal("330000.00") + Decimal("455000.00") + Decimal("297000.00")


def test_the_coordinator_cost_rises_with_bought_in_work():
    costs = [
        compare(ScenarioInput(**{**INPUTS.__dict__, "mix_bought_percent": percent}))[
            2
        ].coordinator_cost
        for percent in (0, 25, 50, 75, 100)
    ]
    assert costs == sorted(costs) and costs[0] < costs[-1]
