"""Creating a round, the survey pages, named responses and their audit trail."""

import pytest

from lotsen.audit.models import AuditEvent
from lotsen.surveys.models import Survey

from .factories import answer, census_round, needs_round, open_survey


def test_the_coordinator_creates_a_round_from_a_template(client, coordinator):
    client.force_login(coordinator)
    response = client.post(
        "/enkater/ny/",
        {
            "blueprint": "census",
            "title": "Kartläggning 2027",
            "round_label": "2027",
            "closes_on": "2099-10-31",
        },
    )
    survey = Survey.objects.get(title="Kartläggning 2027")
    assert response.url == f"/enkater/{survey.pk}/"
    assert survey.status == Survey.Status.DRAFT
    assert survey.series == "census"
    assert survey.questions.filter(key="turnover", type="number").exists()
    assert survey.questions.get(key="certification").condition_question.key == "certified"


def test_an_event_evaluation_invites_the_listed_participants(client, coordinator):
    client.force_login(coordinator)
    client.post(
        "/enkater/ny/",
        {
            "blueprint": "event-evaluation",
            "title": "Utvärdering av frukostmötet",
            "closes_on": "2099-01-31",
            "anonymous": "on",
            "event_title": "Frukostmöte om upphandling",
            "participant_emails": "a@example.test\nb@example.test\n",
        },
    )
    survey = Survey.objects.get(title="Utvärdering av frukostmötet")
    assert survey.event_title == "Frukostmöte om upphandling"
    assert survey.anonymous
    assert sorted(survey.invitations.values_list("email", flat=True)) == [
        "a@example.test",
        "b@example.test",
    ]


def test_bad_input_when_creating_changes_nothing(client, coordinator):
    client.force_login(coordinator)
    response = client.post(
        "/enkater/ny/",
        {
            "blueprint": "hemlig",
            "title": "",
            "closes_on": "2001-01-01",
            "participant_emails": "inte en adress",
        },
    )
    assert response.status_code == 200
    assert "Det här är inte e-postadresser: inte en adress" in response.text
    assert "Sista svarsdagen får inte ha passerat." in response.text
    assert not Survey.objects.exists()


@pytest.mark.parametrize("persona", ["outsider", "steering", "enterprise_user"])
def test_only_the_coordinator_creates_surveys(db, client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get("/enkater/ny/").status_code == 403


def test_the_list_shows_the_surveys_with_constant_queries(
    client, coordinator, assert_constant_queries
):
    client.force_login(coordinator)

    def add_rows(n):
        for index in range(n):
            needs_round(f"{2000 + Survey.objects.count() + index}")

    assert_constant_queries("/enkater/", add_rows, more=5)


def test_the_detail_page_shows_the_response_rate_and_questions(client, coordinator, db):
    survey = open_survey(required=False)
    answer(survey, {"name": "x"})
    client.force_login(coordinator)
    page = client.get(f"/enkater/{survey.pk}/").text
    assert "1 av 1 inbjudna har svarat" in page
    assert "Visas bara efter ”Fråga certified”" in page


def test_viewing_a_named_response_is_audited(client, coordinator, db):
    census = census_round("2025")
    response = answer(census, {"staff-total": 7, "result": "surplus"})
    client.force_login(coordinator)
    detail = client.get(f"/enkater/{census.pk}/").text
    assert response.organisation.name in detail
    page = client.get(f"/enkater/{census.pk}/svar/{response.pk}/")
    assert page.status_code == 200
    assert "Med överskott" in page.text
    event = AuditEvent.objects.get(object_type="surveys.response", object_id=str(response.pk))
    assert event.actor == coordinator
    assert event.action == AuditEvent.Action.VIEW


@pytest.mark.parametrize("persona", ["outsider", "steering", "provider"])
def test_nobody_else_reads_a_named_response(client, request, db, persona):
    census = census_round("2025")
    response = answer(census, {"staff-total": 7})
    client.force_login(request.getfixturevalue(persona))
    assert client.get(f"/enkater/{census.pk}/svar/{response.pk}/").status_code == 404
    assert not AuditEvent.objects.exists()


def test_the_detail_page_is_hidden_from_outsiders(client, outsider, db):
    survey = open_survey(required=False)
    client.force_login(outsider)
    assert client.get(f"/enkater/{survey.pk}/").status_code == 404
