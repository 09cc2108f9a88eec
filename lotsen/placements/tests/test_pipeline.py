"""The pipeline moves by itself: requests, reminders, alerts, withdrawal, phone, invitations.

The clock tests assume Easter 2027: a proposal on Wednesday 24 March, with Good Friday
(26 March) and Easter Monday (29 March) between, so three working days fall on
Wednesday 31 March, not on the Monday that counting weekdays alone would give.
"""

import datetime
import re
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.test import Client, override_settings

from lotsen.accounts.models import Membership, Role, User
from lotsen.audit.models import AuditEvent
from lotsen.core.workflow import TransitionRefused
from lotsen.matching import loader
from lotsen.organisations.models import Organisation
from lotsen.organisations.tests.factories import OrganisationFactory

from .. import services
from ..models import PipelineNotice, Placement
from ..pipeline import placement_notify, placement_reminders_send
from .factories import (
    OpeningFactory,
    enterprise_of,
    propose,
    register,
    to_matching,
    write_agreement,
)

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def at(day: int, month: int = 3):
    """Travel to 10:00 on a day of March or April 2027 (see the module's docstring)."""
    return time_machine.travel(
        datetime.datetime(2027, month, day, 10, tzinfo=STOCKHOLM), tick=False
    )


def _bare_enterprise() -> Organisation:
    return OrganisationFactory(
        kind=Organisation.Kind.SOCIAL_ENTERPRISE, email="kontakt@foretaget.test"
    )


def _recipients() -> list[list[str]]:
    return [message.to for message in mail.outbox]


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run what the services leave for after the commit (the e-mails), as production does."""

    def run(step):
        with django_capture_on_commit_callbacks(execute=True):
            return step()

    return run


# ---------------------------------------------------------------- who gets the e-mail


def test_a_proposal_is_emailed_to_the_enterprise_with_a_link(
    commit, coordinator, caseworker, enterprise_user, settings
):
    settings.SITE_URL = "https://lotsen.example"
    opening = OpeningFactory(enterprise=enterprise_of(enterprise_user))
    placement = commit(lambda: propose(coordinator, caseworker, opening))
    assert _recipients() == [[enterprise_user.email]]
    assert f"https://lotsen.example{placement.get_absolute_url()}" in mail.outbox[0].body
    assert placement.participant.code in mail.outbox[0].subject
    assert "Test Testsson" not in mail.outbox[0].body  # no identity travels by e-mail


def test_a_proposal_to_an_enterprise_without_users_goes_to_the_coordinator(
    commit, coordinator, caseworker
):
    commit(lambda: propose(coordinator, caseworker, OpeningFactory(enterprise=_bare_enterprise())))
    assert _recipients() == [[coordinator.email]]
    assert "bjud in" in mail.outbox[0].body.lower()


def test_each_party_is_asked_to_approve_the_agreement(
    commit, coordinator, caseworker, enterprise_user
):
    placement = propose(
        coordinator, caseworker, OpeningFactory(enterprise=enterprise_of(enterprise_user))
    )
    _agreement_saved(commit, placement, coordinator, enterprise_user)
    assert sorted(_recipients()) == [[enterprise_user.email], [caseworker.email]]
    assert all("godkänn" in message.body for message in mail.outbox)


def _agreement_saved(commit, placement, coordinator, enterprise_user) -> None:
    services.placement_accept(actor=enterprise_user, placement=placement)
    commit(lambda: write_agreement(placement, coordinator, start=datetime.date.today()))


@pytest.mark.parametrize(
    ("party_email", "expected"),
    [("anvisningar@kommunen.test", "anvisningar@kommunen.test"), ("", "samordnare@example.test")],
)
def test_when_the_caseworker_has_left_the_party_is_asked_to_approve(
    commit, coordinator, caseworker, enterprise_user, party_email, expected
):
    placement = propose(
        coordinator, caseworker, OpeningFactory(enterprise=enterprise_of(enterprise_user))
    )
    Organisation.objects.filter(pk=placement.referral.referring_party_id).update(email=party_email)
    User.objects.filter(pk=caseworker.pk).update(is_active=False)
    _agreement_saved(commit, placement, coordinator, enterprise_user)
    assert sorted(_recipients()) == sorted([[enterprise_user.email], [expected]])


def test_another_active_caseworker_of_the_party_is_asked_when_the_first_has_left(
    commit, coordinator, caseworker, enterprise_user, make_persona
):
    placement = propose(
        coordinator, caseworker, OpeningFactory(enterprise=enterprise_of(enterprise_user))
    )
    colleague = make_persona(
        Role.CASEWORKER,
        organisation=placement.referral.referring_party,
        email="kollega@example.test",
    )
    User.objects.filter(pk=caseworker.pk).update(is_active=False)
    _agreement_saved(commit, placement, coordinator, enterprise_user)
    assert sorted(_recipients()) == sorted([[enterprise_user.email], [colleague.email]])
    step = PipelineNotice.objects.get(step="referrer_approval")
    assert step.recipients == colleague.email


def test_no_mail_is_addressed_to_an_address_that_cannot_receive_it(
    commit, coordinator, caseworker, enterprise_user
):
    placement = propose(
        coordinator, caseworker, OpeningFactory(enterprise=enterprise_of(enterprise_user))
    )
    User.objects.filter(pk=enterprise_user.pk).update(email="partner-system-1@lotsen.invalid")
    placement_notify(placement.pk)
    assert _recipients() == [[coordinator.email]]
    assert PipelineNotice.objects.get(placement=placement).recipients == coordinator.email


def test_the_daily_run_asks_for_due_follow_ups_and_outcome_checks(
    coordinator, caseworker, enterprise_user
):
    from .factories import started_placement

    active = started_placement(coordinator, caseworker, enterprise_user)
    ended = started_placement(coordinator, caseworker, enterprise_user)
    services.placement_end(
        actor=coordinator,
        placement=ended,
        ended_on=datetime.date.today() - datetime.timedelta(days=1),
        exit_reason="completed",
        outcome="studies",
        income_source_after="none",
    )
    ended.outcome_checks.filter(months_after=6).update(due_on=datetime.date.today())
    mail.outbox.clear()
    count = placement_reminders_send()
    assert (count.requests, count.reminders, count.escalations) == (2, 0, 0)
    steps = dict(PipelineNotice.objects.values_list("placement_id", "step"))
    assert steps[active.pk].startswith("follow_up:")
    assert steps[ended.pk] == "outcome_check:6"
    assert sorted(_recipients()) == [[enterprise_user.email], [coordinator.email]]


# ---------------------------------------------------------------- reminders and alerts


def test_a_reminder_comes_after_three_working_days_and_the_alert_three_later_once_each(
    commit, coordinator, caseworker, enterprise_user
):
    opening = OpeningFactory(enterprise=enterprise_of(enterprise_user))
    with at(24):
        commit(lambda: propose(coordinator, caseworker, opening))
    mail.outbox.clear()
    with at(30):  # Tuesday after Easter: only two working days have passed
        assert placement_reminders_send().reminders == 0
    with at(31):
        assert placement_reminders_send().reminders == 1
        assert placement_reminders_send().reminders == 0  # run twice, sent once
    assert _recipients() == [[enterprise_user.email]]
    assert "påminnelse" in mail.outbox[0].body.lower()
    with at(2, 4):  # Friday: two working days after the reminder
        assert placement_reminders_send().escalations == 0
    with at(5, 4):
        for _run in range(2):
            call_command("send_placement_reminders", stdout=StringIO())
    assert _recipients() == [[enterprise_user.email], [coordinator.email]]
    assert PipelineNotice.objects.filter(kind="escalation").count() == 1


@override_settings(PLACEMENT_REMINDER_WORKING_DAYS=1, PLACEMENT_PROPOSAL_EXPIRY_WORKING_DAYS=5)
def test_the_waiting_times_are_settings(commit, coordinator, caseworker, enterprise_user):
    opening = OpeningFactory(enterprise=enterprise_of(enterprise_user))
    with at(24):
        placement = commit(lambda: propose(coordinator, caseworker, opening))
    with at(25):
        assert placement_reminders_send().reminders == 1
    with at(1, 4):  # four working days after the proposal, Easter excluded
        assert placement_reminders_send().expired == 0
    with at(2, 4):
        assert placement_reminders_send().expired == 1
    placement.refresh_from_db()
    assert placement.status == Placement.Status.CANCELLED
    assert "5 arbetsdagar" in placement.withdrawal_reason


# ---------------------------------------------------------------- withdrawal and seats


def test_a_withdrawn_proposal_frees_the_seat_and_the_participant(
    client, coordinator, caseworker, enterprise_user
):
    first = OpeningFactory(enterprise=enterprise_of(enterprise_user), capacity=1)
    placement = propose(coordinator, caseworker, first)
    assert loader.load_openings(coordinator)[first.pk].seats_promised == 1
    client.force_login(coordinator)
    url = f"/lotsning/placeringar/{placement.pk}/aterkalla/"
    assert client.post(url, {"withdraw-reason": ""}).status_code == 302
    placement.refresh_from_db()
    assert placement.status == Placement.Status.PROPOSED  # no reason, nothing done
    client.post(url, {"withdraw-reason": "Deltagaren vill hellre pröva lager."})
    placement.refresh_from_db()
    assert placement.status == Placement.Status.CANCELLED
    assert placement.withdrawal_reason == "Deltagaren vill hellre pröva lager."
    assert loader.load_openings(coordinator)[first.pk].seats_promised == 0
    elsewhere = services.placement_propose(
        actor=coordinator, referral=placement.referral, opening=OpeningFactory()
    )
    assert elsewhere.status == Placement.Status.PROPOSED
    assert AuditEvent.objects.filter(reason__startswith="proposal withdrawn").exists()
    page = client.get(placement.get_absolute_url()).text
    assert "Deltagaren vill hellre pröva lager." in page


# ---------------------------------------------------------------- enterprises without users


def test_the_coordinator_records_an_answer_given_by_phone(client, coordinator, caseworker):
    placement = propose(coordinator, caseworker, OpeningFactory(enterprise=_bare_enterprise()))
    client.force_login(coordinator)
    url = f"/lotsning/placeringar/{placement.pk}/svar-per-telefon/"
    response = client.post(url, {"phone-answer": "decline"}, follow=True)
    assert "Ange skälet som företaget gav." in response.text
    # A reason written with an acceptance is refused, not dropped.
    response = client.post(
        url, {"phone-answer": "accept", "phone-reason": "Har ont om handledare"}, follow=True
    )
    assert "sparas bara när företaget tackade nej" in response.text
    placement.refresh_from_db()
    assert placement.status == Placement.Status.PROPOSED
    client.post(url, {"phone-answer": "accept"})
    placement.refresh_from_db()
    assert placement.status == Placement.Status.ACCEPTED
    assert (placement.answered_by_phone, placement.answer_recorded_by) == (True, coordinator)
    assert AuditEvent.objects.filter(
        actor=coordinator, reason="enterprise's answer taken by phone", object_id=str(placement.pk)
    ).exists()
    page = client.get(placement.get_absolute_url()).text
    assert "per telefon" in page


def test_the_invitation_link_sets_a_password_once(commit, client, coordinator, caseworker):
    enterprise = _bare_enterprise()
    placement = propose(coordinator, caseworker, OpeningFactory(enterprise=enterprise))
    client.force_login(coordinator)
    mail.outbox.clear()
    url = f"/lotsning/placeringar/{placement.pk}/bjud-in-kontakt/"
    commit(
        lambda: client.post(
            url, {"invite-full_name": "Kim Kontakt", "invite-email": "Kim@Foretaget.test"}
        )
    )
    contact = User.objects.get(email="kim@foretaget.test")
    assert Membership.objects.filter(user=contact, organisation=enterprise, role=Role.ENTERPRISE)
    assert not contact.has_usable_password()
    assert AuditEvent.objects.filter(reason="enterprise contact invited").exists()
    invitation = mail.outbox[-1]
    assert invitation.to == ["kim@foretaget.test"]
    link = re.search(r"https?://\S+", invitation.body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    visitor = Client()
    form = visitor.get("/" + path, follow=True)
    set_url = form.redirect_chain[-1][0]
    done = visitor.post(set_url, {"password1": "Snickare-2027!", "password2": "Snickare-2027!"})
    assert done.status_code == 302
    contact.refresh_from_db()
    assert contact.check_password("Snickare-2027!")
    again = Client().get("/" + path, follow=True)
    assert 'name="password1"' not in again.text  # the link worked once only
    # Now someone signs in for the enterprise: no second invitation.
    response = client.post(
        url, {"invite-full_name": "Ny", "invite-email": "ny@foretaget.test"}, follow=True
    )
    assert not User.objects.filter(email="ny@foretaget.test").exists()
    assert "redan" in response.text


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("aterkalla", {"withdraw-reason": "Skäl"}),
        ("svar-per-telefon", {"phone-answer": "accept"}),
        ("bjud-in-kontakt", {"invite-full_name": "X", "invite-email": "x@example.test"}),
    ],
)
def test_only_the_coordinator_acts_for_an_unanswered_proposal(
    client, all_personas, coordinator, caseworker, path, data
):
    placement = propose(coordinator, caseworker, OpeningFactory(enterprise=_bare_enterprise()))
    url = f"/lotsning/placeringar/{placement.pk}/{path}/"
    expected = {
        Role.CASEWORKER: 403,
        Role.ENTERPRISE: 404,
        Role.PROVIDER: 404,
        Role.STEERING: 404,
        Role.ADMIN: 404,
        "outsider": 404,
    }
    for role, status in expected.items():
        client.force_login(all_personas[role])
        assert client.post(url, data).status_code == status, role
    placement.refresh_from_db()
    assert placement.status == Placement.Status.PROPOSED
    assert not User.objects.filter(email="x@example.test").exists()
    client.force_login(coordinator)
    assert client.post(url, data).status_code == 302


# ---------------------------------------------------------------- the inbox


def test_the_inbox_names_whom_each_item_waits_on(client, coordinator, caseworker):
    propose(coordinator, caseworker, OpeningFactory(enterprise=_bare_enterprise()))
    client.force_login(coordinator)
    page = client.get("/oversikt/").text
    assert "Väntar på" in page and "inget användarkonto" in page


def test_the_inbox_needs_as_many_queries_with_more_waiting(
    assert_constant_queries, client, coordinator, caseworker, enterprise_user
):
    def add_rows(count: int) -> None:
        for number in range(count):
            enterprise = _bare_enterprise() if number % 2 else enterprise_of(enterprise_user)
            placement = propose(coordinator, caseworker, OpeningFactory(enterprise=enterprise))
            if number % 3 == 0:
                services.placement_accept(actor=coordinator, placement=placement)

    client.force_login(coordinator)
    assert_constant_queries("/oversikt/", add_rows)


def test_a_participant_proposed_again_after_withdrawal_is_not_held(coordinator, caseworker):
    participant = register(caseworker)
    referral = to_matching(participant.referrals.get(), coordinator)
    placement = services.placement_propose(
        actor=coordinator, referral=referral, opening=OpeningFactory()
    )
    with pytest.raises(TransitionRefused):
        services.placement_propose(actor=coordinator, referral=referral, opening=OpeningFactory())
    services.placement_withdraw_proposal(actor=coordinator, placement=placement, reason="Fel plats")
    with pytest.raises(TransitionRefused):
        services.placement_withdraw_proposal(actor=coordinator, placement=placement, reason="igen")
