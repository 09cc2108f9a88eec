"""Rounds from one template compare question by question; the census panel needs consent."""

import pytest

from lotsen.core.models import SupportArea
from lotsen.organisations.tests.factories import OrganisationFactory
from lotsen.surveys.models import Survey
from lotsen.surveys.results import census_panel, compare_rounds

from .factories import answer, census_round, invite, needs_round


def _needs(code_values: dict, urgent: str, would_pay: str = "no") -> dict:
    return {"need-per-area": code_values, "most-urgent-area": urgent, "would-pay": would_pay}


@pytest.fixture
def two_rounds(db):
    procurement, supervisors = "procurement", "supervisor-training"
    first, second = needs_round("2024"), needs_round("2026")
    for _ in range(5):
        answer(first, _needs({procurement: 3, supervisors: 5}, supervisors))
        answer(second, _needs({procurement: 5, supervisors: 2}, procurement, "yes"))
    return first, second


def test_rounds_of_a_template_share_question_keys(two_rounds):
    first, second = two_rounds
    assert list(first.questions.values_list("key", flat=True)) == list(
        second.questions.values_list("key", flat=True)
    )


def test_it_gives_a_trend_per_question_between_rounds(two_rounds):
    comparisons = {
        c.key: c for c in compare_rounds(list(two_rounds), viewer_sees_small_cells=False)
    }
    needs = comparisons["need-per-area"]
    assert needs.measure == "mean"
    rows = {row.label: row for row in needs.rows}
    procurement = SupportArea.objects.get(code="procurement").name
    supervisors = SupportArea.objects.get(code="supervisor-training").name
    assert [str(value.value) for value in rows[procurement].values] == ["3.00", "5.00"]
    assert str(rows[procurement].change) == "2.00"
    assert str(rows[supervisors].change) == "-3.00"
    pay = {row.label: row for row in comparisons["would-pay"].rows}
    assert [str(value.value) for value in pay["Ja"].values] == ["0.0", "100.0"]
    # Free text is not compared.
    assert "missing-support" not in comparisons


def test_the_comparison_page_lets_the_coordinator_pick_rounds(client, coordinator, two_rounds):
    first, second = two_rounds
    client.force_login(coordinator)
    response = client.get(f"/enkater/serie/needs-inventory/?runda={first.pk}&runda={second.pk}")
    assert response.status_code == 200
    assert "Behovsinventering: jämförelse mellan omgångar" in response.text
    assert "upp 2.00" in response.text or "upp 2,00" in response.text
    only_one = client.get(f"/enkater/serie/needs-inventory/?runda={first.pk}")
    assert "Välj minst två omgångar" in only_one.text


def test_the_steering_group_compares_without_small_cells(client, steering, db):
    first, second = needs_round("2024"), needs_round("2026")
    for survey in (first, second):
        for _ in range(2):
            answer(survey, _needs({"procurement": 4}, "procurement"))
    client.force_login(steering)
    response = client.get("/enkater/serie/needs-inventory/")
    assert response.status_code == 200
    assert "4.00" not in response.text and "4,00" not in response.text


def test_an_unknown_series_is_refused(client, coordinator, db):
    client.force_login(coordinator)
    assert client.get("/enkater/serie/finns-inte/").status_code == 403


def test_an_outsider_cannot_compare(client, outsider, two_rounds):
    client.force_login(outsider)
    assert client.get("/enkater/serie/needs-inventory/").status_code == 403


CENSUS_ANSWERS = {
    "staff-total": 10,
    "staff-from-target-group": 6,
    "work-training-participants": 3,
    "turnover": 2_000_000,
    "result": "surplus",
    "outlook": 4,
}


def test_the_panel_shows_only_enterprises_that_consented(client, steering, db):
    first, second = census_round("2023"), census_round("2025")
    consenting = OrganisationFactory(name="Samtyckande ek. för.")
    declining = OrganisationFactory(name="Hemliga ek. för.")
    answer(first, CENSUS_ANSWERS, consenting)
    answer(second, CENSUS_ANSWERS | {"staff-total": 14}, consenting, consent=True)
    answer(first, CENSUS_ANSWERS, declining, consent=True)
    # The latest answer decides: consent withdrawn in 2025.
    answer(second, CENSUS_ANSWERS, declining, consent=False)
    questions, panel = census_panel([first, second])
    assert [entry["organisation"].name for entry in panel] == ["Samtyckande ek. för."]
    assert questions[0].key == "staff-total"
    assert [row["values"][0] for row in panel[0]["rounds"]] == [10, 14]
    client.force_login(steering)
    page = client.get("/enkater/serie/census/panel/").text
    assert "Samtyckande ek. för." in page
    assert "Hemliga ek. för." not in page


def test_the_census_form_asks_for_consent_and_keeps_it(client, db):
    census = census_round("2025")
    invitation = invite(census)
    form = client.get(f"/enkater/svara/{invitation.token}/").text
    assert "panel" in form
    questions = {q.key: q.pk for q in census.questions.all()}
    data = {
        f"q{questions['staff-total']}": "8",
        f"q{questions['staff-from-target-group']}": "4",
        f"q{questions['work-training-participants']}": "2",
        f"q{questions['turnover']}": "1500000",
        f"q{questions['result']}": "balance",
        f"q{questions['outlook']}": "3",
        "consent": "on",
        "submit": "1",
    }
    assert client.post(f"/enkater/svara/{invitation.token}/", data).status_code == 302
    assert census.responses.get().consents_to_identification


def test_the_panel_is_only_for_a_census(client, coordinator, two_rounds):
    client.force_login(coordinator)
    assert client.get("/enkater/serie/needs-inventory/panel/").status_code == 403
    assert Survey.objects.filter(series="needs-inventory").count() == 2
