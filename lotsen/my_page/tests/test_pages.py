"""Mina sidor: the participant's own data only, every view and step audited."""

import datetime
import html

import pytest
from django.utils import timezone

from lotsen.audit.models import AuditEvent
from lotsen.placements import services
from lotsen.placements.models import FollowUp, OutcomeCheck, Placement
from lotsen.placements.tests.factories import (
    OpeningFactory,
    activate,
    enterprise_of,
    propose,
    to_matching,
)

from .factories import signed_in_participant

pytestmark = pytest.mark.django_db


@pytest.fixture
def placed(coordinator, caseworker, enterprise_user):
    """A participant at work for 30 days, followed up once, and their own user."""
    participant, user = signed_in_participant(caseworker)
    opening = OpeningFactory(enterprise=enterprise_of(enterprise_user))
    referral = to_matching(participant.referrals.get(), coordinator)
    placement = services.placement_propose(actor=coordinator, referral=referral, opening=opening)
    placement = activate(
        placement, enterprise_user=enterprise_user, caseworker=caseworker, coordinator=coordinator
    )
    services.follow_up_record(
        actor=enterprise_user,
        placement=placement,
        follow_up=FollowUp(
            placement=placement,
            date=timezone.localdate() - datetime.timedelta(days=10),
            phase=FollowUp.Phase.START,
            hours_attended=12,
        ),
        scores={"work_skills": 2, "health_energy": 1, "routines": 3},
    )
    return participant, user, placement


def _end(placement, coordinator):
    return services.placement_end(
        actor=coordinator,
        placement=placement,
        ended_on=timezone.localdate(),
        exit_reason="completed",
        outcome="job_seeking",
        income_source_after="activity_support",
    )


def test_the_page_shows_the_placement_the_next_follow_up_and_progress(client, placed):
    participant, user, placement = placed
    client.force_login(user)
    page = client.get("/mina-sidor/")
    assert page.status_code == 200
    assert placement.opening.title in page.text
    assert "16 timmar i veckan" in page.text
    assert "Nästa samtal är senast den" in page.text
    assert "Arbetsförmåga i uppgifterna" in page.text
    assert "Först 2 av 5, nu 2 av 5." in page.text
    # How the person feels is talked through, not shown as a number (decision 0203).
    assert "Ork och energi" not in page.text
    event = AuditEvent.objects.filter(actor=user, action=AuditEvent.Action.VIEW).get()
    assert (event.object_label, event.reason) == (participant.code, "participant's own page")


def test_a_participant_sees_only_their_own_placement(client, placed, coordinator, caseworker):
    _participant, user, placement = placed
    other = propose(coordinator, caseworker, OpeningFactory(title="Någon annans plats"))
    client.force_login(user)
    page = client.get("/mina-sidor/")
    assert other.opening.title not in page.text
    assert placement.opening.title in page.text


def test_staff_are_refused_and_the_anonymous_offered_the_sign_in(client, coordinator, placed):
    client.force_login(coordinator)
    for path in ("/mina-sidor/", "/mina-sidor/samtycke/", "/mina-sidor/registerutdrag/"):
        assert client.get(path).status_code == 403
    client.logout()
    assert client.get("/mina-sidor/samtycke/")["Location"].startswith("/mina-sidor/?next=")


def test_withdrawing_follow_up_consent_cancels_the_pending_checks(client, placed, coordinator):
    participant, user, placement = placed
    _end(placement, coordinator)
    assert OutcomeCheck.objects.filter(placement=placement, checked_on__isnull=True).count() == 2
    client.force_login(user)
    page = client.get("/mina-sidor/samtycke/")
    assert "6 månader efter" in page.text
    response = client.post("/mina-sidor/samtycke/aterkalla/", {"scope": "follow_up"}, follow=True)
    assert "De planerade uppföljningarna efter att du slutat är borttagna" in response.text
    assert not OutcomeCheck.objects.filter(placement=placement).exists()
    participant.refresh_from_db()
    assert participant.consent_scope == participant.ConsentScope.PLACEMENT
    changed = AuditEvent.objects.filter(actor=user, action=AuditEvent.Action.CHANGE)
    assert {event.reason for event in changed} >= {"consent to follow-up after exit withdrawn"}


def test_a_second_withdrawal_says_so_and_changes_nothing(client, placed):
    _participant, user, _placement = placed
    client.force_login(user)
    client.post("/mina-sidor/samtycke/aterkalla/", {"scope": "follow_up"})
    events = AuditEvent.objects.count()
    response = client.post("/mina-sidor/samtycke/aterkalla/", {"scope": "follow_up"}, follow=True)
    assert response.status_code == 200
    assert "Samtycket omfattar inte uppföljning efter avslut" in response.text
    assert AuditEvent.objects.count() == events + 1  # the consent page viewed again


def test_withdrawing_all_consent_needs_the_box_ticked(client, placed):
    participant, user, _placement = placed
    client.force_login(user)
    response = client.post("/mina-sidor/samtycke/aterkalla/", {"scope": "all"}, follow=True)
    assert "Kryssa i rutan" in response.text
    participant.refresh_from_db()
    assert participant.has_active_consent
    client.post("/mina-sidor/samtycke/aterkalla/", {"scope": "all", "confirm": "yes"})
    participant.refresh_from_db()
    assert not participant.has_active_consent
    assert participant.identity.erased_at is not None


def test_the_trail_names_the_organisations_that_handled_the_data(
    client, placed, caseworker, assert_constant_queries
):
    participant, user, _placement = placed
    client.force_login(user)
    client.get("/mina-sidor/")  # the participant's own view is not listed
    page = client.get("/mina-sidor/vem-har-sett/")
    party = caseworker.memberships.get().organisation.name
    assert party in page.text
    assert "deltagaren såg" not in page.text

    def more_views(n):
        for _ in range(n):
            services.audit(caseworker, AuditEvent.Action.VIEW, participant, "participant page")

    assert_constant_queries("/mina-sidor/vem-har-sett/", more_views)


def test_the_extract_is_made_on_request_shown_and_audited(client, placed):
    participant, user, _placement = placed
    client.force_login(user)
    page = client.get("/mina-sidor/registerutdrag/")
    assert participant.code not in page.text
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).exists()
    page = client.post("/mina-sidor/registerutdrag/")
    assert page.status_code == 200
    assert f'"code": "{participant.code}"' in html.unescape(page.text)
    assert "health_energy" in page.text  # the extract narrows nothing
    export = AuditEvent.objects.get(action=AuditEvent.Action.EXPORT)
    assert (export.actor, export.object_label) == (user, participant.code)


def test_the_placement_of_no_current_status_is_not_shown(client, placed, coordinator):
    _participant, user, placement = placed
    _end(placement, coordinator)
    client.force_login(user)
    page = client.get("/mina-sidor/")
    assert Placement.objects.get(pk=placement.pk).status == Placement.Status.ENDED
    assert "Du har ingen arbetsträning just nu" in page.text


def test_the_session_ends_after_the_idle_time_of_staff(client, placed, settings):
    _participant, user, _placement = placed
    client.force_login(user)
    client.get("/mina-sidor/")
    assert client.session.get_expiry_age() == settings.SESSION_IDLE_MINUTES * 60
