"""Invitation links: unique, once per recipient, valid until the survey closes."""

from datetime import timedelta

import pytest
from django.utils import timezone

from lotsen.organisations.tests.factories import OrganisationFactory
from lotsen.surveys import services
from lotsen.surveys.models import Invitation, Response, Survey

from .factories import invite, open_survey


@pytest.fixture
def survey(db):
    return open_survey(required=False)


def _url(invitation) -> str:
    return f"/enkater/svara/{invitation.token}/"


def test_a_link_works_without_login(client, survey):
    response = client.get(_url(invite(survey)))
    assert response.status_code == 200
    assert "Skicka in svaren" in response.text


def test_each_recipient_is_invited_once(survey):
    organisation = OrganisationFactory()
    assert services.invitations_create(survey=survey, organisations=[organisation]) == 1
    assert services.invitations_create(survey=survey, organisations=[organisation]) == 0
    assert (
        services.invitations_create(survey=survey, emails=["a@example.test", "A@example.test "])
        == 1
    )
    assert services.invitations_create(survey=survey, emails=["a@example.test"]) == 0
    assert survey.invitations.count() == 2


def test_every_invitation_has_its_own_link(survey):
    first, second = invite(survey), invite(survey)
    assert first.token != second.token


@pytest.mark.parametrize("token", ["nonsense", "abc.def"])
def test_an_unknown_or_forged_link_is_refused(client, survey, token):
    response = client.get(f"/enkater/svara/{token}/")
    assert response.status_code == 404
    assert "Länken är inte giltig" in response.text


def test_a_key_without_its_signature_is_refused(client, survey):
    invitation = invite(survey)
    response = client.get(f"/enkater/svara/{invitation.key}.{'x' * 20}/")
    assert response.status_code == 404


def test_a_used_link_cannot_answer_again(client, survey):
    invitation = invite(survey)
    assert client.post(_url(invitation), {"submit": "1"}).status_code == 302
    again = client.get(_url(invitation))
    assert again.status_code == 410
    assert "redan besvarad" in again.text
    assert client.post(_url(invitation), {"submit": "1"}).status_code == 410
    assert Response.objects.filter(survey=survey).count() == 1


def test_a_link_has_expired_when_the_survey_has_passed_its_closing_time(client, survey):
    invitation = invite(survey)
    Survey.objects.filter(pk=survey.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
    response = client.get(_url(invitation))
    assert response.status_code == 410
    assert "Enkäten har stängt" in response.text


def test_a_link_does_not_work_before_the_survey_opens(client, db):
    survey = open_survey()
    Survey.objects.filter(pk=survey.pk).update(status=Survey.Status.DRAFT)
    response = client.get(_url(invite(survey)))
    assert response.status_code == 410
    assert "har inte öppnat" in response.text


def test_a_submission_after_closing_is_refused_and_the_saved_answers_are_kept(client, survey):
    invitation = invite(survey)
    name = survey.questions.get(key="name")
    client.post(_url(invitation), {f"q{name.pk}": "Sparat", "save": "1"})
    # The coordinator closes the survey while the form is still open in the browser.
    survey.move_to(Survey.Status.CLOSED)
    response = client.post(_url(invitation), {f"q{name.pk}": "Sent", "submit": "1"})
    assert response.status_code == 410
    stored = Response.objects.get(survey=survey)
    assert stored.status == Response.Status.IN_PROGRESS
    assert stored.answers.get(question=name).text == "Sparat"
    invitation.refresh_from_db()
    assert not invitation.answered


def test_the_service_refuses_a_submission_after_closing(survey):
    invitation = invite(survey)
    response = services.response_for_invitation(invitation)
    Survey.objects.filter(pk=survey.pk).update(closes_at=timezone.now() - timedelta(seconds=1))
    response.survey.refresh_from_db()
    with pytest.raises(services.InvitationRefusedError):
        services.response_save(response=response, values={}, submit=True)


def test_the_link_in_the_mail_leads_to_the_form(client, survey, mailoutbox):
    invite(survey)
    Invitation.objects.update(email="svar@example.test")
    assert services.invitations_send(survey=survey) == 1
    assert len(mailoutbox) == 1
    body = mailoutbox[0].body
    link = next(line for line in body.splitlines() if "/enkater/svara/" in line)
    path = link[link.index("/enkater/") :]
    assert client.get(path).status_code == 200
    # Sent once only.
    assert services.invitations_send(survey=survey) == 0
