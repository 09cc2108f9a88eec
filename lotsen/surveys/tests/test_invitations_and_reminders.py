"""Opening a survey invites its audience; reminders go to those who have not answered."""

from datetime import timedelta

import pytest
from django.utils import timezone

from lotsen.accounts.models import Role
from lotsen.accounts.tests.factories import MembershipFactory, UserFactory
from lotsen.organisations.models import Organisation
from lotsen.organisations.tests.factories import OrganisationFactory
from lotsen.surveys import services
from lotsen.surveys.models import Invitation, Survey, SurveyRefused
from lotsen.surveys.tasks import send_reminder

from .factories import answer, census_round, invite, needs_round, open_survey


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
    assert services.reminders_send(survey=survey) == 1
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
    survey.refresh_from_db()
    with pytest.raises(SurveyRefused):
        services.reminders_send(survey=survey)
    # A reminder queued while the survey was open is dropped once it has closed.
    send_reminder.enqueue(invitation.pk)
    assert mailoutbox == []


def test_the_reminder_button_refuses_a_closed_survey(client, coordinator, db):
    survey = open_survey(required=False)
    survey.move_to(Survey.Status.CLOSED)
    client.force_login(coordinator)
    response = client.post(f"/enkater/{survey.pk}/remind/", follow=True)
    assert "Påminnelser kan bara skickas medan enkäten är öppen." in response.text


def test_a_closed_survey_cannot_be_opened_again(client, coordinator, db):
    survey = open_survey(required=False)
    survey.move_to(Survey.Status.CLOSED)
    client.force_login(coordinator)
    response = client.post(f"/enkater/{survey.pk}/open/", follow=True)
    assert "till ”öppen”" in response.text
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


def _enterprises(with_address: int, without: list[str]) -> None:
    for number in range(with_address):
        OrganisationFactory(email=f"foretag{number}@example.test")
    for name in without:
        OrganisationFactory(name=name, email="")


def _draft_census():
    survey = census_round("2027")
    Survey.objects.filter(pk=survey.pk).update(status=Survey.Status.DRAFT, opens_at=None)
    survey.refresh_from_db()
    return survey


def test_opening_says_how_many_were_sent_and_who_could_not_be_reached(
    client, coordinator, mailoutbox
):
    _enterprises(1, ["Återbruket i Boden", "Bageriet Ö"])
    survey = _draft_census()
    client.force_login(coordinator)
    page = client.post(f"/enkater/{survey.pk}/open/", follow=True).text
    assert len(mailoutbox) == 1
    assert "Enkäten är öppen; 1 inbjudan skickades." in page
    assert (
        "2 organisationer saknar e-postadress och kunde inte nås: "
        "Bageriet Ö, Återbruket i Boden." in page
    )
    # The round's page keeps the list of those not reached.
    assert "Inte nådda: 2 organisationer utan e-postadress" in page


def test_opening_counts_in_the_plural_and_warns_of_one_unreachable(client, coordinator, mailoutbox):
    _enterprises(3, ["Bageriet Ö"])
    survey = _draft_census()
    client.force_login(coordinator)
    page = client.post(f"/enkater/{survey.pk}/open/", follow=True).text
    assert "Enkäten är öppen; 3 inbjudningar skickades." in page
    assert "1 organisation saknar e-postadress och kunde inte nås: Bageriet Ö." in page
    assert "Inte nådda: 1 organisation utan e-postadress" in page


def test_no_warning_when_everyone_was_reached(client, coordinator, mailoutbox):
    _enterprises(2, [])
    survey = _draft_census()
    client.force_login(coordinator)
    page = client.post(f"/enkater/{survey.pk}/open/", follow=True).text
    assert "Enkäten är öppen; 2 inbjudningar skickades." in page
    assert "kunde inte nås" not in page
    assert "Inte nådda" not in page


def test_the_reminder_button_says_how_many_were_sent(client, coordinator, mailoutbox):
    _enterprises(2, ["Bageriet Ö"])
    survey = _draft_census()
    client.force_login(coordinator)
    client.post(f"/enkater/{survey.pk}/open/")
    mailoutbox.clear()
    page = client.post(f"/enkater/{survey.pk}/remind/", follow=True).text
    assert len(mailoutbox) == 2
    assert "2 påminnelser skickades till dem som inte har svarat." in page
    assert "1 organisation saknar e-postadress och kunde inte nås: Bageriet Ö." in page


def test_no_reminder_sent_says_why_when_no_one_has_an_address(client, coordinator, mailoutbox):
    _enterprises(0, ["Bageriet Ö", "Återbruket i Boden"])
    survey = _draft_census()
    client.force_login(coordinator)
    client.post(f"/enkater/{survey.pk}/open/")
    page = client.post(f"/enkater/{survey.pk}/remind/", follow=True).text
    assert mailoutbox == []
    assert (
        "Inga påminnelser skickades: ingen av dem som inte har svarat har en e-postadress." in page
    )
    assert "2 organisationer saknar e-postadress" in page


def test_no_reminder_sent_says_why_when_everyone_has_answered(client, coordinator, mailoutbox):
    survey = open_survey(required=False)
    answer(survey, {"name": "x"})
    client.force_login(coordinator)
    page = client.post(f"/enkater/{survey.pk}/remind/", follow=True).text
    assert mailoutbox == []
    assert "Inga påminnelser skickades: alla inbjudna har svarat." in page
    assert "kunde inte nås" not in page


def test_a_reminder_reaches_an_organisation_that_got_an_address_after_the_invitation(
    client, coordinator, mailoutbox
):
    _enterprises(0, ["Bageriet Ö"])
    survey = _draft_census()
    client.force_login(coordinator)
    client.post(f"/enkater/{survey.pk}/open/")
    Organisation.objects.filter(name="Bageriet Ö").update(email="bageriet@example.test")
    page = client.post(f"/enkater/{survey.pk}/remind/", follow=True).text
    assert [mail.to for mail in mailoutbox] == [["bageriet@example.test"]]
    assert "1 påminnelse skickades till dem som inte har svarat." in page
    assert "Inte nådda" not in page
    invitation = survey.invitations.get()
    assert invitation.sent_at is not None and invitation.reminded_at is not None


@pytest.mark.parametrize("persona", ["outsider", "steering", "enterprise_user"])
def test_only_the_coordinator_sees_who_could_not_be_reached(client, request, db, persona):
    _enterprises(0, ["Bageriet Ö"])
    survey = census_round("2027")
    client.force_login(request.getfixturevalue(persona))
    response = client.get(f"/enkater/{survey.pk}/")
    assert response.status_code in (200, 404)
    assert "Bageriet Ö" not in response.text
    assert client.post(f"/enkater/{survey.pk}/remind/").status_code == 403
