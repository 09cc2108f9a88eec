"""Properties of the estimate that hold for any counts and adjustments in range."""

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from lotsen.socioeconomics.estimate import (
    ATTRIBUTION,
    CASES,
    DEADWEIGHT,
    DROP_OFF,
    DURATION,
    Item,
    ParameterInfo,
    Term,
    compute,
)

percent = st.integers(min_value=0, max_value=100).map(Decimal)
people = st.integers(min_value=0, max_value=500)
ITEMS = (
    Item("work", "municipality", "saving", (Term(+1, ("amount",)),)),
    Item("work", "individual", "loss", (Term(-1, ("amount",)),)),
    Item("studies", "state", "cost", (Term(-1, ("other",)),)),
)


def info(key, value, unit) -> ParameterInfo:
    return ParameterInfo(key, key, unit, "general", value, value, value)


def estimate(work, studies, deadweight, attribution, years, drop_off, cost):
    parameters = {
        "amount": info("amount", Decimal(80000), "kr_year"),
        "other": info("other", Decimal(35000), "kr_year"),
        DEADWEIGHT: info(DEADWEIGHT, deadweight, "percent"),
        ATTRIBUTION: info(ATTRIBUTION, attribution, "percent"),
        DURATION: info(DURATION, Decimal(years), "years"),
        DROP_OFF: info(DROP_OFF, drop_off, "percent"),
    }
    return compute(
        year=2025,
        counts={"work": work, "studies": studies},
        parameters=parameters,
        cost=cost,
        cost_basis="outcome",
        items=ITEMS,
    )


@settings(max_examples=60, deadline=None)
@given(
    people,
    people,
    percent,
    percent,
    st.integers(min_value=1, max_value=10),
    percent,
    st.one_of(st.none(), st.integers(min_value=0, max_value=10**7).map(Decimal)),
)
def test_totals_add_up_and_a_ratio_needs_a_cost(
    work, studies, deadweight, attribution, years, drop_off, cost
):
    result = estimate(work, studies, deadweight, attribution, years, drop_off, cost)
    for case in CASES:
        assert result.society_total[case] == sum(row.value(case) for row in result.rows)
        assert result.public_total[case] == sum(
            actor.values[case] for actor in result.actors if actor.public
        )
        assert (result.ratio[case] is None) is (not cost)
    # a transfer counted for an actor and against the individual cancels out
    municipality = next(a for a in result.actors if a.actor == "municipality")
    individual = next(a for a in result.actors if a.actor == "individual")
    assert municipality.values["central"] == -individual.values["central"]


@settings(max_examples=60, deadline=None)
@given(people, percent, percent, percent)
def test_more_deadweight_never_claims_more(work, low, high, attribution):
    low, high = sorted((low, high))
    less = estimate(work, 0, low, attribution, 3, Decimal(30), None)
    more = estimate(work, 0, high, attribution, 3, Decimal(30), None)
    assert abs(more.public_total["central"]) <= abs(less.public_total["central"])
