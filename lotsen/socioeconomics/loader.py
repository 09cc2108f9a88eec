"""The database side of the estimate: parameters, people counts and the year's cost."""

from decimal import Decimal

from django.utils import timezone

from lotsen.funding.followup import year_followup
from lotsen.funding.models import Plan

from . import counts, labels
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


def load_estimate(year: int, scope=None) -> Estimate:
    if year > timezone.localdate().year:
        raise ValueError(f"{year} has not begun")
    parameters = {p.key: p.as_info() for p in Parameter.objects.all()}
    if scope is not None and (scope.municipality_id is not None or scope.party_id is not None):
        # The structure's cost is not split by municipality or party.
        cost, basis = None, "scope"
    else:
        cost, basis = structure_cost(year)
    return compute(
        year=year,
        scope=scope,
        counts=counts.exit_outcome_counts(year, scope),
        parameters=parameters,
        cost=cost,
        cost_basis=basis,
        labels=labels.for_estimate(),
    )
