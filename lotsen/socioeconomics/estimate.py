"""The socio-economic estimate: what the year's exits into work and studies are worth to
each public actor and to the individual, against what the support structure cost.

The computation is plain Python on plain data, so it can be checked by hand: for every
outcome group and actor, a yearly amount per person is built from the parameters
(terms of multiplied parameter values), then

    value = people × amount per person and year × (1 − deadweight) × attribution
            × duration factor,   duration factor = Σ_{t=0}^{years−1} (1 − drop-off)^t

once for each case (low, central, high), each parameter giving its own value per case.
Values are rounded to whole kronor per row; totals add the rounded rows, so the page
adds up. Nothing here touches the database: `estimate_for_year` loads the parameters,
counts and cost through `loader.py` and calls `compute`.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from lotsen.core.small_cells import Hidden, suppress

if TYPE_CHECKING:
    # For the annotation only: at run time this module imports nothing of the database side.
    from lotsen.impact.indicators import Scope

CASES = ("low", "central", "high")

# The actors of a Swedish socio-economic account (socioekonomiskt bokslut).
MUNICIPALITY = "municipality"
REGION = "region"
EMPLOYMENT_SERVICE = "employment_service"  # Arbetsförmedlingen
SOCIAL_INSURANCE = "social_insurance"  # Försäkringskassan
STATE = "state"
INDIVIDUAL = "individual"
ACTORS = (MUNICIPALITY, REGION, EMPLOYMENT_SERVICE, SOCIAL_INSURANCE, STATE, INDIVIDUAL)
PUBLIC_ACTORS = ACTORS[:-1]

# Outcome groups of the national follow-up that the estimate values; the others
# (actively seeking work, other) are counted but given no value: not over-claiming.
WORK = "work"
STUDIES = "studies"
VALUED_GROUPS = (WORK, STUDIES)

# The adjustment parameters every row uses.
DEADWEIGHT = "deadweight"
ATTRIBUTION = "attribution"
DURATION = "duration_years"
DROP_OFF = "drop_off"
ADJUSTMENTS = (DEADWEIGHT, ATTRIBUTION, DURATION, DROP_OFF)

PERCENT = "percent"
KRONA = Decimal(1)
HUNDRED = Decimal(100)


def whole_kronor(value: Decimal) -> Decimal:
    return value.quantize(KRONA, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class ParameterInfo:
    """One parameter as the estimate uses it, with where its values come from."""

    key: str
    name: str
    unit: str  # "kr_year", "percent" or "years"
    actor: str
    low: Decimal
    central: Decimal
    high: Decimal
    source_title: str = ""
    source_publisher: str = ""
    source_url: str = ""
    source_date: object = None
    note: str = ""
    to_review: bool = True

    def value(self, case: str) -> Decimal:
        return {"low": self.low, "central": self.central, "high": self.high}[case]

    def factor(self, case: str) -> Decimal:
        """The value as a multiplier: a percentage becomes a fraction."""
        value = self.value(case)
        return value / HUNDRED if self.unit == PERCENT else value


@dataclass(frozen=True)
class Term:
    """A signed product of parameters: +1 × share × amount, −1 × wage × rate, …"""

    sign: int
    factors: tuple[str, ...]


@dataclass(frozen=True)
class Item:
    """One line of the account: what an actor gains (or pays) per person and year."""

    group: str
    actor: str
    key: str
    terms: tuple[Term, ...]

    @property
    def parameter_keys(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(key for term in self.terms for key in term.factors))


def _gain(*factors: str) -> Term:
    return Term(+1, factors)


def _cost(*factors: str) -> Term:
    return Term(-1, factors)


_SOCIAL_ASSISTANCE = ("social_assistance_share", "social_assistance_per_household")
_ACTIVITY_SUPPORT = ("activity_support_share", "activity_support_per_person")
_SICKNESS_BENEFIT = ("sickness_benefit_share", "sickness_benefit_per_person")
_MUNICIPAL_TAX = ("yearly_wage", "taxed_share", "municipal_tax_rate")
_REGIONAL_TAX = ("yearly_wage", "taxed_share", "regional_tax_rate")
_BENEFITS_LOST = (
    _cost(*_SOCIAL_ASSISTANCE),
    _cost(*_ACTIVITY_SUPPORT),
    _cost(*_SICKNESS_BENEFIT),
)

# The account. Transfers appear twice with opposite signs (a benefit saved by an actor
# is income lost by the individual), so the sum over all six actors is the real gain:
# the value of the work (wage and payroll tax) and the health care not needed.
ITEMS: tuple[Item, ...] = (
    Item(WORK, MUNICIPALITY, "social_assistance_saved", (_gain(*_SOCIAL_ASSISTANCE),)),
    Item(WORK, MUNICIPALITY, "municipal_tax", (_gain(*_MUNICIPAL_TAX),)),
    Item(WORK, REGION, "regional_tax", (_gain(*_REGIONAL_TAX),)),
    Item(WORK, REGION, "health_care_saved", (_gain("health_care_saving_per_person"),)),
    Item(WORK, EMPLOYMENT_SERVICE, "activity_support_saved", (_gain(*_ACTIVITY_SUPPORT),)),
    Item(WORK, EMPLOYMENT_SERVICE, "wage_subsidy", (_cost("wage_subsidy_per_person"),)),
    Item(WORK, SOCIAL_INSURANCE, "sickness_benefit_saved", (_gain(*_SICKNESS_BENEFIT),)),
    Item(
        WORK, STATE, "employer_contributions", (_gain("yearly_wage", "employer_contribution_rate"),)
    ),
    Item(WORK, INDIVIDUAL, "wage", (_gain("yearly_wage"),)),
    Item(WORK, INDIVIDUAL, "income_tax_paid", (_cost(*_MUNICIPAL_TAX), _cost(*_REGIONAL_TAX))),
    Item(WORK, INDIVIDUAL, "benefits_lost", _BENEFITS_LOST),
    Item(STUDIES, MUNICIPALITY, "social_assistance_saved", (_gain(*_SOCIAL_ASSISTANCE),)),
    Item(STUDIES, MUNICIPALITY, "adult_education", (_cost("adult_education_cost"),)),
    Item(STUDIES, EMPLOYMENT_SERVICE, "activity_support_saved", (_gain(*_ACTIVITY_SUPPORT),)),
    Item(STUDIES, SOCIAL_INSURANCE, "sickness_benefit_saved", (_gain(*_SICKNESS_BENEFIT),)),
    Item(STUDIES, STATE, "study_grant_paid", (_cost("study_grant_per_person"),)),
    Item(STUDIES, INDIVIDUAL, "study_grant_received", (_gain("study_grant_per_person"),)),
    Item(STUDIES, INDIVIDUAL, "benefits_lost", _BENEFITS_LOST),
)


def required_parameter_keys(items: Iterable[Item] = ITEMS) -> tuple[str, ...]:
    keys = [key for item in items for key in item.parameter_keys]
    return tuple(dict.fromkeys([*keys, *ADJUSTMENTS]))


@dataclass(frozen=True)
class Labels:
    """Display names; the loader passes translated ones, tests may leave the keys."""

    actors: Mapping[str, str] = field(default_factory=dict)
    groups: Mapping[str, str] = field(default_factory=dict)
    items: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Factor:
    key: str
    name: str
    unit: str
    value: Decimal  # as written in the parameter table (30 for 30 %)


@dataclass(frozen=True)
class TermFigure:
    sign: int
    factors: tuple[Factor, ...]
    amount: Decimal  # signed, per person and year


@dataclass(frozen=True)
class CaseFigure:
    """One row in one case, with everything needed to redo the sum by hand."""

    case: str
    terms: tuple[TermFigure, ...]
    per_person: Decimal
    people: int
    deadweight: Decimal  # percent
    attribution: Decimal  # percent
    years: Decimal
    drop_off: Decimal  # percent per year
    duration_factor: Decimal
    value: Decimal  # whole kronor


@dataclass(frozen=True)
class EstimateRow:
    group: str
    group_label: str
    actor: str
    actor_label: str
    item: str
    label: str
    people: int
    cases: dict[str, CaseFigure]

    def value(self, case: str) -> Decimal:
        return self.cases[case].value


@dataclass(frozen=True)
class ActorTotal:
    actor: str
    label: str
    public: bool
    values: dict[str, Decimal]


@dataclass
class Estimate:
    """The whole estimate for a year: self-describing for pages and reports.

    `cost_basis` says where `cost` comes from: "outcome" (the year's expenditures and
    hours in kind), "budget" (the plan, when nothing is booked yet), "none" (no plan)
    or "scope" (an estimate for part of the region has no cost of its own).
    """

    year: int
    scope: object
    counts: dict[str, int]
    parameters: dict[str, ParameterInfo]
    rows: list[EstimateRow]
    actors: list[ActorTotal]
    public_total: dict[str, Decimal]
    society_total: dict[str, Decimal]
    cost: Decimal | None
    cost_basis: str
    net: dict[str, Decimal | None]
    ratio: dict[str, Decimal | None]
    adjustments: dict[str, dict[str, Decimal]]
    missing_parameters: list[str]
    cases: tuple[str, ...] = CASES
    valued_groups: tuple[str, ...] = VALUED_GROUPS

    @property
    def people(self) -> int:
        """People whose exit the estimate values."""
        return sum(self.counts.get(group, 0) for group in self.valued_groups)

    @property
    def is_empty(self) -> bool:
        return self.people == 0

    @property
    def hidden_groups(self) -> dict[str, Hidden]:
        """Groups whose count is hidden outside the coordinator's view, with why: the
        small ones ("<5") and, when only one is small, the complementary cell ("..";
        the impact app's exit outcome rule, decisions 0101 and 0154), since the year's
        total of exits is shown on the dashboard."""
        groups = list(self.counts)
        hidden = suppress([self.counts[group] for group in groups])
        return {groups[index]: reason for index, reason in hidden.items()}

    def can_be_shown(self, *, show_small_cells: bool) -> bool:
        """Whether the figures may leave the coordinator's view: they are multiples of
        the valued counts, so none of those may be hidden (decision 0112)."""
        return show_small_cells or not self.hidden_groups.keys() & set(self.valued_groups)


def duration_factor(years: Decimal, drop_off_percent: Decimal) -> Decimal:
    """Σ_{t=0}^{years−1} (1 − drop-off)^t: the first year counts in full."""
    remaining = 1 - drop_off_percent / HUNDRED
    # Decimal refuses 0 ** 0, which a drop-off of 100 % would ask for in the first year.
    return sum((remaining**t if t else Decimal(1) for t in range(int(years))), Decimal(0))


def _ratio(gain: Decimal, cost: Decimal | None) -> Decimal | None:
    if not cost:  # never divide by zero: no cost, no ratio
        return None
    return (gain / cost).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def compute(
    *,
    year: int,
    counts: Mapping[str, int],
    parameters: Mapping[str, ParameterInfo],
    cost: Decimal | None,
    cost_basis: str,
    scope: object = None,
    items: Iterable[Item] = ITEMS,
    labels: Labels = Labels(),
) -> Estimate:
    items = tuple(items)
    missing = [key for key in required_parameter_keys(items) if key not in parameters]
    adjustments = {
        case: {key: parameters[key].value(case) for key in ADJUSTMENTS if key in parameters}
        for case in CASES
    }
    rows: list[EstimateRow] = []
    if not any(key in missing for key in ADJUSTMENTS):
        for item in items:
            if any(key in missing for key in item.parameter_keys):
                continue
            people = counts.get(item.group, 0)
            rows.append(
                EstimateRow(
                    group=item.group,
                    group_label=str(labels.groups.get(item.group, item.group)),
                    actor=item.actor,
                    actor_label=str(labels.actors.get(item.actor, item.actor)),
                    item=item.key,
                    label=str(labels.items.get(item.key, item.key)),
                    people=people,
                    cases={
                        case: _case_figure(item, case, people, parameters, adjustments[case])
                        for case in CASES
                    },
                )
            )

    actors = [
        ActorTotal(
            actor=actor,
            label=str(labels.actors.get(actor, actor)),
            public=actor in PUBLIC_ACTORS,
            values={
                case: sum((row.value(case) for row in rows if row.actor == actor), Decimal(0))
                for case in CASES
            },
        )
        for actor in ACTORS
    ]
    public_total = {
        case: sum((a.values[case] for a in actors if a.public), Decimal(0)) for case in CASES
    }
    society_total = {case: sum((a.values[case] for a in actors), Decimal(0)) for case in CASES}
    return Estimate(
        year=year,
        scope=scope,
        counts=dict(counts),
        parameters=dict(parameters),
        rows=rows,
        actors=actors,
        public_total=public_total,
        society_total=society_total,
        cost=cost,
        cost_basis=cost_basis,
        net={case: None if cost is None else public_total[case] - cost for case in CASES},
        ratio={case: _ratio(public_total[case], cost) for case in CASES},
        adjustments=adjustments,
        missing_parameters=missing,
    )


def _case_figure(
    item: Item,
    case: str,
    people: int,
    parameters: Mapping[str, ParameterInfo],
    adjustment: Mapping[str, Decimal],
) -> CaseFigure:
    terms = []
    for term in item.terms:
        amount = Decimal(term.sign)
        factors = []
        for key in term.factors:
            parameter = parameters[key]
            amount *= parameter.factor(case)
            factors.append(Factor(key, parameter.name, parameter.unit, parameter.value(case)))
        terms.append(TermFigure(term.sign, tuple(factors), amount))
    per_person = sum((term.amount for term in terms), Decimal(0))
    factor = duration_factor(adjustment[DURATION], adjustment[DROP_OFF])
    value = (
        people
        * per_person
        * (1 - adjustment[DEADWEIGHT] / HUNDRED)
        * (adjustment[ATTRIBUTION] / HUNDRED)
        * factor
    )
    return CaseFigure(
        case=case,
        terms=tuple(terms),
        per_person=per_person,
        people=people,
        deadweight=adjustment[DEADWEIGHT],
        attribution=adjustment[ATTRIBUTION],
        years=adjustment[DURATION],
        drop_off=adjustment[DROP_OFF],
        duration_factor=factor,
        value=whole_kronor(value),
    )


def estimate_for_year(year: int, scope: "Scope | None" = None) -> Estimate:
    """The estimate for a calendar year (whole region unless a scope is given).

    Raises ValueError for a year that has not begun, as `Period.parse` does.
    """
    from . import loader  # the database side, kept out of this module's imports

    return loader.load_estimate(year, scope)
