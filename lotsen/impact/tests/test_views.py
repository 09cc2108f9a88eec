"""The dashboard, drill-down, method and public statistics: who sees what, and bad input."""

import csv
import datetime
import io
import re

import pytest

from lotsen.accounts.models import Role
from lotsen.placements.models import ProgressDimension

from .factories import episode, party, rate

# The episodes below are of 2025 and 2026; December 2026 is still the future.
pytestmark = pytest.mark.today("2026-06-15")

D = datetime.date
DASHBOARD = "/effekt/"
YEAR_2025 = "?kind=year&year=2025"
DRILL_DOWN = "/effekt/indikator/placements/"
METHOD = "/effekt/metod/"
PUBLIC = "/statistik/"
PUBLIC_CSV = "/statistik/statistik.csv"
STEERING_PAGES = [DASHBOARD, DASHBOARD + YEAR_2025, DRILL_DOWN, DRILL_DOWN + YEAR_2025]
PUBLIC_PAGES = [METHOD, PUBLIC, PUBLIC + "?ar=2025", PUBLIC_CSV]


@pytest.fixture
def referring(db):
    return party("2580", name="Arbetsförmedlingen")


def three_placed_in_2025(referring):
    for outcome in ("studies", "work_subsidised", "drop_out"):
        episode(
            referring_party=referring,
            received=D(2025, 1, 10),
            started=D(2025, 2, 1),
            ended=D(2025, 9, 1),
            outcome=outcome,
        )


def started_cell(response) -> str:
    match = re.search(r'<th scope="row">Deltagare som började</th><td>([^<]*)</td>', response.text)
    assert match, "the placements table is missing"
    return match.group(1)


# ------------------------------------------------------------------ access


@pytest.mark.parametrize("url", STEERING_PAGES)
@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.STEERING])
def test_the_coordinator_and_steering_see_the_dashboard(client, all_personas, role, url):
    client.force_login(all_personas[role])
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("url", STEERING_PAGES)
@pytest.mark.parametrize(
    "role", [Role.CASEWORKER, Role.ENTERPRISE, Role.PROVIDER, Role.ADMIN, "outsider"]
)
def test_no_one_else_sees_the_dashboard(client, all_personas, role, url):
    client.force_login(all_personas[role])
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("url", STEERING_PAGES)
def test_an_anonymous_visitor_is_sent_to_log_in(client, db, url):
    response = client.get(url)
    assert response.status_code == 302 and "/konto/login/" in response["Location"]


@pytest.mark.parametrize("url", PUBLIC_PAGES)
@pytest.mark.parametrize(
    "role",
    [
        Role.COORDINATOR,
        Role.CASEWORKER,
        Role.ENTERPRISE,
        Role.PROVIDER,
        Role.STEERING,
        Role.ADMIN,
        "outsider",
        None,
    ],
)
def test_everyone_sees_the_public_statistics_and_the_method(client, all_personas, role, url):
    if role:
        client.force_login(all_personas[role])
    assert client.get(url).status_code == 200


def test_the_statistics_are_in_everyones_navigation_and_the_dashboard_in_steerings(
    client, all_personas
):
    assert 'href="/statistik/"' in client.get("/").text
    client.force_login(all_personas[Role.STEERING])
    assert 'href="/effekt/"' in client.get("/").text
    client.force_login(all_personas[Role.CASEWORKER])
    assert 'href="/effekt/"' not in client.get("/").text


# ------------------------------------------------------------- small cells


def test_steering_sees_small_counts_hidden_and_the_coordinator_sees_them(
    client, all_personas, referring
):
    three_placed_in_2025(referring)
    client.force_login(all_personas[Role.STEERING])
    assert started_cell(client.get(DASHBOARD + YEAR_2025)) == "&lt;5"
    client.force_login(all_personas[Role.COORDINATOR])
    assert started_cell(client.get(DASHBOARD + YEAR_2025)) == "3"


def test_the_dashboard_says_what_changed_since_the_previous_period(client, coordinator, referring):
    three_placed_in_2025(referring)
    client.force_login(coordinator)
    response = client.get(DASHBOARD + YEAR_2025)
    assert "Deltagare som började ökade från 0 till 3." in response.text


def test_the_drill_down_hides_small_counts_by_municipality_and_party(
    client, all_personas, referring
):
    three_placed_in_2025(referring)
    client.force_login(all_personas[Role.STEERING])
    page = client.get(DRILL_DOWN + YEAR_2025).text
    assert '<th scope="row">Luleå</th><td>&lt;5</td>' in page
    assert '<th scope="row">Arbetsförmedlingen</th><td>&lt;5</td>' in page
    client.force_login(all_personas[Role.COORDINATOR])
    page = client.get(DRILL_DOWN + YEAR_2025).text
    assert '<th scope="row">Luleå</th><td>3</td>' in page
    assert '<th scope="row">Arbetsförmedlingen</th><td>3</td>' in page


def test_the_drill_down_lists_every_dimension_rated_in_any_municipality(
    client, coordinator, referring
):
    first, second = ProgressDimension.objects.all()[:2]
    for municipality, dimension in (("2580", first), ("2581", second)):
        placement = episode(
            referring_party=referring,
            received=D(2025, 1, 10),
            started=D(2025, 2, 1),
            ended=D(2025, 9, 1),
            outcome="studies",
            municipality=municipality,
        ).placements.get()
        rate(placement, D(2025, 2, 1), {dimension.code: 2})
        rate(placement, D(2025, 8, 1), {dimension.code: 4})
    client.force_login(coordinator)
    response = client.get("/effekt/indikator/progression/" + YEAR_2025)
    assert response.status_code == 200
    assert str(first) in response.text and str(second) in response.text


def _csv_rows(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_the_public_page_and_csv_hide_small_counts_from_the_public(client, all_personas, referring):
    three_placed_in_2025(referring)
    page = client.get(PUBLIC + "?ar=2025")
    assert "Deltagare som började" in page.text
    assert re.search(
        r'<span class="figure">&lt;5</span> <span class="caption">Deltagare som', page.text
    )
    response = client.get(PUBLIC_CSV + "?ar=2025")
    assert response["Content-Type"].startswith("text/csv")
    started = next(r for r in _csv_rows(response) if r["indikator"] == "placements")
    assert (started["varde"], started["varde_dolt"]) == ("", "fa_personer")
    client.force_login(all_personas[Role.STEERING])
    started = next(
        r for r in _csv_rows(client.get(PUBLIC_CSV + "?ar=2025")) if r["indikator"] == "placements"
    )
    assert (started["varde"], started["varde_dolt"]) == ("", "fa_personer")
    client.force_login(all_personas[Role.COORDINATOR])
    started = next(
        r for r in _csv_rows(client.get(PUBLIC_CSV + "?ar=2025")) if r["indikator"] == "placements"
    )
    assert (started["varde"], started["varde_dolt"]) == ("3", "")


def test_a_hidden_share_never_reads_as_a_small_share(client, referring):
    three_placed_in_2025(referring)
    rows = _csv_rows(client.get(PUBLIC_CSV + "?ar=2025"))
    share = next(r for r in rows if r["indikator"] == "work_or_studies")
    assert (share["varde"], share["varde_dolt"], share["enhet"]) == ("", "fa_personer", "percent")
    page = client.get(PUBLIC + "?ar=2025").text
    figures = re.findall(r'<span class="figure">([^<]*)</span>', page)
    # The count of 3 people reads "<5"; the share resting on them reads "dold".
    assert figures[1:3] == ["&lt;5", "dold"]


# -------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    "query",
    [
        "?kind=year&year=2099",
        "?kind=month&year=2026&number=13",
        "?kind=quarter&year=2026&number=5",
        "?kind=month&year=2026",
        "?kind=week&year=2026",
        "?kind=year&year=abc",
        "?kind=year&year=1850",
        "?kind=month&year=2026&number=12",
    ],
)
def test_a_bad_or_future_period_gets_a_clear_message_not_an_error(client, steering, query):
    client.force_login(steering)
    for url in (DASHBOARD, DRILL_DOWN):
        response = client.get(url + query)
        assert response.status_code == 400
        assert "error-summary" in response.text


def test_an_unknown_municipality_or_party_is_refused(client, steering):
    client.force_login(steering)
    assert client.get(DASHBOARD + YEAR_2025 + "&municipality=9999").status_code == 400
    assert client.get(DASHBOARD + YEAR_2025 + "&party=999999").status_code == 400


def test_an_unknown_indicator_is_not_found(client, steering):
    client.force_login(steering)
    assert client.get("/effekt/indikator/nothing/").status_code == 404


@pytest.mark.parametrize("year", ["2099", "abc", "1850"])
def test_the_public_page_refuses_a_bad_year(client, db, year):
    assert client.get(PUBLIC + f"?ar={year}").status_code == 400
    response = client.get(PUBLIC_CSV + f"?ar={year}")
    assert response.status_code == 400 and response.content


def test_a_period_without_records_shows_an_honest_empty_state(client, steering):
    client.force_login(steering)
    response = client.get(DASHBOARD + "?kind=year&year=2010")
    assert response.status_code == 200
    assert "Det finns inga uppgifter för denna period" in response.text


def test_a_scope_that_makes_no_sense_says_not_applicable(client, steering, referring):
    client.force_login(steering)
    response = client.get(DASHBOARD + YEAR_2025 + f"&party={referring.pk}")
    assert response.status_code == 200
    assert "Gäller inte för detta urval." in response.text


def test_the_method_page_lists_every_definition(client, db):
    from lotsen.impact.indicators import INDICATORS

    page = client.get(METHOD).text
    for key in INDICATORS:
        assert f'id="definition-{key}"' in page


# -------------------------------------------------------------- constancy


@pytest.mark.parametrize(
    "url",
    [
        DASHBOARD + YEAR_2025,
        DASHBOARD + "?kind=quarter&year=2025&number=1",
        DRILL_DOWN + YEAR_2025,
        "/effekt/indikator/exit_outcomes/?kind=month&year=2025&number=2",
        PUBLIC + "?ar=2025",
        PUBLIC_CSV + "?ar=2025",
    ],
)
def test_the_pages_need_as_many_queries_with_more_data(
    client, steering, referring, assert_constant_queries, settings, url
):
    # Counted as computed, not as taken from the store of dashboard figures.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    client.force_login(steering)

    def add(n):
        for number in range(n):
            episode(
                referring_party=referring,
                received=D(2025, 1, 1 + number),
                started=D(2025, 2, 1 + number),
                ended=D(2025, 3, 1 + number),
                outcome="studies",
            )

    assert_constant_queries(url, add)


def test_the_public_csv_runs_no_formula_in_a_label(client, referring, monkeypatch):
    from lotsen.impact import presentation

    three_placed_in_2025(referring)
    real = presentation._public_results

    def with_a_formula(period, show):
        results = real(period, show)
        for result in results.values():
            for row in result.rows:
                row.label = "=HYPERLINK(1)"
        return results

    monkeypatch.setattr(presentation, "_public_results", with_a_formula)
    rows = _csv_rows(client.get(PUBLIC_CSV + "?ar=2025"))
    assert rows and all(row["rad"] == "'=HYPERLINK(1)" for row in rows)
