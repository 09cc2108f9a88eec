"""The coordinator's message on a verification reaches the company, whatever the decision."""

import pytest

from lotsen.accounts.models import Role
from lotsen.organisations.models import VerificationStatus
from lotsen.organisations.tests.factories import OrganisationFactory, SocialEnterpriseFactory

NOTE = "Tack, uppgifterna stämmer. Hör av er när ni har fler platser."


@pytest.fixture
def pending_profile(make_persona):
    profile = SocialEnterpriseFactory(
        organisation=OrganisationFactory(name="Snickeriet"),
        verification_status=VerificationStatus.PENDING,
        is_public=True,
    )
    user = make_persona(Role.ENTERPRISE, organisation=profile.organisation, email="frida@x.test")
    return profile, user


@pytest.mark.parametrize(
    ("decision", "heading"),
    [
        (VerificationStatus.VERIFIED, "Meddelande från samordnaren:"),
        (VerificationStatus.NEEDS_INFORMATION, "Samordnaren behöver fler uppgifter:"),
    ],
)
def test_the_company_sees_the_message_on_its_profile_and_form(
    client, coordinator, pending_profile, decision, heading
):
    profile, user = pending_profile
    client.force_login(coordinator)
    response = client.post("/foretag/snickeriet/verifiera/", {"status": decision, "note": NOTE})
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.verification_status == decision
    assert profile.verification_note == NOTE
    client.force_login(user)
    for page in ("/foretag/snickeriet/", "/foretag/snickeriet/andra/"):
        text = client.get(page).text
        assert heading in text and NOTE in text


def test_a_decision_without_a_message_shows_none(client, coordinator, pending_profile):
    _profile, user = pending_profile
    client.force_login(coordinator)
    client.post("/foretag/snickeriet/verifiera/", {"status": "verified", "note": ""})
    client.force_login(user)
    assert "Meddelande från samordnaren" not in client.get("/foretag/snickeriet/andra/").text


@pytest.mark.parametrize("role", ["caseworker", "steering", "outsider", None])
def test_the_message_stays_between_the_coordinator_and_the_company(
    client, all_personas, coordinator, pending_profile, role
):
    client.force_login(coordinator)
    client.post("/foretag/snickeriet/verifiera/", {"status": "verified", "note": NOTE})
    client.logout()
    if role:
        client.force_login(all_personas[role])
    response = client.get("/foretag/snickeriet/")
    assert response.status_code == 200
    assert NOTE not in response.text
