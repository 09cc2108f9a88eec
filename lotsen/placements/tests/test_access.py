"""Every participant, referral, placement and report URL, for every role and the outsider.

The world: one placement at the enterprise persona's company, referred by the
caseworker persona's party, plus one foreign placement that no persona but the
coordinator may see.
"""

import datetime

import pytest

from lotsen.accounts.models import Role
from lotsen.audit.models import AuditEvent

from .. import services
from ..models import FollowUp
from .factories import OpeningFactory, activate, enterprise_of, propose


@pytest.fixture
def world(all_personas, make_persona):
    coordinator = all_personas[Role.COORDINATOR]
    caseworker = all_personas[Role.CASEWORKER]
    enterprise_user = all_personas[Role.ENTERPRISE]
    own = activate(
        propose(coordinator, caseworker, OpeningFactory(enterprise=enterprise_of(enterprise_user))),
        enterprise_user=enterprise_user,
        caseworker=caseworker,
        coordinator=coordinator,
    )
    services.follow_up_record(
        actor=enterprise_user,
        placement=own,
        follow_up=FollowUp(date=datetime.date.today(), phase="during", hours_attended=12),
        scores={"motivation": 3},
    )
    other_caseworker = make_persona(Role.CASEWORKER)
    other_enterprise_user = make_persona(Role.ENTERPRISE)
    foreign = activate(
        propose(
            coordinator,
            other_caseworker,
            OpeningFactory(enterprise=enterprise_of(other_enterprise_user)),
        ),
        enterprise_user=other_enterprise_user,
        caseworker=other_caseworker,
        coordinator=coordinator,
    )
    return {"own": own, "foreign": foreign}


def urls_of(placement) -> dict[str, str]:
    participant = placement.referral.participant
    base = "/lotsning"
    return {
        "participant": f"{base}/deltagare/{participant.code}/",
        "participant_edit": f"{base}/deltagare/{participant.code}/andra/",
        "participant_export": f"{base}/deltagare/{participant.code}/registerutdrag/",
        "referral_new": f"{base}/deltagare/{participant.code}/ny-anvisning/",
        "referral": f"{base}/anvisningar/{placement.referral_id}/",
        "placement": f"{base}/placeringar/{placement.pk}/",
        "agreement_edit": f"{base}/placeringar/{placement.pk}/overenskommelse/",
        "agreement_pdf": f"{base}/placeringar/{placement.pk}/overenskommelse.pdf",
        "follow_up": f"{base}/placeringar/{placement.pk}/uppfoljning/",
        "end": f"{base}/placeringar/{placement.pk}/avsluta/",
    }


LISTS = {
    "participant_list": "/lotsning/deltagare/",
    "participant_new": "/lotsning/deltagare/ny/",
    "participant_anonymous": "/lotsning/deltagare/ny-anonym/",
    "referral_list": "/lotsning/anvisningar/",
    "placement_list": "/lotsning/placeringar/",
    "opening_list": "/lotsning/platser/",
    "opening_new": "/lotsning/platser/ny/",
    "report": "/lotsning/rapporter/",
    "report_csv": "/lotsning/rapporter/csv/",
}

# Expected status per role for the lists and for the own / foreign objects.
OK, DENIED, HIDDEN = 200, 403, 404
EXPECTED_LISTS = {
    Role.COORDINATOR: {
        **dict.fromkeys(LISTS, OK),
        "participant_new": DENIED,
        "participant_anonymous": DENIED,
        "opening_new": DENIED,
    },
    Role.CASEWORKER: {
        **dict.fromkeys(LISTS, OK),
        "opening_new": DENIED,
        "report": DENIED,
        "report_csv": DENIED,
    },
    Role.ENTERPRISE: {
        **dict.fromkeys(LISTS, OK),
        "participant_new": DENIED,
        "participant_anonymous": DENIED,
        "referral_list": DENIED,
        "report": DENIED,
        "report_csv": DENIED,
    },
    Role.STEERING: {**dict.fromkeys(LISTS, DENIED), "report": OK, "report_csv": OK},
    Role.PROVIDER: dict.fromkeys(LISTS, DENIED),
    Role.ADMIN: dict.fromkeys(LISTS, DENIED),
    "outsider": dict.fromkeys(LISTS, DENIED),
}
OWN_OBJECTS = {
    Role.COORDINATOR: {
        "participant": OK,
        "participant_edit": OK,
        "participant_export": OK,
        "referral_new": DENIED,
        "referral": OK,
        "placement": OK,
        # An active placement's agreement may change; all three approve again (0208).
        "agreement_edit": OK,
        "agreement_pdf": OK,
        "follow_up": OK,
        "end": OK,
    },
    Role.CASEWORKER: {
        "participant": OK,
        "participant_edit": OK,
        "participant_export": DENIED,
        "referral_new": OK,
        "referral": OK,
        "placement": OK,
        # An active placement's agreement may change; all three approve again (0208).
        "agreement_edit": OK,
        "agreement_pdf": OK,
        "follow_up": DENIED,
        "end": DENIED,
    },
    Role.ENTERPRISE: {
        "participant": OK,
        "participant_edit": DENIED,
        "participant_export": DENIED,
        "referral_new": DENIED,
        "referral": HIDDEN,
        "placement": OK,
        "agreement_edit": DENIED,
        "agreement_pdf": OK,
        "follow_up": OK,
        "end": DENIED,
    },
}
# What the others get for any object: nothing exists for them.
NOTHING = {
    "participant": HIDDEN,
    "participant_edit": HIDDEN,
    "participant_export": DENIED,
    "referral_new": HIDDEN,
    "referral": HIDDEN,
    "placement": HIDDEN,
    "agreement_edit": HIDDEN,
    "agreement_pdf": HIDDEN,
    "follow_up": HIDDEN,
    "end": HIDDEN,
}


def expected_for(role, which: str) -> dict[str, int]:
    if role == Role.COORDINATOR:
        return OWN_OBJECTS[Role.COORDINATOR]
    if which == "own" and role in OWN_OBJECTS:
        return OWN_OBJECTS[role]
    expected = dict(NOTHING)
    if role == Role.CASEWORKER:
        # The caseworker may register people, so a foreign participant is hidden, not refused.
        expected["participant_export"] = DENIED
    return expected


ROLES = [
    Role.COORDINATOR,
    Role.CASEWORKER,
    Role.ENTERPRISE,
    Role.STEERING,
    Role.PROVIDER,
    Role.ADMIN,
    "outsider",
]


@pytest.mark.parametrize("role", ROLES)
def test_each_role_reaches_exactly_its_lists(client, all_personas, world, role):
    client.force_login(all_personas[role])
    answers = {name: client.get(url).status_code for name, url in LISTS.items()}
    assert answers == EXPECTED_LISTS[role]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("which", ["own", "foreign"])
def test_each_role_reaches_exactly_its_people(client, all_personas, world, role, which):
    client.force_login(all_personas[role])
    answers = {name: client.get(url).status_code for name, url in urls_of(world[which]).items()}
    assert answers == expected_for(role, which)


def test_an_enterprise_guessing_another_company_participant_gets_404_and_is_audited(
    client, enterprise_user, world
):
    client.force_login(enterprise_user)
    foreign = world["foreign"].referral.participant
    assert client.get(f"/lotsning/deltagare/{foreign.code}/").status_code == 404
    event = AuditEvent.objects.filter(action="denied", actor=enterprise_user).get()
    assert event.object_label == foreign.code


def test_a_caseworker_opening_another_party_participant_gets_404_and_is_audited(
    client, caseworker, world
):
    client.force_login(caseworker)
    foreign = world["foreign"].referral.participant
    assert client.get(f"/lotsning/deltagare/{foreign.code}/").status_code == 404
    assert AuditEvent.objects.filter(action="denied", actor=caseworker).count() == 1


def test_the_enterprise_sees_what_a_supervisor_needs_and_no_more(client, enterprise_user, world):
    client.force_login(enterprise_user)
    participant = world["own"].referral.participant
    page = client.get(f"/lotsning/deltagare/{participant.code}/").content.decode()
    assert "Test Testsson" in page
    assert "19850312" not in page and "Personnummer" not in page
    assert "Inkomstkälla" not in page and "Aktivitetsstöd" not in page


def test_the_caseworker_sees_identity_and_the_view_is_audited(client, caseworker, world):
    client.force_login(caseworker)
    participant = world["own"].referral.participant
    page = client.get(f"/lotsning/deltagare/{participant.code}/").content.decode()
    assert "Test Testsson" in page and "19850312" in page
    event = AuditEvent.objects.filter(action="view", actor=caseworker).latest("id")
    assert event.object_label == participant.code


def test_steering_sees_no_person_level_page(client, steering, world):
    client.force_login(steering)
    participant = world["own"].referral.participant
    assert client.get(f"/lotsning/deltagare/{participant.code}/").status_code == 404
    assert client.get("/lotsning/placeringar/").status_code == 403


def test_the_restricted_note_shows_only_to_coordinator_and_author(
    client, coordinator, caseworker, enterprise_user, world
):
    placement_url = f"/lotsning/placeringar/{world['own'].pk}/"
    FollowUp.objects.filter(placement=world["own"]).update(note="Behöver lugn miljö")
    for user, sees in [(coordinator, True), (enterprise_user, True), (caseworker, False)]:
        client.force_login(user)
        assert ("Behöver lugn miljö" in client.get(placement_url).content.decode()) is sees
