"""Buyers record what they bought from social enterprises each year (Buy Social)."""

from decimal import Decimal

import pytest
from django.utils import timezone

from lotsen.organisations.models import Organisation
from lotsen.organisations.tests.factories import OrganisationFactory
from lotsen.procurement.models import Purchase

from .factories import PurchaseFactory

pytestmark = pytest.mark.django_db

LIST = "/upphandling/inkop/"
ADD = "/upphandling/inkop/ny/"
LAST_YEAR = timezone.localdate().year - 1


def own_organisation(user) -> Organisation:
    return user.memberships.get().organisation


@pytest.fixture
def enterprise():
    return OrganisationFactory(kind=Organisation.Kind.SOCIAL_ENTERPRISE, name="Returbutiken")


def filled(buyer_organisation, enterprise, **fields) -> dict:
    return {
        "buyer": buyer_organisation.pk,
        "supplier": enterprise.pk,
        "year": LAST_YEAR,
        "amount": "1 200 000",
        "note": "",
        **fields,
    }


def test_the_buyer_records_a_year_of_purchases_in_swedish_figures(client, buyer, enterprise):
    client.force_login(buyer)
    response = client.post(ADD, filled(own_organisation(buyer), enterprise, outside_notices="on"))
    assert response.status_code == 302
    purchase = Purchase.objects.get()
    assert purchase.amount == Decimal("1200000")
    assert purchase.outside_notices and purchase.recorded_by == buyer


def test_the_buyer_sees_and_changes_only_their_own_organisations_rows(client, buyer):
    own = PurchaseFactory(buyer=own_organisation(buyer))
    other = PurchaseFactory()
    client.force_login(buyer)
    assert list(client.get(LIST).context["page"]) == [own]
    assert client.get(f"/upphandling/inkop/{other.pk}/").status_code == 404
    response = client.post(ADD, filled(other.buyer, other.supplier, year=LAST_YEAR - 1))
    assert "buyer" in response.context["form"].errors
    assert Purchase.objects.count() == 2


def test_the_coordinator_sees_every_buyers_rows_and_filters_by_year(client, coordinator):
    recent, older = PurchaseFactory(), PurchaseFactory(year=LAST_YEAR - 3)
    client.force_login(coordinator)
    assert set(client.get(LIST).context["page"]) == {recent, older}
    assert list(client.get(LIST, {"year": older.year}).context["page"]) == [older]
    totals = list(client.get(LIST).context["years"])
    assert [row["year"] for row in totals] == [LAST_YEAR, LAST_YEAR - 3]


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"year": "i fjol"}, "year", "Skriv ett år"),
        ({"year": "1999"}, "year", "från 2000"),
        ({"year": str(LAST_YEAR + 2)}, "year", "framtiden"),
        ({"amount": "mycket"}, "amount", "1 200 000"),
        ({"amount": "-5"}, "amount", "negativt"),
    ],
)
def test_bad_year_or_amount_gets_a_clear_error_and_nothing_is_saved(
    client, buyer, enterprise, fields, field, message
):
    client.force_login(buyer)
    response = client.post(ADD, filled(own_organisation(buyer), enterprise, **fields))
    assert response.status_code == 200
    errors = response.context["form"].errors[field]
    assert any(message in error for error in errors), errors
    assert not Purchase.objects.exists()


def test_a_second_row_for_the_same_enterprise_and_year_is_refused_in_words(
    client, buyer, enterprise
):
    PurchaseFactory(buyer=own_organisation(buyer), supplier=enterprise, year=LAST_YEAR)
    client.force_login(buyer)
    response = client.post(ADD, filled(own_organisation(buyer), enterprise))
    assert response.status_code == 200
    assert "redan" in response.context["form"].errors["supplier"][0]
    assert Purchase.objects.count() == 1


@pytest.mark.parametrize("persona", ["enterprise_user", "caseworker", "outsider"])
def test_who_is_no_buyer_records_no_purchases(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(LIST).status_code == 403
    assert client.get(ADD).status_code == 403


def test_the_list_needs_as_many_queries_with_more_rows(
    client, coordinator, assert_constant_queries
):
    client.force_login(coordinator)
    assert_constant_queries(LIST, lambda n: PurchaseFactory.create_batch(n))
