"""The participant approves their agreement on Mina sidor, signed in with e-legitimation."""

import datetime

import pytest

from lotsen.audit.models import AuditEvent
from lotsen.placements import services
from lotsen.placements.models import ParticipantApproval, PlacementAgreement
from lotsen.placements.tests.factories import (
    OpeningFactory,
    enterprise_of,
    identity_number,
    register,
    to_matching,
)

from .factories import account_for, claims_of
from .test_sign_in import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def drafted(coordinator, caseworker, enterprise_user):
    """An accepted placement whose agreement is drafted and approved by nobody yet."""
    number = identity_number()
    participant = register(caseworker, number=number)
    referral = to_matching(participant.referrals.get(), coordinator)
    placement = services.placement_propose(
        actor=coordinator,
        referral=referral,
        opening=OpeningFactory(enterprise=enterprise_of(enterprise_user)),
    )
    services.placement_accept(actor=enterprise_user, placement=placement)
    start = datetime.date.today() + datetime.timedelta(days=7)
    services.agreement_save(
        actor=coordinator,
        placement=placement,
        agreement=PlacementAgreement(
            goals="Lära sig rutinerna i snickeriet",
            schedule="Mån–tors 9–13",
            hours_per_week=16,
            start_date=start,
            planned_end_date=start + datetime.timedelta(days=90),
        ),
    )
    return number, placement


def test_the_participant_approves_and_the_agreement_holds_once_all_three_have(
    client, participants_broker, drafted, enterprise_user, caseworker
):
    number, placement = drafted
    participants_broker.sign_in_as(claims_of(number))
    sign_in(client)
    page = client.get("/mina-sidor/overenskommelse/")
    assert "Lära sig rutinerna i snickeriet" in page.text
    assert "Överenskommelsen gäller inte än" in page.text
    client.post("/mina-sidor/overenskommelse/godkann/", {"version": "1"})
    approval = ParticipantApproval.objects.get(agreement__placement=placement)
    assert approval.method == ParticipantApproval.Method.E_LEGITIMATION
    assert approval.assurance == "http://id.elegnamnden.se/loa/1.0/loa3"
    assert approval.identity_provider == "BankID"
    services.agreement_approve(actor=enterprise_user, placement=placement, side="enterprise")
    services.agreement_approve(actor=caseworker, placement=placement, side="referrer")
    page = client.get("/mina-sidor/overenskommelse/")
    assert "Alla tre har sagt ja. Överenskommelsen gäller." in page.text


def test_an_agreement_changed_since_it_was_shown_is_refused(
    client, participants_broker, drafted, coordinator
):
    number, placement = drafted
    participants_broker.sign_in_as(claims_of(number))
    sign_in(client)
    agreement = PlacementAgreement.objects.get(placement=placement)
    agreement.hours_per_week = 20
    services.agreement_save(actor=coordinator, placement=placement, agreement=agreement)
    response = client.post("/mina-sidor/overenskommelse/godkann/", {"version": "1"}, follow=True)
    assert "Överenskommelsen har ändrats" in response.text or "ändrats sedan" in response.text
    assert not ParticipantApproval.objects.exists()


def test_a_second_approval_is_refused(client, participants_broker, drafted):
    number, _placement = drafted
    participants_broker.sign_in_as(claims_of(number))
    sign_in(client)
    client.post("/mina-sidor/overenskommelse/godkann/", {"version": "1"})
    events = AuditEvent.objects.count()
    response = client.post("/mina-sidor/overenskommelse/godkann/", {"version": "1"}, follow=True)
    assert response.status_code == 200
    assert ParticipantApproval.objects.count() == 1
    assert AuditEvent.objects.count() == events + 1  # the page viewed again, nothing else


def test_without_e_legitimation_in_the_session_the_approval_is_refused(client, drafted):
    number, _placement = drafted
    client.force_login(account_for(number))
    page = client.get("/mina-sidor/overenskommelse/")
    assert "måste du logga in med e-legitimation" in page.text
    response = client.post("/mina-sidor/overenskommelse/godkann/", {"version": "1"}, follow=True)
    assert response.status_code == 200
    assert not ParticipantApproval.objects.exists()
