import pytest

from lotsen.organisations.tests.factories import OrganisationFactory


@pytest.mark.parametrize(
    "role", ["coordinator", "caseworker", "enterprise", "provider", "steering", "admin"]
)
def test_everyone_with_a_role_sees_the_register(client, all_personas, role):
    OrganisationFactory(name="Café Kvarnen ek. för.")
    client.force_login(all_personas[role])
    response = client.get("/organisationer/")
    assert response.status_code == 200
    assert "Café Kvarnen ek. för." in response.text


def test_a_user_without_a_role_is_refused(client, outsider):
    organisation = OrganisationFactory()
    client.force_login(outsider)
    assert client.get("/organisationer/").status_code == 403
    assert client.get(f"/organisationer/{organisation.slug}/").status_code == 404


def test_the_list_filters_on_kind(client, coordinator):
    OrganisationFactory(name="Almi Nord", kind="support_actor", org_number=None)
    OrganisationFactory(name="Café Kvarnen ek. för.")
    client.force_login(coordinator)
    response = client.get("/organisationer/?kind=support_actor")
    assert "Almi Nord" in response.text
    assert "Café Kvarnen" not in response.text


def test_the_query_count_does_not_grow_with_the_organisations(
    client, coordinator, assert_constant_queries
):
    client.force_login(coordinator)
    assert_constant_queries("/organisationer/", lambda n: OrganisationFactory.create_batch(n))
