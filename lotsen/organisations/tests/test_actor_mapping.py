import re

import pytest

from lotsen.organisations.models import ActorMapping
from lotsen.organisations.tests.factories import OrganisationFactory


def _map(name: str, knowledge: int, interest: int, role="business_promotion") -> ActorMapping:
    organisation = OrganisationFactory(name=name, kind="support_actor", org_number=None)
    return ActorMapping.objects.create(
        organisation=organisation, support_role=role, knowledge=knowledge, interest=interest
    )


def test_the_grid_places_each_actor_by_interest_and_knowledge(client, coordinator):
    _map("Almi", knowledge=1, interest=2)
    _map("LTU Business", knowledge=3, interest=3, role="academia")
    client.force_login(coordinator)
    response = client.get("/organisationer/aktorer/")
    grid = response.text.split('class="actor-grid"')[1].split("</table>")[0]
    rows = re.findall(r"<tr><th scope=\"row\">(.*?)</tr>", grid, re.S)
    # Rows run from interest 4 down to 1; columns from knowledge 1 to 4.
    cells = [re.findall(r"<td[^>]*>(.*?)</td>", row, re.S) for row in rows]
    assert "LTU Business" in cells[1][2]
    assert "Almi" in cells[2][0]
    assert "Almi" in response.text.split('id="actors-caption"')[1]


def test_the_list_filters_on_role_knowledge_and_interest(client, coordinator):
    _map("Almi", knowledge=1, interest=2)
    _map("LTU Business", knowledge=3, interest=3, role="academia")
    client.force_login(coordinator)
    table = client.get("/organisationer/aktorer/?roll=academia").text.split('id="actors-caption"')[
        1
    ]
    assert "LTU Business" in table and "Almi" not in table
    table = client.get("/organisationer/aktorer/?kunskap=1").text.split('id="actors-caption"')[1]
    assert "Almi" in table and "LTU Business" not in table


def test_the_coordinator_maps_an_actor(client, coordinator):
    organisation = OrganisationFactory(name="Almi", kind="support_actor", org_number=None)
    client.force_login(coordinator)
    response = client.post(
        f"/organisationer/{organisation.slug}/kartlaggning/",
        {
            "support_role": "business_promotion",
            "knowledge": "1",
            "interest": "2",
            "support_areas": ["advice"],
            "last_contact": "2021-03-15",
            "notes": "Behövs dialog.",
        },
    )
    assert response.status_code == 302
    mapping = ActorMapping.objects.get(organisation=organisation)
    assert (mapping.knowledge, mapping.interest) == (1, 2)
    assert [area.code for area in mapping.support_areas.all()] == ["advice"]


def test_a_scale_outside_1_to_4_is_refused(client, coordinator):
    organisation = OrganisationFactory(name="Almi", kind="support_actor", org_number=None)
    client.force_login(coordinator)
    response = client.post(
        f"/organisationer/{organisation.slug}/kartlaggning/",
        {"support_role": "business_promotion", "knowledge": "5", "interest": "0"},
    )
    assert response.status_code == 200
    assert "Formuläret innehåller fel" in response.text
    assert not ActorMapping.objects.exists()


def test_the_actor_list_query_count_does_not_grow(client, coordinator, assert_constant_queries):
    client.force_login(coordinator)

    def add(count):
        for number in range(count):
            mapping = _map(f"Aktör {number}", knowledge=number % 4 + 1, interest=2)
            mapping.support_areas.set(["advice", "training"])

    add(1)
    assert_constant_queries("/organisationer/aktorer/", add)


@pytest.mark.parametrize("role", ["caseworker", "enterprise", "provider", "steering", "outsider"])
def test_only_the_coordinator_sees_the_mapping(client, all_personas, role):
    mapping = _map("Almi", knowledge=1, interest=2)
    client.force_login(all_personas[role])
    assert client.get("/organisationer/aktorer/").status_code == 403
    response = client.post(
        f"/organisationer/{mapping.organisation.slug}/kartlaggning/",
        {"support_role": "other", "knowledge": "4", "interest": "4"},
    )
    assert response.status_code == 403
    mapping.refresh_from_db()
    assert mapping.knowledge == 1
