"""The public statistics: the page's figures, hidden values named as hidden."""

import pytest

from lotsen.impact.tests import test_protecting_cells as protecting

# The statistics page's own case of a small count beside one hidden to protect it.
parties_54_and_enterprises_3 = protecting.parties_54_and_enterprises_3
year = protecting.year

pytestmark = pytest.mark.django_db


def rows_of(body: dict, indicator: str) -> dict:
    found = next(item for item in body["indikatorer"] if item["indikator"] == indicator)
    return {row["rad"]: row for row in found["rader"]}


def test_a_hidden_value_is_marked_hidden_never_a_small_number(
    client, parties_54_and_enterprises_3, year
):
    response = client.get("/api/v1/statistik/", {"ar": year})
    assert response.status_code == 200
    body = response.json()
    assert body["period"] == str(year)
    rows = rows_of(body, "event_participants")
    enterprises = rows["Socialt företag"]
    assert enterprises["varde"] is None and enterprises["dold"] == "liten_grupp"
    parties = rows["Part i samordningsförbundet"]
    assert parties["varde"] is None and parties["dold"] == "skyddar_annan"
    assert rows["Stödaktör"]["varde"] == 0 and rows["Stödaktör"]["dold"] is None


def test_a_signed_in_coordinator_gets_the_public_figures_too(
    client, coordinator, parties_54_and_enterprises_3, year
):
    client.force_login(coordinator)
    body = client.get("/api/v1/statistik/", {"ar": year}).json()
    assert rows_of(body, "event_participants")["Socialt företag"]["dold"] == "liten_grupp"


@pytest.mark.parametrize("year_asked", ["2999", "abc", "1850"])
def test_a_bad_year_is_refused_with_the_parameter_named(client, year_asked):
    response = client.get("/api/v1/statistik/", {"ar": year_asked})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert [error["field"] for error in response.json()["errors"]] == ["ar"]
