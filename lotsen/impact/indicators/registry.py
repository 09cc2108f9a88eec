"""The registry: every indicator, in the order the dashboard and the yearly report show them."""

from . import economy, enterprises, events, needs, outcomes, placements, procurement, support
from .vocabulary import SECTIONS, UNITS, Indicator

INDICATORS: dict[str, Indicator] = {}


def register(indicator: Indicator) -> Indicator:
    if indicator.section not in SECTIONS or indicator.unit not in UNITS:
        raise ValueError(f"{indicator.key}: unknown section or unit")
    INDICATORS[indicator.key] = indicator
    return indicator


for indicator in (
    placements.PLACEMENTS,
    outcomes.EXIT_OUTCOMES,
    outcomes.WORK_OR_STUDIES,
    placements.REFERRALS,
    placements.REFERRAL_TO_PLACEMENT,
    placements.OPENINGS,
    placements.CAPACITY_USED,
    outcomes.PROGRESSION,
    enterprises.ENTERPRISES,
    enterprises.ENTERPRISE_STAFF,
    enterprises.TARGET_GROUP_SHARE,
    support.SUPPORT_REQUESTS,
    support.FIRST_RESPONSE,
    support.SUPPORT_HOURS,
    support.SATISFACTION,
    events.EVENTS,
    events.EVENT_PARTICIPANTS,
    events.EVENT_TURNOUT,
    needs.NEEDS,
    procurement.OPPORTUNITIES_PUBLISHED,
    procurement.OPPORTUNITIES_VALUE,
    procurement.SOCIAL_AWARDS,
    procurement.SOCIAL_PURCHASES,
    economy.BUDGET_OUTCOME,
    economy.BUDGET_USED,
):
    register(indicator)
