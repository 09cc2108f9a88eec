"""The public statistics: the page's figures, hidden values named as hidden."""

import datetime

import pytest
import time_machine
from django.utils import timezone
from django.utils.http import http_date

from lotsen.events.tests.factories import EventFactory
from lotsen.impact.tests import test_protecting_cells as protecting

# The statistics page's own case of a small count beside one hidden to protect it.
parties_54_and_enterprises_3 = protecting.parties_54_and_enterprises_3
year = protecting.year

pytestmark = pytest.mark.django_db

URL = "/api/v1/statistik/"


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


def figures_computed_at(moment: datetime.datetime):
    """Stand at `moment` while the statistics are asked for, so figures computed then
    carry that time."""
    return time_machine.travel(moment, tick=False)


def test_the_answer_is_dated_when_its_figures_were_computed(
    client, parties_54_and_enterprises_3, year
):
    computed = timezone.now().replace(microsecond=0)
    with figures_computed_at(computed):
        first = client.get(URL, {"ar": year})
    with figures_computed_at(computed + datetime.timedelta(minutes=1)):
        again = client.get(URL, {"ar": year})  # the stored figures, not computed again
    assert first["Last-Modified"] == http_date(computed.timestamp())
    assert again["Last-Modified"] == first["Last-Modified"]
    assert "public" in first["Cache-Control"]


def test_unchanged_figures_answer_304_to_their_date_and_to_their_etag(
    client, parties_54_and_enterprises_3, year
):
    first = client.get(URL, {"ar": year})
    since = client.get(URL, {"ar": year}, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304
    assert since.content == b""
    assert client.get(URL, {"ar": year}, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_figures_computed_again_after_a_change_answer_200_with_their_new_date(
    client, parties_54_and_enterprises_3, year
):
    computed = timezone.now().replace(microsecond=0)
    with figures_computed_at(computed):
        first = client.get(URL, {"ar": year})
    later = computed + datetime.timedelta(minutes=2)
    with figures_computed_at(later):
        EventFactory()  # a change to what the figures count: they are computed again
        again = client.get(URL, {"ar": year}, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert again.status_code == 200
    assert again["Last-Modified"] == http_date(later.timestamp())
