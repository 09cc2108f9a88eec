"""How well a social enterprise fits a business opportunity, with every reason.

Plain data in, plain data out, so the rules can be read and tested without a database:
the callers in `services/matching.py` load the facts. As in the placement matching, a
suggestion carries rules (here the one of reserved contracts) and score parts, each with
the detail that explains it: which CPV–SNI link matched, which municipality, how many
of the staff come from the target group.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

# LOU 4 kap. 18 §: at least 30 % of the staff from the target group.
RESERVED_SHARE = 30
# From this many staff an enterprise counts as able to take on a contract by itself.
FULL_CAPACITY_STAFF = 10
WEIGHTS = {"trade": 0.6, "place": 0.25, "capacity": 0.15}
# An enterprise registered on a broader SNI code than the link's may or may not do the
# work: it fits, but less than one at or below the linked code.
BROADER_SNI_VALUE = 0.5
# A service the enterprise names (its own tag, e.g. "fönsterputs") that the opportunity's
# text names too: what it sells, in its own words, without a classification to tie it.
NAMED_SERVICE_VALUE = 0.8


class Status(StrEnum):
    MEETS = "meets"
    FAILS = "fails"
    UNKNOWN = "unknown"
    NOT_APPLICABLE = "not_applicable"


@dataclass(frozen=True)
class Link:
    cpv: str
    sni: str
    note: str = ""

    @property
    def cpv_prefix(self) -> str:
        return significant_cpv(self.cpv)


@dataclass(frozen=True)
class EnterpriseFacts:
    id: int
    name: str
    sni: frozenset[str]
    municipalities: frozenset[str]
    staff_count: int | None = None
    staff_from_target_group: int | None = None
    # The names of its services, lower-cased.
    services: frozenset[str] = frozenset()


@dataclass(frozen=True)
class OpportunityFacts:
    id: int
    cpv: tuple[str, ...]
    municipalities: frozenset[str]
    reserved: bool = False
    # Its title, description and CPV labels, lower-cased, where services are looked for.
    text: str = ""


@dataclass(frozen=True)
class TradeMatch:
    """The link that ties a CPV code of the opportunity to an SNI code of the enterprise."""

    opportunity_cpv: str
    enterprise_sni: str
    link: Link
    value: float


@dataclass(frozen=True)
class ReservedCheck:
    status: Status
    from_target_group: int | None = None
    staff_count: int | None = None

    @property
    def share(self) -> int | None:
        if not self.staff_count or self.from_target_group is None:
            return None
        return self.from_target_group * 100 // self.staff_count


@dataclass(frozen=True)
class Fit:
    enterprise: EnterpriseFacts
    opportunity: OpportunityFacts
    trade: tuple[TradeMatch, ...]
    services: tuple[str, ...]
    places: tuple[str, ...]
    place_status: Status
    staff_count: int | None
    capacity_value: float | None
    reserved: ReservedCheck
    score: float = 0.0

    @property
    def fits(self) -> bool:
        """Fit at all: something the enterprise sells is what the opportunity buys."""
        return bool(self.trade or self.services)

    @property
    def best_trade(self) -> TradeMatch | None:
        return self.trade[0] if self.trade else None

    @property
    def sort_key(self) -> tuple:
        rule_order = {
            Status.MEETS: 0,
            Status.NOT_APPLICABLE: 0,
            Status.UNKNOWN: 1,
            Status.FAILS: 2,
        }
        return (not self.fits, rule_order[self.reserved.status], -self.score)


def significant_cpv(code: str) -> str:
    """The digits that say what a CPV code buys: trailing zeros only mark its level."""
    return code.rstrip("0").ljust(2, "0")


def cpv_covers(link_cpv: str, code: str) -> bool:
    return code.startswith(significant_cpv(link_cpv))


def sni_value(link_sni: str, enterprise_sni: str) -> float:
    """1 when the enterprise's code is the link's or below it, less when it is broader."""
    if enterprise_sni.startswith(link_sni):
        return 1.0
    if link_sni.startswith(enterprise_sni) and len(enterprise_sni) >= 2:
        return BROADER_SNI_VALUE
    return 0.0


def trade_matches(
    cpv_codes: Iterable[str], sni_codes: Iterable[str], links: Iterable[Link]
) -> tuple[TradeMatch, ...]:
    """Every link that ties the codes, best first, one per enterprise SNI code and link."""
    sni_codes = sorted(sni_codes)
    found = []
    for link in links:
        cpv = next((code for code in cpv_codes if cpv_covers(link.cpv, code)), None)
        if cpv is None:
            continue
        for sni in sni_codes:
            value = sni_value(link.sni, sni)
            if value:
                found.append(TradeMatch(cpv, sni, link, value))
    # The closest link first: a full SNI match, then the most specific CPV code linked.
    found.sort(key=lambda match: (-match.value, -len(match.link.cpv_prefix), match.link.cpv))
    return tuple(found)


def named_services(services: Iterable[str], text: str) -> tuple[str, ...]:
    """The enterprise's services that the opportunity's text names."""
    return tuple(sorted(service for service in services if service and service in text))


def reserved_check(opportunity: OpportunityFacts, enterprise: EnterpriseFacts) -> ReservedCheck:
    if not opportunity.reserved:
        return ReservedCheck(Status.NOT_APPLICABLE)
    staff, target = enterprise.staff_count, enterprise.staff_from_target_group
    if not staff or target is None:
        return ReservedCheck(Status.UNKNOWN, target, staff)
    # Compared without rounding: 3 of 10 is exactly 30 % and qualifies.
    meets = target * 100 >= RESERVED_SHARE * staff
    return ReservedCheck(Status.MEETS if meets else Status.FAILS, target, staff)


def fit(opportunity: OpportunityFacts, enterprise: EnterpriseFacts, links: Iterable[Link]) -> Fit:
    trade = trade_matches(opportunity.cpv, enterprise.sni, links)
    services = named_services(enterprise.services, opportunity.text)
    places = tuple(sorted(opportunity.municipalities & enterprise.municipalities))
    if not opportunity.municipalities:
        place_status = Status.NOT_APPLICABLE
    elif places:
        place_status = Status.MEETS
    elif enterprise.municipalities:
        place_status = Status.FAILS
    else:
        place_status = Status.UNKNOWN
    staff = enterprise.staff_count
    capacity = min(staff / FULL_CAPACITY_STAFF, 1.0) if staff else None
    values = {
        "trade": max(trade[0].value if trade else 0.0, NAMED_SERVICE_VALUE if services else 0.0),
        "place": None
        if place_status in (Status.NOT_APPLICABLE, Status.UNKNOWN)
        else float(bool(places)),
        "capacity": capacity,
    }
    applied = {part: value for part, value in values.items() if value is not None}
    weight = sum(WEIGHTS[part] for part in applied)
    score = sum(value * WEIGHTS[part] for part, value in applied.items()) / weight
    return Fit(
        enterprise=enterprise,
        opportunity=opportunity,
        trade=trade,
        services=services,
        places=places,
        place_status=place_status,
        staff_count=staff,
        capacity_value=capacity,
        reserved=reserved_check(opportunity, enterprise),
        score=round(score, 2),
    )


def rank_enterprises(
    opportunity: OpportunityFacts, enterprises: Iterable[EnterpriseFacts], links: list[Link]
) -> list[Fit]:
    """The enterprises whose trade fits, best first; the 30 % rule before the score."""
    fits = (fit(opportunity, enterprise, links) for enterprise in enterprises)
    return sorted(
        (each for each in fits if each.fits), key=lambda each: (each.sort_key, each.enterprise.name)
    )


def rank_opportunities(
    opportunities: Iterable[OpportunityFacts],
    enterprises: list[EnterpriseFacts],
    links: list[Link],
) -> list[Fit | None]:
    """For each opportunity the best fit among the enterprises (None when there are none),
    in the order of the opportunities given; the caller sorts."""
    best = []
    for opportunity in opportunities:
        fits = [fit(opportunity, enterprise, links) for enterprise in enterprises]
        best.append(min(fits, key=lambda each: each.sort_key) if fits else None)
    return best
