"""The estimate's arithmetic against cases computed by hand; no database involved."""

from decimal import Decimal

from lotsen.core.small_cells import Hidden
from lotsen.socioeconomics import estimate
from lotsen.socioeconomics.estimate import (
    ATTRIBUTION,
    DEADWEIGHT,
    DROP_OFF,
    DURATION,
    ITEMS,
    Item,
    ParameterInfo,
    Term,
    compute,
    duration_factor,
    required_parameter_keys,
)


def parameter(key, central, unit="kr_year", low=None, high=None) -> ParameterInfo:
    central = Decimal(central)
    return ParameterInfo(
        key=key,
        name=key,
        unit=unit,
        actor="general",
        low=Decimal(low) if low is not None else central,
        central=central,
        high=Decimal(high) if high is not None else central,
    )


def neutral_adjustments(**overrides) -> dict[str, ParameterInfo]:
    """No deadweight, full attribution, one year: the raw yearly amount."""
    values = {
        DEADWEIGHT: ("0", "percent"),
        ATTRIBUTION: ("100", "percent"),
        DURATION: ("1", "years"),
        DROP_OFF: ("0", "percent"),
    }
    values.update(overrides)
    return {key: parameter(key, value, unit) for key, (value, unit) in values.items()}


SAVING = Item("work", "municipality", "assistance", (Term(+1, ("share", "amount")),))


def one_item(counts, *, cost=Decimal(100000), adjustments=None, items=(SAVING,)):
    parameters = {
        "share": parameter("share", "30", "percent", low="20", high="40"),
        "amount": parameter("amount", "80000"),
        **(adjustments or neutral_adjustments()),
    }
    return compute(
        year=2025,
        counts=counts,
        parameters=parameters,
        cost=cost,
        cost_basis="outcome",
        items=items,
    )


def test_one_outcome_and_one_actor_is_people_times_the_yearly_amount():
    result = one_item({"work": 10})
    # 10 people × 30 % × 80 000 kr = 240 000 kr
    row = result.rows[0]
    assert row.cases["central"].per_person == Decimal("24000")
    assert row.value("central") == Decimal("240000")
    municipality = next(a for a in result.actors if a.actor == "municipality")
    assert municipality.values["central"] == Decimal("240000")
    assert result.public_total["central"] == Decimal("240000")


def test_each_case_takes_each_parameters_own_value():
    result = one_item({"work": 10})
    # low: 10 × 20 % × 80 000 = 160 000; high: 10 × 40 % × 80 000 = 320 000
    assert result.public_total == {
        "low": Decimal("160000"),
        "central": Decimal("240000"),
        "high": Decimal("320000"),
    }


def test_deadweight_and_attribution_reduce_the_value():
    adjustments = neutral_adjustments(
        **{DEADWEIGHT: ("25", "percent"), ATTRIBUTION: ("40", "percent")}
    )
    result = one_item({"work": 10}, adjustments=adjustments)
    # 240 000 × (1 − 25 %) × 40 % = 72 000
    assert result.rows[0].value("central") == Decimal("72000")


def test_drop_off_reduces_each_year_after_the_first():
    # three years with 50 % drop-off: 1 + 0.5 + 0.25 = 1.75
    assert duration_factor(Decimal(3), Decimal(50)) == Decimal("1.75")
    assert duration_factor(Decimal(1), Decimal(50)) == Decimal(1)
    # A drop-off of 100 % leaves only the first year.
    assert duration_factor(Decimal(3), Decimal(100)) == Decimal(1)
    adjustments = neutral_adjustments(**{DURATION: ("3", "years"), DROP_OFF: ("50", "percent")})
    result = one_item({"work": 10}, adjustments=adjustments)
    # 240 000 × 1.75 = 420 000
    assert result.rows[0].value("central") == Decimal("420000")
    assert result.rows[0].cases["central"].duration_factor == Decimal("1.75")


def test_net_and_return_per_krona_are_set_against_the_cost():
    result = one_item({"work": 10}, cost=Decimal("120000"))
    assert result.net["central"] == Decimal("120000")
    assert result.ratio["central"] == Decimal("2.00")


def test_a_zero_or_unknown_cost_gives_no_ratio():
    zero = one_item({"work": 10}, cost=Decimal(0))
    assert zero.ratio == {"low": None, "central": None, "high": None}
    assert zero.net["central"] == Decimal("240000")
    unknown = one_item({"work": 10}, cost=None)
    assert unknown.ratio["central"] is None and unknown.net["central"] is None


def test_no_people_gives_an_empty_estimate_worth_nothing():
    result = one_item({})
    assert result.is_empty
    assert result.public_total["central"] == Decimal(0)
    assert result.ratio["central"] == Decimal("0.00")


def test_a_cost_term_counts_against_the_actor():
    subsidy = Item("work", "employment_service", "subsidy", (Term(-1, ("amount",)),))
    result = one_item({"work": 2}, items=[subsidy])
    assert result.rows[0].value("central") == Decimal("-160000")


def test_values_are_rounded_to_whole_kronor_per_row():
    adjustments = neutral_adjustments(**{ATTRIBUTION: ("33.33", "percent")})
    result = one_item({"work": 1}, adjustments=adjustments)
    # 24 000 × 33.33 % = 7 999.2 → 7 999
    assert result.rows[0].value("central") == Decimal("7999")


def test_a_missing_parameter_leaves_out_the_rows_that_need_it():
    result = compute(
        year=2025,
        counts={"work": 10},
        parameters=neutral_adjustments(),
        cost=None,
        cost_basis="none",
        items=[SAVING],
    )
    assert result.rows == []
    assert result.missing_parameters == ["share", "amount"]


def test_small_counts_withhold_the_estimate_from_everyone_but_the_coordinator():
    for people, shown in [(0, True), (1, False), (4, False), (5, True)]:
        result = one_item({"work": people, "studies": 0, "job_seeking": 0, "other": 0})
        assert result.can_be_shown(show_small_cells=False) is shown
        assert result.can_be_shown(show_small_cells=True)


def test_small_groups_that_are_not_valued_withhold_nothing_unless_work_is_their_complement():
    two_small = one_item({"work": 5, "studies": 0, "job_seeking": 1, "other": 1})
    assert two_small.hidden_groups == {"job_seeking": Hidden.SMALL, "other": Hidden.SMALL}
    assert two_small.can_be_shown(show_small_cells=False)
    # one small cell: work is hidden beside it, or the total of exits would give it away
    one_small = one_item({"work": 5, "studies": 0, "job_seeking": 0, "other": 2})
    assert one_small.hidden_groups == {"work": Hidden.PROTECTING, "other": Hidden.SMALL}
    assert not one_small.can_be_shown(show_small_cells=False)


def test_transfers_cancel_so_all_actors_together_keep_the_real_gain():
    """With the shipped formulas, the sum over all six actors of one person into work is
    the wage plus payroll tax plus health care saved minus the wage subsidy."""
    values = {
        "social_assistance_per_household": "80000",
        "social_assistance_share": ("30", "percent"),
        "sickness_benefit_per_person": "130000",
        "sickness_benefit_share": ("25", "percent"),
        "activity_support_per_person": "95000",
        "activity_support_share": ("35", "percent"),
        "wage_subsidy_per_person": "60000",
        "yearly_wage": "280000",
        "employer_contribution_rate": ("31.42", "percent"),
        "municipal_tax_rate": ("22.75", "percent"),
        "regional_tax_rate": ("11.34", "percent"),
        "taxed_share": ("70", "percent"),
        "health_care_saving_per_person": "10000",
        "study_grant_per_person": "35000",
        "adult_education_cost": "60000",
    }
    parameters = {
        key: parameter(key, *(value if isinstance(value, tuple) else (value,)))
        for key, value in values.items()
    } | neutral_adjustments()
    assert set(parameters) == set(required_parameter_keys(ITEMS))
    result = compute(
        year=2025,
        counts={"work": 1},
        parameters=parameters,
        cost=None,
        cost_basis="none",
    )
    # 280 000 + 280 000 × 31.42 % + 10 000 − 60 000 = 317 976
    assert result.society_total["central"] == Decimal("317976")
    state = next(a for a in result.actors if a.actor == estimate.STATE)
    assert state.values["central"] == Decimal("87976")
