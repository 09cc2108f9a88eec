"""Editing a question: wording freely, meaning only as a new version once answered."""

from decimal import Decimal

import pytest

from lotsen.surveys import services
from lotsen.surveys.models import Question, QuestionLockedError, Survey

from .factories import answer, open_survey


@pytest.fixture
def survey(db):
    return open_survey(required=False)


def _question(survey, key):
    return survey.questions.current().get(key=key)


def test_an_unanswered_question_may_change_anything(survey):
    question = _question(survey, "staff")
    services.question_revise(question=question, changes={"type": Question.Type.SCALE, "unit": ""})
    question.refresh_from_db()
    assert question.type == Question.Type.SCALE
    assert question.version == 1


def test_an_answered_question_accepts_safe_edits(survey):
    answer(survey, {"branch": "food"})
    question = _question(survey, "branch")
    services.question_revise(
        question=question,
        changes={
            "text": "Vilken bransch är ni i?",
            "choices": [
                {"value": "food", "label": "Mat och dryck"},
                {"value": "wood", "label": "Trä"},
                {"value": "metal", "label": "Metall"},
            ],
        },
    )
    question.refresh_from_db()
    assert question.version == 1
    assert question.text == "Vilken bransch är ni i?"
    assert question.choice_labels["food"] == "Mat och dryck"


@pytest.mark.parametrize(
    "changes",
    [
        {"type": Question.Type.MULTIPLE_CHOICE},
        {"choices": [{"value": "wood", "label": "Trä"}, {"value": "food", "label": "Mat"}]},
        {"choices": [{"value": "food", "label": "Mat"}]},
    ],
)
def test_an_answered_question_refuses_a_change_of_meaning(survey, changes):
    answer(survey, {"branch": "food"})
    question = _question(survey, "branch")
    with pytest.raises(QuestionLockedError):
        services.question_revise(question=question, changes=changes)
    question.refresh_from_db()
    assert question.type == Question.Type.SINGLE_CHOICE
    assert question.choice_values == ["food", "wood"]


def test_new_bounds_on_an_answered_number_make_a_new_version(survey):
    answer(survey, {"staff": 50})
    old = _question(survey, "staff")
    new = services.question_revise(
        question=old, changes={"max_value": Decimal(40)}, as_new_version=True
    )
    old.refresh_from_db()
    assert not old.is_current
    assert old.answers.count() == 1
    assert (new.version, new.is_current, new.max_value, new.key) == (2, True, 40, "staff")
    assert survey.questions.current().filter(key="staff").get() == new


def test_a_dependent_question_follows_the_new_version(survey):
    answer(survey, {"certified": "yes"})
    old = _question(survey, "certified")
    new = services.question_revise(
        question=old, changes={"condition_question_id": None}, as_new_version=True
    )
    assert _question(survey, "which").condition_question == new


def test_the_edit_page_explains_a_refused_edit(client, coordinator, survey):
    answer(survey, {"branch": "food"})
    question = _question(survey, "branch")
    client.force_login(coordinator)
    url = f"/enkater/{survey.pk}/fragor/{question.pk}/"
    assert "Frågan har redan svar" in client.get(url).text
    data = {"text": "Bransch", "type": "multiple_choice", "choices": "Mat\nTrä"}
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Spara ändringen som en ny version" in response.text
    question.refresh_from_db()
    assert question.type == Question.Type.SINGLE_CHOICE
    response = client.post(url, data | {"as_new_version": "on"})
    assert response.status_code == 302
    assert survey.questions.filter(key="branch").count() == 2


def test_the_edit_page_keeps_stored_values_when_labels_change(client, coordinator, survey):
    answer(survey, {"branch": "food"})
    question = _question(survey, "branch")
    client.force_login(coordinator)
    response = client.post(
        f"/enkater/{survey.pk}/fragor/{question.pk}/",
        {"text": "Bransch", "type": "single_choice", "choices": "Livsmedel\nTrä\nMetall"},
    )
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.choice_values == ["food", "wood", "metall"]


def test_a_choice_question_needs_two_choices(client, coordinator, survey):
    question = _question(survey, "branch")
    client.force_login(coordinator)
    response = client.post(
        f"/enkater/{survey.pk}/fragor/{question.pk}/",
        {"text": "Bransch", "type": "single_choice", "choices": "Bara en"},
    )
    assert response.status_code == 200
    assert "minst två alternativ" in response.text


@pytest.mark.parametrize("persona", ["outsider", "steering", "enterprise_user"])
def test_only_the_coordinator_edits_questions(db, client, request, survey, persona):
    question = _question(survey, "branch")
    client.force_login(request.getfixturevalue(persona))
    response = client.post(f"/enkater/{survey.pk}/fragor/{question.pk}/", {"text": "x"})
    assert response.status_code == 403


def test_the_coordinator_builds_a_survey_by_hand_with_a_condition(client, coordinator):
    client.force_login(coordinator)
    client.post(
        "/enkater/ny/",
        {
            "blueprint": "blank",
            "title": "Lokalbehov",
            "closes_on": "2099-12-31",
            "audience": "parties",
        },
    )
    survey = Survey.objects.get(title="Lokalbehov")
    assert (survey.kind, survey.audience, survey.series) == ("other", "parties", "")
    url = f"/enkater/{survey.pk}/fragor/ny/"
    assert client.post(url, {"text": "Har ni lediga lokaler?", "type": "yes_no"}).status_code == 302
    first = survey.questions.get()
    response = client.post(
        url,
        {
            "text": "Hur många kvadratmeter?",
            "type": "number",
            "unit": "m²",
            "min_value": "0",
            "condition_question": first.pk,
            "condition_answer": "ja",
        },
    )
    assert response.status_code == 302
    second = survey.questions.get(key="hur-manga-kvadratmeter")
    assert (second.condition_question, second.condition_value) == (first, "yes")
    assert second.position > first.position


def test_a_condition_on_an_answer_that_does_not_exist_is_refused(client, coordinator, survey):
    client.force_login(coordinator)
    certified = _question(survey, "certified")
    response = client.post(
        f"/enkater/{survey.pk}/fragor/ny/",
        {
            "text": "Vilken?",
            "type": "short_text",
            "condition_question": certified.pk,
            "condition_answer": "kanske",
        },
    )
    assert response.status_code == 200
    assert "Skriv ett av den tidigare frågans svar: Ja, Nej" in response.text
    assert not survey.questions.filter(text="Vilken?").exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"type": "short_text", "choices": "Mat\nTrä"},
            "sparar alternativ",
        ),
        (
            {"type": "short_text", "condition_answer": "ja"},
            "Välj den tidigare fråga som svaret hör till",
        ),
    ],
)
def test_what_the_question_would_not_keep_is_refused_not_dropped(
    client, coordinator, survey, data, message
):
    client.force_login(coordinator)
    response = client.post(f"/enkater/{survey.pk}/fragor/ny/", {"text": "Vilken?", **data})
    assert response.status_code == 200
    assert message in response.text
    assert not survey.questions.filter(text="Vilken?").exists()


def test_no_question_is_added_to_a_closed_survey(client, coordinator, survey):
    survey.move_to(Survey.Status.CLOSED)
    client.force_login(coordinator)
    response = client.post(
        f"/enkater/{survey.pk}/fragor/ny/", {"text": "Sen fråga", "type": "short_text"}
    )
    assert response.status_code == 200
    assert "stängd enkät" in response.text
    assert not survey.questions.filter(text="Sen fråga").exists()


def test_an_outsider_cannot_add_questions(client, outsider, survey):
    client.force_login(outsider)
    assert client.post(f"/enkater/{survey.pk}/fragor/ny/", {"text": "x"}).status_code == 403
