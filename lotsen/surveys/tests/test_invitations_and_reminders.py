"""Opening a survey invites its audience; reminders go to those who have not answered."""

from datetime import timedelta

import pytest
from django.utils import timezone

from lotsen.accounts.models import Role
from lotsen.accounts.tests.factories import MembershipFactory, UserFactory
from lotsen.organisations.models import Organisation
from lotsen.organisations.tests.factories import OrganisationFactory
from lotsen.surveys import services
from lotsen.surveys.models import Invitation, Survey
from lotsen.surveys.tasks import send_reminders

from .factories import answer, invite, needs_round, open_survey


def test_opening_invites_every_enterprise_once_by_its_address(client, coordinator, mailoutbox):
    OrganisationFactory(email="info@snickeriet.test")
    through_member = OrganisationFactory()
    MembershipFactory(
        user=UserFactory(email="frida@kvarnen.test"),
        organisation=through_member,
        role=Role.ENTERPRISE,
    )
    OrganisationFactory(kind=Organisation.Kind.BUYER, email="inkop@kommun.test")
    survey = needs_round("2026")
    Survey.objects.filter(pk=survey.pk).update(status=Survey.Status.DRAFT)
    client.force_login(coordinator)
    response = client.post(f"/enkater/{survey.pk}/open/")
    assert response.status_code == 302
    recipients = sorted(address for mail in mailoutbox for address in mail.to)
    assert recipients == ["frida@kvarnen.test", "info@snickeriet.test"]
    assert "/enkater/svara/" in mailoutbox[0].body
    assert survey.invitations.count() == Organisation.objects.social_enterprises().count()
    survey.refresh_from_db()
    assert survey.status == Survey.Status.OPEN


def test_reminders_reach_only_those_who_have_not_answered(db, mailoutbox):
    survey = open_survey(required=False)
    done = invite(survey)
    waiting = invite(survey)
    Invitation.objects.filter(pk__in=[done.pk, waiting.pk]).update(sent_at=timezone.now())
    Invitation.objects.filter(pk=done.pk).update(email="klar@example.test")
    Invitation.objects.filter(pk=waiting.pk).update(email="vantar@example.test")
    services.response_save(response=services.response_for_invitation(done), values={}, submit=True)
    result = send_reminders.enqueue(survey.pk)
    assert result.return_value == 1
    assert [mail.to for mail in mailoutbox] == [["vantar@example.test"]]
    assert "Påminnelse" in mailoutbox[0].subject
    waiting.refresh_from_db()
    assert waiting.reminded_at is not None


def test_no_reminders_after_closing(db, mailoutbox):
    survey = open_survey(required=False)
    invitation = invite(survey)
    Invitation.objects.filter(pk=invitation.pk).update(
        email="a@example.test", sent_at=timezone.now()
    )
    Survey.objects.filter(pk=survey.pk).update(closes_at=timezone.now() - timedelta(hours=1))
    assert send_reminders.enqueue(survey.pk).return_value == 0
    assert mailoutbox == []


def test_the_reminder_button_refuses_a_closed_survey(client, coordinator, db):
    survey = open_survey(required=False)
    survey.set_status(Survey.Status.CLOSED)
    client.force_login(coordinator)
    response = client.post(f"/enkater/{survey.pk}/remind/", follow=True)
    assert "Påminnelser kan bara skickas medan enkäten är öppen." in response.text


def test_a_closed_survey_cannot_be_opened_again(client, coordinator, db):
    survey = open_survey(required=False)
    survey.set_status(Survey.Status.CLOSED)
    client.force_login(coordinator)
    response = client.post(f"/enkater/{survey.pk}/open/", follow=True)
    assert "kan inte bli öppen" in response.text
    survey.refresh_from_db()
    assert survey.status == Survey.Status.CLOSED


@pytest.mark.parametrize("persona", ["outsider", "steering", "provider"])
def test_only_the_coordinator_runs_a_survey(client, request, db, persona):
    survey = open_survey(required=False)
    client.force_login(request.getfixturevalue(persona))
    assert client.post(f"/enkater/{survey.pk}/close/").status_code == 403
    survey.refresh_from_db()
    assert survey.status == Survey.Status.OPEN


def test_an_unknown_action_is_refused(client, coordinator, db):
    survey = open_survey(required=False)
    client.force_login(coordinator)
    assert client.post(f"/enkater/{survey.pk}/radera/").status_code == 403
    assert client.get(f"/enkater/{survey.pk}/close/").status_code == 405


def test_answered_count_feeds_the_response_rate(db):
    survey = open_survey(required=False)
    answer(survey, {"name": "x"})
    invite(survey)
    assert services.response_rate(survey) == (1, 2)
