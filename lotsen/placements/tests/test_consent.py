"""Consent is obeyed: every kind of work with a participant's data against every consent state."""

import datetime
import importlib

import pytest
import time_machine
from django.apps import apps
from django.utils import timezone, translation

from lotsen.audit.models import AuditEvent
from lotsen.core.inbox import sections_for
from lotsen.core.workflow import TransitionRefused
from lotsen.matching.loader import waiting_referrals

from .. import services
from ..consent import Scope, Use, consenting_to
from ..models import FollowUp, OutcomeCheck, Participant, Placement
from .factories import (
    OpeningFactory,
    register,
    started_placement,
    to_matching,
)

# A participant's consent as it may stand: one of the two scopes, withdrawn, or never given.
PLACEMENT_ONLY, WITH_FOLLOW_UP, WITHDRAWN, ANONYMOUS = (
    "placement only",
    "with follow-up",
    "withdrawn",
    "anonymous",
)
STATES = [PLACEMENT_ONLY, WITH_FOLLOW_UP, WITHDRAWN, ANONYMOUS]

# Written out rather than derived from consent.COVERED_BY, so the table is checked, not echoed.
CONSENTED = {
    Use.PLACEMENT: {PLACEMENT_ONLY, WITH_FOLLOW_UP},
    Use.FOLLOW_UP: {PLACEMENT_ONLY, WITH_FOLLOW_UP},
    Use.IDENTIFIED_DOCUMENT: {PLACEMENT_ONLY, WITH_FOLLOW_UP},
    Use.OUTCOME_CHECK: {WITH_FOLLOW_UP},
    Use.SURVEY: {WITH_FOLLOW_UP},
}
SCOPE_OF = {PLACEMENT_ONLY: Scope.PLACEMENT, WITH_FOLLOW_UP: Scope.PLACEMENT_AND_FOLLOW_UP}


def participant_in(state: str) -> Participant:
    return Participant(
        gender="woman",
        start_year=2000,
        consent_given=state != ANONYMOUS,
        consent_scope=SCOPE_OF.get(
            state, Scope.PLACEMENT_AND_FOLLOW_UP if state == WITHDRAWN else ""
        ),
        consent_withdrawn_on=timezone.localdate() if state == WITHDRAWN else None,
    )


@pytest.mark.parametrize("use", list(Use))
@pytest.mark.parametrize("state", STATES)
def test_each_use_needs_a_consent_that_holds_and_covers_it(use, state):
    participant = participant_in(state)
    assert participant.consents_to(use) is (state in CONSENTED[use])
    assert bool(participant.consent_gap(use)) is (state not in CONSENTED[use])


@pytest.mark.parametrize("use", list(Use))
def test_the_query_follows_the_same_rule(db, caseworker, use):
    people = {state: register(caseworker) for state in (PLACEMENT_ONLY, WITH_FOLLOW_UP)}
    Participant.objects.filter(pk=people[PLACEMENT_ONLY].pk).update(consent_scope=Scope.PLACEMENT)
    people[WITHDRAWN] = register(caseworker)
    Participant.objects.filter(pk=people[WITHDRAWN].pk).update(
        consent_withdrawn_on=timezone.localdate()
    )
    people[ANONYMOUS] = services.participant_register_anonymous(
        actor=caseworker, party=people[WITHDRAWN].registered_by_party, gender="man", start_year=2000
    )
    found = set(Participant.objects.consenting_to(use).values_list("pk", flat=True))
    assert found == {people[state].pk for state in CONSENTED[use]}


def test_the_page_says_why_in_the_study_s_words():
    with translation.override("sv"):
        gap = participant_in(PLACEMENT_ONLY).consent_gap(Use.OUTCOME_CHECK)
    assert gap == (
        "Uppföljning 6 och 12 månader efter avslut planeras inte: "
        "deltagaren har inte samtyckt till uppföljning efter avslut."
    )


# ---------------------------------------------------------------- scheduled work × consent


def _placement_in(state, coordinator, caseworker, enterprise_user) -> Placement:
    """An active placement, its participant's consent then brought to `state`."""
    scope = SCOPE_OF.get(state, Scope.PLACEMENT_AND_FOLLOW_UP)
    placement = started_placement(coordinator, caseworker, enterprise_user, consent_scope=scope)
    if state == WITHDRAWN:
        services.participant_withdraw_consent(actor=caseworker, participant=placement.participant)
    return Placement.objects.select_related("referral__participant").get(pk=placement.pk)


def _end(placement, coordinator):
    return services.placement_end(
        actor=coordinator,
        placement=placement,
        ended_on=timezone.localdate(),
        exit_reason="completed",
        outcome="job_seeking",
        income_source_after="activity_support",
    )


def outcome_checks_planned(placement, coordinator, enterprise_user) -> bool:
    _end(placement, coordinator)
    return OutcomeCheck.objects.filter(placement=placement).count() == 2


def follow_up_due_in_inboxes(placement, coordinator, enterprise_user) -> bool:
    # Started 30 days ago and never followed up: due, if the consent allows it.
    due = [
        section.items
        for user in (coordinator, enterprise_user)
        for section in sections_for(user)
        if str(section.title) == "Uppföljningar att göra"
    ]
    assert len(due) == 2
    return all(items for items in due)


def follow_up_recordable(placement, coordinator, enterprise_user) -> bool:
    try:
        services.follow_up_record(
            actor=enterprise_user,
            placement=placement,
            follow_up=FollowUp(date=timezone.localdate(), phase="during", hours_attended=10),
            scores={},
        )
    except TransitionRefused as error:
        assert error.code == "no_consent"
        return False
    return True


WORK = {
    "outcome checks planned at exit": (outcome_checks_planned, Use.OUTCOME_CHECK),
    "follow-up due in the inboxes": (follow_up_due_in_inboxes, Use.FOLLOW_UP),
    "follow-up recorded": (follow_up_recordable, Use.FOLLOW_UP),
}


@pytest.mark.parametrize("state", [PLACEMENT_ONLY, WITH_FOLLOW_UP, WITHDRAWN])
@pytest.mark.parametrize("work", list(WORK))
def test_scheduled_work_happens_only_where_the_consent_covers_it(
    work, state, coordinator, caseworker, enterprise_user
):
    done, use = WORK[work]
    placement = _placement_in(state, coordinator, caseworker, enterprise_user)
    assert done(placement, coordinator, enterprise_user) is (state in CONSENTED[use])


@pytest.mark.parametrize("state", [PLACEMENT_ONLY, WITH_FOLLOW_UP, WITHDRAWN])
def test_matching_and_proposing_need_consent_to_placement(state, coordinator, caseworker):
    participant = register(caseworker, consent_scope=SCOPE_OF.get(state, Scope.PLACEMENT))
    referral = to_matching(participant.referrals.get(), coordinator)
    if state == WITHDRAWN:
        services.participant_withdraw_consent(actor=caseworker, participant=participant)
    consented = state in CONSENTED[Use.PLACEMENT]
    assert waiting_referrals(coordinator).filter(pk=referral.pk).exists() is consented
    if consented:
        services.placement_propose(actor=coordinator, referral=referral, opening=OpeningFactory())
    else:
        with pytest.raises(TransitionRefused):
            services.placement_propose(
                actor=coordinator, referral=referral, opening=OpeningFactory()
            )


# ---------------------------------------------------------------- withdrawal stops pending work


def _ended_with_one_check_recorded(coordinator, caseworker, enterprise_user) -> Placement:
    placement = started_placement(coordinator, caseworker, enterprise_user)
    placement = _end(placement, coordinator)
    first = placement.outcome_checks.get(months_after=6)
    services.outcome_check_record(
        actor=coordinator,
        check=first,
        outcome="job_seeking",
        income_source="activity_support",
        checked_on=timezone.localdate(),
    )
    return placement


@pytest.mark.parametrize(
    "withdraw",
    [services.participant_withdraw_consent, services.participant_withdraw_follow_up_consent],
)
def test_withdrawing_stops_the_pending_checks_at_once_and_keeps_the_recorded(
    withdraw, coordinator, caseworker, enterprise_user
):
    placement = _ended_with_one_check_recorded(coordinator, caseworker, enterprise_user)
    withdraw(actor=caseworker, participant=placement.participant)
    assert list(placement.outcome_checks.values_list("months_after", flat=True)) == [6]
    with time_machine.travel(timezone.now() + datetime.timedelta(days=400), tick=False):
        assert not any(
            section.items
            for section in sections_for(coordinator)
            if str(section.title) == "Utfallskontroller att göra"
        )
    event = AuditEvent.objects.filter(object_id=str(placement.pk)).latest("id")
    assert event.actor == caseworker
    assert event.reason == "outcome checks +12 cancelled: no consent to follow-up after exit"


def test_withdrawing_consent_during_the_placement_stops_its_follow_ups(
    coordinator, caseworker, enterprise_user
):
    placement = started_placement(coordinator, caseworker, enterprise_user)
    assert follow_up_due_in_inboxes(placement, coordinator, enterprise_user)
    services.participant_withdraw_consent(actor=caseworker, participant=placement.participant)
    assert not follow_up_due_in_inboxes(placement, coordinator, enterprise_user)


def test_follow_up_consent_cannot_be_withdrawn_twice(caseworker):
    participant = register(caseworker, consent_scope=Scope.PLACEMENT)
    with pytest.raises(TransitionRefused) as error:
        services.participant_withdraw_follow_up_consent(actor=caseworker, participant=participant)
    assert error.value.code == "no_follow_up_consent"


def test_the_migration_cancels_checks_planned_without_consent(
    coordinator, caseworker, enterprise_user
):
    planned = _end(started_placement(coordinator, caseworker, enterprise_user), coordinator)
    wrongly = _end(started_placement(coordinator, caseworker, enterprise_user), coordinator)
    Participant.objects.filter(pk=wrongly.participant.pk).update(consent_scope=Scope.PLACEMENT)
    migration = importlib.import_module(
        "lotsen.placements.migrations.0009_cancel_outcome_checks_without_consent"
    )
    migration.cancel_unconsented(apps, None)
    assert planned.outcome_checks.count() == 2
    assert not wrongly.outcome_checks.exists()
    assert not OutcomeCheck.objects.exclude(
        consenting_to(Use.OUTCOME_CHECK, "placement__referral__participant")
    ).exists()


# ---------------------------------------------------------------- pages


def test_the_placement_page_says_why_no_checks_are_planned(
    client, coordinator, caseworker, enterprise_user
):
    placement = started_placement(
        coordinator, caseworker, enterprise_user, consent_scope=Scope.PLACEMENT
    )
    client.force_login(coordinator)
    end_page = client.get(f"/lotsning/placeringar/{placement.pk}/avsluta/").text
    assert "planeras inte: deltagaren har inte samtyckt till uppföljning efter avslut" in end_page
    _end(placement, coordinator)
    page = client.get(placement.get_absolute_url()).text
    assert (
        "Uppföljning 6 och 12 månader efter avslut planeras inte: "
        "deltagaren har inte samtyckt till uppföljning efter avslut." in page
    )
    assert "Spara kontrollen" not in page


def test_the_placement_page_says_why_follow_ups_stopped(
    client, coordinator, caseworker, enterprise_user
):
    placement = started_placement(coordinator, caseworker, enterprise_user)
    services.participant_withdraw_consent(actor=caseworker, participant=placement.participant)
    client.force_login(enterprise_user)
    page = client.get(placement.get_absolute_url()).text
    withdrawn_on = timezone.localdate()
    assert "Uppföljningar planeras och registreras inte: deltagaren återkallade" in page
    assert str(withdrawn_on.year) in page
    assert f"/placeringar/{placement.pk}/uppfoljning/" not in page


def test_a_caseworker_withdraws_consent_to_follow_up_from_the_participant_page(
    client, coordinator, caseworker, enterprise_user
):
    placement = _end(started_placement(coordinator, caseworker, enterprise_user), coordinator)
    participant = placement.participant
    client.force_login(caseworker)
    page = client.get(participant.get_absolute_url()).text
    assert "Återkalla samtycket till uppföljning efter avslut" in page
    response = client.post(f"/lotsning/deltagare/{participant.code}/aterkalla-uppfoljning/")
    assert response.status_code == 302
    participant.refresh_from_db()
    assert participant.consent_scope == Scope.PLACEMENT and participant.has_active_consent
    assert not placement.outcome_checks.exists()
    page = client.get(participant.get_absolute_url()).text
    assert "Det här omfattar samtycket inte" in page
    assert "deltagaren har inte samtyckt till uppföljning efter avslut" in page
    assert "Återkalla samtycket till uppföljning efter avslut" not in page


@pytest.mark.parametrize(("role", "status"), [("outsider", 404), ("enterprise_user", 403)])
def test_others_cannot_withdraw_consent_to_follow_up(
    request, client, coordinator, caseworker, enterprise_user, role, status
):
    placement = started_placement(coordinator, caseworker, enterprise_user)
    participant = placement.participant
    client.force_login(request.getfixturevalue(role))
    response = client.post(f"/lotsning/deltagare/{participant.code}/aterkalla-uppfoljning/")
    assert response.status_code == status
    participant.refresh_from_db()
    assert participant.consent_scope == Scope.PLACEMENT_AND_FOLLOW_UP


def test_the_scope_is_asked_never_assumed(client, caseworker):
    client.force_login(caseworker)
    page = client.get("/lotsning/deltagare/ny/").text
    scope = page[page.index('name="consent-consent_scope"') :]
    assert scope[: scope.index("</select>")].count("selected") == 1
    assert '<option value="" selected>Välj …</option>' in scope
