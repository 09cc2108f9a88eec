"""A count hidden only so that a small one cannot be worked out reads "..", not "<5",
on every page and in the open data, with a note under its table (decision 0154)."""

import csv
import datetime
import io

import pytest
from django.utils import timezone

from lotsen.accounts.models import Role
from lotsen.core.tests.open_data_files import table_errors
from lotsen.events.tests.factories import EventFactory, RegistrationFactory
from lotsen.organisations.tests.factories import OrganisationFactory

from .factories import episode, moment, party

NOTE = ".. = uppgiften döljs för att en liten grupp inte ska kunna räknas fram"


@pytest.fixture
def year() -> int:
    return timezone.localdate().year - 1


@pytest.fixture
def parties_54_and_enterprises_3(db, year):
    """The case of issue 15: 54 participations from parties beside 3 from enterprises."""
    day = datetime.date(year, 5, 5)
    held = EventFactory(starts_at=moment(day, 9), ends_at=moment(day, 12))
    from_party = OrganisationFactory(kind="party")
    from_enterprise = OrganisationFactory(kind="social_enterprise")
    RegistrationFactory.create_batch(54, event=held, organisation=from_party, attended=True)
    RegistrationFactory.create_batch(3, event=held, organisation=from_enterprise, attended=True)


def row(label: str, *cells: str) -> str:
    return f'<th scope="row">{label}</th>' + "".join(f"<td>{cell}</td>" for cell in cells)


PARTIES = row("Part i samordningsförbundet", "..", "0")
ENTERPRISES = row("Socialt företag", "&lt;5", "0")


def test_the_public_page_shows_the_protecting_count_as_two_dots_with_a_note(
    client, parties_54_and_enterprises_3, year
):
    page = client.get(f"/statistik/?ar={year}").text
    assert PARTIES in page and ENTERPRISES in page
    assert page.count(NOTE) == 1  # under the one table with a ".." cell
    assert "två punkter" in page  # the open data's description says what ".." means


def test_the_open_data_writes_the_marks_a_machine_can_tell_apart(
    client, parties_54_and_enterprises_3, year
):
    response = client.get(f"/statistik/statistik.csv?ar={year}")
    rows = [
        r
        for r in csv.DictReader(io.StringIO(response.content.decode()))
        if r["indikator"] == "event_participants"
    ]
    values = {r["rad"]: (r["varde"], r["varde_dolt"]) for r in rows}
    assert values["Part i samordningsförbundet"] == ("", "skyddar_annan")
    assert values["Socialt företag"] == ("", "fa_personer")
    assert values["Stödaktör"] == ("0", "")


def test_the_coordinator_sees_the_counts_and_no_note(
    client, all_personas, parties_54_and_enterprises_3, year
):
    client.force_login(all_personas[Role.COORDINATOR])
    page = client.get(f"/statistik/?ar={year}").text
    assert row("Part i samordningsförbundet", "54", "0") in page
    assert NOTE not in page


def test_the_dashboard_shows_the_protecting_count_as_two_dots_with_a_note(
    client, all_personas, parties_54_and_enterprises_3, year
):
    client.force_login(all_personas[Role.STEERING])
    page = client.get(f"/effekt/?kind=year&year={year}").text
    assert PARTIES in page and ENTERPRISES in page
    assert NOTE in page


def test_the_drill_down_shows_a_protecting_municipality_as_two_dots_with_a_note(
    client, all_personas, year
):
    referring = party("2580", name="Arbetsförmedlingen")
    for municipality, people in (("2580", 3), ("2581", 6)):
        for _ in range(people):
            episode(
                referring_party=referring,
                received=datetime.date(year, 1, 10),
                started=datetime.date(year, 2, 1),
                municipality=municipality,
            )
    client.force_login(all_personas[Role.STEERING])
    page = client.get(f"/effekt/indikator/placements/?kind=year&year={year}").text
    # Luleå's 3 are few; Piteå's 6 would give them back from the region's 9.
    assert '<th scope="row">Luleå</th><td>&lt;5</td>' in page
    assert '<th scope="row">Piteå</th><td>..</td>' in page
    assert '<th scope="row">Arbetsförmedlingen</th><td>9</td>' in page
    assert page.count(NOTE) == 1  # by municipality only: by party and over time show all


def test_an_outsider_reaches_neither_the_dashboard_nor_the_drill_down(client, all_personas, year):
    client.force_login(all_personas[Role.ENTERPRISE])
    assert client.get(f"/effekt/?kind=year&year={year}").status_code == 403
    assert client.get(f"/effekt/indikator/placements/?kind=year&year={year}").status_code == 403


def test_the_drill_down_hides_a_share_that_would_give_back_a_small_group_as_two_dots(
    client, all_personas, year
):
    referring = party("2580", name="Arbetsförmedlingen")
    # 17 ended in Luleå, 3 of them into subsidised work: the share of 17 gives work back.
    for outcome, people in (("studies", 6), ("work_subsidised", 3), ("drop_out", 8)):
        for _ in range(people):
            episode(
                referring_party=referring,
                received=datetime.date(year, 1, 10),
                started=datetime.date(year, 2, 1),
                ended=datetime.date(year, 3, 1),
                outcome=outcome,
            )
    client.force_login(all_personas[Role.STEERING])
    page = client.get(f"/effekt/indikator/work_or_studies/?kind=year&year={year}").text
    assert '<th scope="row">Luleå</th><td>..</td>' in page
    assert '<th scope="row">Arbetsförmedlingen</th><td>..</td>' in page
    assert NOTE in page
    client.force_login(all_personas[Role.COORDINATOR])
    page = client.get(f"/effekt/indikator/work_or_studies/?kind=year&year={year}").text
    assert '<th scope="row">Luleå</th><td>52,9 %</td>' in page


def test_the_open_data_validates_against_its_table_schema(
    client, parties_54_and_enterprises_3, year, settings
):
    settings.SITE_URL = "https://lotsen.example.se"
    response = client.get(f"/statistik/statistik.csv?ar={year}")
    schema_url = "https://lotsen.example.se/statistik/statistik.tableschema.json"
    assert response["Link"] == f'<{schema_url}>; rel="describedby"; type="application/json"'
    schema = client.get("/statistik/statistik.tableschema.json").json()
    assert table_errors(response.content.decode(), schema) == []
    # A hidden value is no number in the value column, in any unit.
    assert {field["name"]: field["type"] for field in schema["fields"]}["varde"] == "number"
