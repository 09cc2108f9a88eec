"""The database side of the estimate: parameters, people counts and the year's cost."""

from decimal import Decimal

from lotsen.funding.followup import year_followup
from lotsen.funding.models import Plan
from lotsen.impact.indicators import Scope, exit_outcome_counts
from lotsen.impact.periods import Period

from . import labels
from .estimate import Estimate, compute
from .models import Parameter


def structure_cost(year: int) -> tuple[Decimal | None, str]:
    """The support structure's cost for the year and what it is based on (decision 0111).

    The outcome from the funding follow-up (expenditures including VAT plus the value of
    hours in kind) once anything is booked; before that the plan's whole budget (every
    area and the coordinator's cost); with no plan, unknown.
    """
    plan = Plan.objects.filter(year=year).first()
    if plan is None:
        return None, "none"
    totals = year_followup(plan).totals
    if totals["spent"] or totals["in_kind"]:
        return totals["year_cost"], "outcome"
    return totals["budget"], "budget"


def load_estimate(year: int, scope: Scope | None = None) -> Estimate:
    scope = scope or Scope()
    period = Period.year_of(year)  # ValueError for a year that has not begun
    parameters = {p.key: p.as_info() for p in Parameter.objects.all()}
    if scope.municipality_id is not None or scope.party_id is not None:
        # The structure's cost is not split by municipality or party.
        cost, basis = None, "scope"
    else:
        cost, basis = structure_cost(year)
    return compute(
        year=year,
        scope=scope,
        counts=exit_outcome_counts(period, scope),
        parameters=parameters,
        cost=cost,
        cost_basis=basis,
        labels=labels.for_estimate(),
    )
