"""The procurement section of effect measurement against small cases counted by hand."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from lotsen.impact.indicators import INDICATORS, REGION, Scope, compute_indicators
from lotsen.impact.periods import Period
from lotsen.organisations.models import Organisation
from lotsen.organisations.tests.factories import OrganisationFactory
from lotsen.procurement.models import Opportunity

from .factories import (
    AwardFactory,
    BuyerOrganisationFactory,
    ConsortiumFactory,
    OpportunityFactory,
    PurchaseFactory,
)

pytestmark = pytest.mark.django_db

LAST_YEAR = Period.year_of(timezone.localdate().year - 1)
YEAR_BEFORE = LAST_YEAR.previous()


def day_in(period: Period, month: int = 6) -> datetime.date:
    return datetime.date(period.year, month, 15)


def moment_in(period: Period, month: int = 6) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(period.year, month, 15, 12))


def values(key: str, scope: Scope = REGION) -> dict:
    """{label: (the year before, last year)} of each row."""
    raw = INDICATORS[key].compute_many([YEAR_BEFORE, LAST_YEAR], scope)
    return {str(row.label): tuple(row.values) for row in raw}


@pytest.fixture(autouse=True)
def in_english():
    with translation.override("en"):
        yield


@pytest.fixture
def social_enterprise():
    return OrganisationFactory(kind=Organisation.Kind.SOCIAL_ENTERPRISE)


def test_opportunities_published_their_reservations_and_value(db):
    kommun = BuyerOrganisationFactory()
    OpportunityFactory(buyer=kommun, published_at=moment_in(LAST_YEAR, 3))
    OpportunityFactory(
        kind=Opportunity.Kind.OPEN,
        reserved_participation="none",
        estimated_value=Decimal("1000000"),
        published_at=moment_in(LAST_YEAR, 9),
        status=Opportunity.Status.AWARDED,
    )
    OpportunityFactory(published_at=moment_in(YEAR_BEFORE), estimated_value=None)
    OpportunityFactory(draft=True, created_at=moment_in(LAST_YEAR))
    assert values("procurement_opportunities") == {
        "Business opportunities published": (1, 2),
        "Of them reserved": (1, 1),
    }
    assert values("procurement_value") == {"Estimated value": (0, Decimal("1450000"))}
    by_party = values("procurement_opportunities", Scope(party_id=kommun.pk))
    assert by_party["Business opportunities published"] == (0, 1)


def test_the_share_of_awards_won_by_social_enterprises_by_number_and_value(
    social_enterprise,
):
    awarded_on = day_in(LAST_YEAR)
    AwardFactory(supplier=social_enterprise, value=Decimal("300000"), awarded_on=awarded_on)
    consortium_award = AwardFactory(supplier=None, value=Decimal("100000"), awarded_on=awarded_on)
    consortium_award.consortium = ConsortiumFactory(opportunity=consortium_award.opportunity)
    consortium_award.save()
    AwardFactory(
        supplier=OrganisationFactory(kind=Organisation.Kind.OTHER),
        value=Decimal("600000"),
        awarded_on=awarded_on,
    )
    AwardFactory(supplier=None, supplier_name="Städbolaget AB", awarded_on=awarded_on)
    shares = values("procurement_social_awards")
    # 2 of 4 awards; 400 000 of 1 430 000 kronor.
    assert shares["Awards won by social enterprises, share by number"] == (None, Decimal("50.0"))
    assert shares["Awards won by social enterprises, share by value"] == (None, Decimal("28.0"))


def test_purchases_from_social_enterprises_by_buyer_and_year(db):
    lulea = BuyerOrganisationFactory(name="Luleå kommun")
    boden = BuyerOrganisationFactory(name="Bodens kommun")
    PurchaseFactory(buyer=lulea, year=LAST_YEAR.year, amount=Decimal("200000"))
    PurchaseFactory(buyer=lulea, year=LAST_YEAR.year, amount=Decimal("50000"), outside_notices=True)
    PurchaseFactory(buyer=boden, year=YEAR_BEFORE.year, amount=Decimal("80000"))
    assert values("procurement_social_purchases") == {
        "All buyers": (Decimal("80000"), Decimal("250000")),
        "Bodens kommun": (Decimal("80000"), Decimal(0)),
        "Luleå kommun": (Decimal(0), Decimal("250000")),
    }
    assert values("procurement_social_purchases", Scope(party_id=boden.pk)) == {
        "All buyers": (Decimal("80000"), Decimal(0)),
        "Bodens kommun": (Decimal("80000"), Decimal(0)),
    }


def test_the_section_is_on_the_dashboard_with_its_title(db):
    results = compute_indicators(LAST_YEAR, REGION, show_small_cells=False)
    procurement = [r for r in results if r.section == "procurement"]
    assert {r.key for r in procurement} == {
        "procurement_opportunities",
        "procurement_value",
        "procurement_social_awards",
        "procurement_social_purchases",
    }
    assert {r.section_title for r in procurement} == {"Procurement"}
