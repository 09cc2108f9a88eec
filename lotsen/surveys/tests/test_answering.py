"""Answering from the invitation link: every question type, conditions, bad input."""

from decimal import Decimal

import pytest

from lotsen.core.models import SupportArea
from lotsen.surveys.models import Answer, Response

from .factories import invite, open_survey


def _url(invitation) -> str:
    return f"/enkater/svara/{invitation.token}/"


def _field(survey, key: str, area: str = "") -> str:
    pk = survey.questions.get(key=key).pk
    return f"q{pk}-{area}" if area else f"q{pk}"


def _complete(survey) -> dict:
    data = {
        _field(survey, "branch"): "wood",
        _field(survey, "tasks"): ["a", "c"],
        _field(survey, "mood"): "4",
        _field(survey, "staff"): "12,5",
        _field(survey, "name"): "Snickeriet",
        _field(survey, "story"): "Vi bygger möbler.",
        _field(survey, "certified"): "yes",
        _field(survey, "which"): "Kvalitetssäkrat ASF",
    }
    for area in SupportArea.objects.all():
        data[_field(survey, "needs", area.code)] = "3"
    data["submit"] = "1"
    return data


@pytest.fixture
def survey(db):
    return open_survey()


def test_it_stores_an_answer_of_every_question_type(client, survey):
    invitation = invite(survey)
    response = client.post(_url(invitation), _complete(survey))
    assert response.status_code == 302
    assert response.url == "/enkater/tack/"
    stored = Response.objects.get(survey=survey)
    assert stored.status == Response.Status.SUBMITTED
    by_key = {answer.question.key: answer for answer in stored.answers.filter(row=None)}
    assert by_key["branch"].choice == "wood"
    assert by_key["tasks"].choices == ["a", "c"]
    assert by_key["mood"].number == 4
    assert by_key["staff"].number == Decimal("12.5")
    assert by_key["name"].text == "Snickeriet"
    assert by_key["story"].text == "Vi bygger möbler."
    assert by_key["certified"].choice == "yes"
    assert by_key["which"].text == "Kvalitetssäkrat ASF"
    assert stored.answers.exclude(row=None).count() == SupportArea.objects.count()
    invitation.refresh_from_db()
    assert invitation.answered


def test_the_form_shows_every_question_with_labelled_scale_ends(client, survey):
    page = client.get(_url(invite(survey))).text
    for key in ("branch", "tasks", "mood", "staff", "name", "story", "certified", "needs"):
        assert f"Fråga {key}" in page
    assert "1 = Dåligt, 5 = Bra" in page
    assert "Ett tal från 0 till 100 personer." in page
    assert "Svara bara om du svarade ”Ja” på fråga 7." in page


def test_a_missing_required_answer_is_refused_and_the_rest_is_kept(client, survey):
    invitation = invite(survey)
    data = _complete(survey)
    del data[_field(survey, "mood")]
    response = client.post(_url(invitation), data)
    assert response.status_code == 200
    assert "Svara på den här frågan." in response.text
    stored = Response.objects.get(survey=survey)
    assert stored.status == Response.Status.IN_PROGRESS
    # The valid answers survive the error and are shown again.
    assert stored.answers.get(question__key="name").text == "Snickeriet"
    assert 'value="Snickeriet"' in response.text


@pytest.mark.parametrize("value", ["101", "-1", "tolv"])
def test_a_number_outside_its_bounds_is_refused(client, survey, value):
    invitation = invite(survey)
    data = _complete(survey) | {_field(survey, "staff"): value}
    response = client.post(_url(invitation), data)
    assert response.status_code == 200
    assert "error-summary" in response.text
    stored = Response.objects.get(survey=survey)
    assert stored.status == Response.Status.IN_PROGRESS
    assert not stored.answers.filter(question__key="staff").exists()


@pytest.mark.parametrize(
    ("key", "value"),
    [("branch", "metal"), ("tasks", ["a", "z"]), ("mood", "6"), ("certified", "maybe")],
)
def test_a_tampered_choice_is_refused(client, survey, key, value):
    invitation = invite(survey)
    response = client.post(_url(invitation), _complete(survey) | {_field(survey, key): value})
    assert response.status_code == 200
    assert (
        "inte ett av alternativen" in response.text
        or "Välj ett giltigt alternativ" in response.text
    )
    stored = Response.objects.get(survey=survey)
    assert stored.status == Response.Status.IN_PROGRESS
    assert not stored.answers.filter(question__key=key).exists()


def test_a_tampered_matrix_cell_is_refused(client, survey):
    invitation = invite(survey)
    area = SupportArea.objects.first()
    response = client.post(
        _url(invitation), _complete(survey) | {_field(survey, "needs", area.code): "9"}
    )
    assert response.status_code == 200
    assert Response.objects.get(survey=survey).status == Response.Status.IN_PROGRESS


def test_a_conditional_question_is_required_only_when_its_condition_holds(client, survey):
    invitation = invite(survey)
    data = _complete(survey) | {_field(survey, "certified"): "no"}
    del data[_field(survey, "which")]
    assert client.post(_url(invitation), data).status_code == 302

    other = invite(survey)
    data = _complete(survey)
    del data[_field(survey, "which")]
    response = client.post(_url(other), data)
    assert response.status_code == 200
    assert "Svara på den här frågan." in response.text


def test_an_answer_to_a_question_whose_condition_fails_is_dropped(client, survey):
    invitation = invite(survey)
    data = _complete(survey) | {_field(survey, "certified"): "no"}
    client.post(_url(invitation), data)
    assert not Answer.objects.filter(question__key="which").exists()


def test_a_half_done_response_is_saved_and_continued(client, survey):
    invitation = invite(survey)
    response = client.post(_url(invitation), {_field(survey, "name"): "Halvvägs", "save": "1"})
    assert response.status_code == 302
    stored = Response.objects.get(survey=survey)
    assert stored.status == Response.Status.IN_PROGRESS
    page = client.get(_url(invitation)).text
    assert 'value="Halvvägs"' in page
    # Continuing later: the browser sends the saved answer back with the new one.
    client.post(
        _url(invitation),
        {_field(survey, "name"): "Halvvägs", _field(survey, "mood"): "2", "save": "1"},
    )
    assert set(stored.answers.values_list("question__key", flat=True)) == {"name", "mood"}
    data = _complete(survey)
    assert client.post(_url(invitation), data).status_code == 302
    stored.refresh_from_db()
    assert stored.status == Response.Status.SUBMITTED


def test_saving_half_done_still_checks_the_given_answers(client, survey):
    invitation = invite(survey)
    response = client.post(_url(invitation), {_field(survey, "staff"): "500", "save": "1"})
    assert response.status_code == 200
    assert "error-summary" in response.text
    assert not Answer.objects.filter(question__key="staff").exists()


def test_the_page_works_in_english(client, survey):
    client.cookies["lotsen_language"] = "en"
    page = client.get(_url(invite(survey))).text
    assert "Submit answers" in page


def test_a_saved_matrix_answer_is_shown_again(client, survey):
    invitation = invite(survey)
    area = SupportArea.objects.first()
    client.post(_url(invitation), {_field(survey, "needs", area.code): "5", "save": "1"})
    page = client.get(_url(invitation)).text
    name = _field(survey, "needs", area.code)
    assert f'name="{name}" value="5" id="id_{name}_4" checked' in page
