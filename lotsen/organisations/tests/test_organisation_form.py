import pytest

from lotsen.organisations.models import Organisation
from lotsen.organisations.tests.factories import OrganisationFactory

VALID = {
    "kind": "social_enterprise",
    "name": "Snickeriet i Piteå ek. för.",
    "org_number": "5560360793",
    "municipality": "2581",
    "street_address": "Sundsgatan 18",
    "postal_code": "941 32",
    "postal_town": "Piteå",
    "email": "info@snickeriet.test",
    "phone": "0911-12 34 56",
    "website": "snickeriet.test",
}


@pytest.fixture
def logged_in_coordinator(client, coordinator):
    client.force_login(coordinator)
    return client


def test_the_coordinator_registers_an_organisation_normalised(logged_in_coordinator):
    response = logged_in_coordinator.post("/organisationer/ny/", VALID)
    organisation = Organisation.objects.get(name=VALID["name"])
    assert response["Location"] == "/organisationer/snickeriet-i-pitea-ek-for/"
    assert organisation.org_number == "556036-0793"
    assert organisation.phone == "+4691112345" + "6"
    assert organisation.phone_display == "0911-12 34 56"
    assert organisation.website == "https://snickeriet.test"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("org_number", "556036-0794", "är inte ett giltigt svenskt organisationsnummer"),
        ("org_number", "12345", "är inte ett giltigt svenskt organisationsnummer"),
        ("municipality", "9999", "Okänd kommun. Välj en kommun i listan."),
        ("phone", "0911-12", "är inte ett giltigt telefonnummer"),
        ("phone", "ring mig", "är inte ett telefonnummer"),
        ("name", "", "Detta fält måste fyllas i."),
    ],
)
def test_bad_input_re_renders_with_a_swedish_message_and_saves_nothing(
    logged_in_coordinator, field, value, message
):
    before = Organisation.objects.count()
    response = logged_in_coordinator.post("/organisationer/ny/", {**VALID, field: value})
    assert response.status_code == 200
    assert "Formuläret innehåller fel" in response.text
    assert message in response.text
    assert Organisation.objects.count() == before


def test_a_duplicate_org_number_in_another_format_is_refused(logged_in_coordinator):
    OrganisationFactory(org_number="556036-0793", name="Redan registrerad")
    response = logged_in_coordinator.post(
        "/organisationer/ny/", {**VALID, "org_number": "556036 0793"}
    )
    assert response.status_code == 200
    assert "Det finns redan en organisation med det här organisationsnumret." in response.text
    assert not Organisation.objects.filter(name=VALID["name"]).exists()


def test_the_coordinator_edits_an_organisation(logged_in_coordinator):
    organisation = OrganisationFactory()
    response = logged_in_coordinator.post(
        f"/organisationer/{organisation.slug}/andra/",
        {**VALID, "org_number": organisation.org_number, "name": "Nytt namn ek. för."},
    )
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.name == "Nytt namn ek. för."
    assert organisation.slug != ""


@pytest.mark.parametrize("role", ["caseworker", "enterprise", "provider", "steering", "outsider"])
def test_only_the_coordinator_and_admin_may_change_the_register(client, all_personas, role):
    organisation = OrganisationFactory()
    client.force_login(all_personas[role])
    assert client.get("/organisationer/ny/").status_code == 403
    response = client.post(
        f"/organisationer/{organisation.slug}/andra/", {**VALID, "name": "Kapat"}
    )
    assert response.status_code == 403
    organisation.refresh_from_db()
    assert organisation.name != "Kapat"
