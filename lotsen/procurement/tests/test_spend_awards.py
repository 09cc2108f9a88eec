"""Recording who won a closed opportunity, lot by lot, and moving it to awarded."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from lotsen.core.models import StatusChange
from lotsen.organisations.models import Organisation
from lotsen.organisations.tests.factories import OrganisationFactory
from lotsen.procurement.models import Award, Opportunity

from .factories import ConsortiumFactory, LotFactory, OpportunityFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def award_url(opportunity) -> str:
    return f"/upphandling/{opportunity.slug}/tilldelning/"


def own_organisation(user) -> Organisation:
    return user.memberships.get().organisation


@pytest.fixture
def closed(buyer):
    return OpportunityFactory(buyer=own_organisation(buyer), status=Opportunity.Status.CLOSED)


@pytest.fixture
def enterprise():
    return OrganisationFactory(kind=Organisation.Kind.SOCIAL_ENTERPRISE, name="Städkooperativet")


def filled(prefix="award", **fields) -> dict:
    data = {
        "supplier": "",
        "supplier_name": "",
        "value": "1 200 000",
        "awarded_on": TODAY().isoformat(),
        "period_start": (TODAY() + datetime.timedelta(days=30)).isoformat(),
        "period_end": (TODAY() + datetime.timedelta(days=395)).isoformat(),
        **fields,
    }
    return {f"{prefix}-{name}": value for name, value in data.items()}


def test_the_buyer_records_the_winner_and_the_opportunity_is_awarded(
    client, buyer, closed, enterprise
):
    client.force_login(buyer)
    response = client.post(award_url(closed), filled(supplier=enterprise.pk))
    assert response.status_code == 302
    award = Award.objects.get(opportunity=closed)
    assert award.value == Decimal("1200000")
    assert award.supplier == enterprise and award.won_by_social_enterprise
    assert award.recorded_by == buyer
    closed.refresh_from_db()
    assert closed.status == Opportunity.Status.AWARDED
    assert StatusChange.objects.filter(to_status="awarded", actor=buyer).exists()


def test_each_lot_gets_its_own_winner_a_consortium_or_a_name(client, coordinator, enterprise):
    opportunity = OpportunityFactory(status=Opportunity.Status.CLOSED)
    first, second = LotFactory(opportunity=opportunity), LotFactory(opportunity=opportunity)
    consortium = ConsortiumFactory(opportunity=opportunity, lead=enterprise)
    client.force_login(coordinator)
    response = client.post(
        award_url(opportunity),
        {
            **filled(f"lot-{first.number}", consortium=consortium.pk, value="450 000"),
            **filled(f"lot-{second.number}", supplier_name="Byggbolaget AB", value="300000"),
        },
    )
    assert response.status_code == 302
    by_lot = {award.lot: award for award in Award.objects.filter(opportunity=opportunity)}
    assert by_lot[first].consortium == consortium and by_lot[first].won_by_social_enterprise
    assert by_lot[second].supplier_name == "Byggbolaget AB"
    assert not by_lot[second].won_by_social_enterprise


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({}, "supplier", "Ange en leverantör"),
        ({"supplier_name": "Två AB", "supplier": "ENTERPRISE"}, "supplier", "Ange en leverantör"),
        ({"supplier_name": "Ett AB", "value": "en miljon"}, "value", "1 200 000"),
        ({"supplier_name": "Ett AB", "value": "1 200 000,50"}, "value", "hela kronor"),
        (
            {
                "supplier_name": "Ett AB",
                "period_start": (TODAY() + datetime.timedelta(days=30)).isoformat(),
                "period_end": TODAY().isoformat(),
            },
            "period_end",
            "kan inte sluta",
        ),
        ({"supplier_name": "Ett AB", "awarded_on": "igår"}, "awarded_on", "ÅÅÅÅ-MM-DD"),
    ],
)
def test_bad_input_gets_a_clear_error_and_nothing_is_saved(
    client, buyer, closed, enterprise, fields, field, message
):
    if fields.get("supplier") == "ENTERPRISE":
        fields = {**fields, "supplier": enterprise.pk}
    client.force_login(buyer)
    response = client.post(award_url(closed), filled(**fields))
    assert response.status_code == 200
    errors = response.context["forms"][0].errors[field]
    assert any(message in error for error in errors), errors
    assert "Formuläret innehåller fel" in response.text
    assert not Award.objects.exists()
    closed.refresh_from_db()
    assert closed.status == Opportunity.Status.CLOSED


@pytest.mark.parametrize("status", ["published", "draft", "awarded", "cancelled"])
def test_an_award_is_refused_unless_the_opportunity_is_closed(client, buyer, status):
    opportunity = OpportunityFactory(buyer=own_organisation(buyer), status=status)
    client.force_login(buyer)
    assert not client.get(award_url(opportunity)).context["forms"]
    response = client.post(award_url(opportunity), filled(supplier_name="Ett AB"), follow=True)
    assert "stängd för anbud" in response.text
    assert not Award.objects.exists()
    opportunity.refresh_from_db()
    assert opportunity.status == status


def test_only_the_owning_buyer_and_the_coordinator_record_awards(
    client, make_persona, enterprise_user, closed
):
    other_buyer = make_persona("buyer")
    for user in (other_buyer, enterprise_user):
        client.force_login(user)
        assert client.get(award_url(closed)).status_code == 404
        client.post(award_url(closed), filled(supplier_name="Ett AB"))
    assert not Award.objects.exists()


def test_the_recorded_awards_are_shown_after_the_award(client, buyer, closed, enterprise):
    client.force_login(buyer)
    client.post(award_url(closed), filled(supplier=enterprise.pk))
    response = client.get(award_url(closed))
    assert "Städkooperativet" in response.text
    assert not response.context["forms"]
