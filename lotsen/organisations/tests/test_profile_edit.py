import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from lotsen.accounts.models import Role
from lotsen.organisations.models import ProfileChange, SocialEnterprise, VerificationStatus
from lotsen.organisations.tests.factories import OrganisationFactory, SocialEnterpriseFactory


def _form_data(profile, **changes) -> dict:
    data = {
        "description": profile.description,
        "offer": "",
        "service_names": "snickeri, möbler",
        "sni_codes": "43.320",
        "legal_form": profile.legal_form,
        "purpose_work_integration": "on",
        "staff_participation": "on",
        "profits_reinvested": "on",
        "independent_of_public_sector": "on",
        "founded_year": "2011",
        "staff_count": str(profile.staff_count),
        "staff_from_target_group": str(profile.staff_from_target_group),
        "municipalities_served": ["2581"],
        "trainee_capacity": "2",
        "takes_trainees": "on",
        "target_groups": ["disability"],
        "languages": "svenska",
        "premises_accessibility": "",
        "is_public": "on",
        "photos-TOTAL_FORMS": "0",
        "photos-INITIAL_FORMS": "0",
        "photos-MIN_NUM_FORMS": "0",
        "photos-MAX_NUM_FORMS": "6",
    }
    data.update(changes)
    return data


@pytest.fixture
def own_profile(make_persona):
    profile = SocialEnterpriseFactory(
        organisation=OrganisationFactory(name="Snickeriet"),
        verification_status=VerificationStatus.VERIFIED,
    )
    user = make_persona(Role.ENTERPRISE, organisation=profile.organisation, email="frida@x.test")
    return profile, user


def _png(size=(20, 20)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "red").save(buffer, "PNG")
    return buffer.getvalue()


def test_an_enterprise_user_reaches_their_profile_from_the_menu(client, own_profile):
    _profile, user = own_profile
    client.force_login(user)
    response = client.get("/foretag/min-profil/")
    assert response["Location"] == "/foretag/snickeriet/andra/"
    assert client.get("/foretag/snickeriet/andra/").status_code == 200


def test_a_description_change_is_recorded_and_stays_verified(client, own_profile):
    profile, user = own_profile
    client.force_login(user)
    response = client.post(
        "/foretag/snickeriet/andra/", _form_data(profile, description="Nya möbler varje vecka.")
    )
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.description == "Nya möbler varje vecka."
    assert profile.verification_status == VerificationStatus.VERIFIED
    change = ProfileChange.objects.get(field="description")
    assert change.changed_by == user and change.new_value == "Nya möbler varje vecka."
    assert [industry.code for industry in profile.industries.all()] == ["43320"]


def test_an_eligibility_change_goes_to_the_coordinator(client, own_profile):
    profile, user = own_profile
    client.force_login(user)
    client.post("/foretag/snickeriet/andra/", _form_data(profile, staff_from_target_group="6"))
    profile.refresh_from_db()
    assert profile.verification_status == VerificationStatus.PENDING
    fields = set(ProfileChange.objects.values_list("field", flat=True))
    assert {"staff_from_target_group", "verification_status"} <= fields


def test_the_coordinator_verifies_or_asks_for_information(client, coordinator, own_profile):
    profile, user = own_profile
    profile.verification_status = VerificationStatus.PENDING
    profile.save()
    client.force_login(coordinator)
    response = client.post(
        "/foretag/snickeriet/verifiera/", {"status": "needs_information", "note": ""}
    )
    assert "Skriv vilka uppgifter som behövs." in response.text
    client.post(
        "/foretag/snickeriet/verifiera/",
        {"status": "needs_information", "note": "Skicka stadgarna."},
    )
    profile.refresh_from_db()
    assert profile.verification_status == VerificationStatus.NEEDS_INFORMATION
    client.force_login(user)
    assert "Skicka stadgarna." in client.get("/foretag/snickeriet/andra/").text
    client.force_login(coordinator)
    client.post("/foretag/snickeriet/verifiera/", {"status": "verified", "note": ""})
    profile.refresh_from_db()
    assert profile.verification_status == VerificationStatus.VERIFIED
    assert profile.verified_at is not None
    history = client.get("/foretag/snickeriet/historik/").text
    assert "Behöver kompletteras" in history and coordinator.get_full_name() in history


def test_verifying_a_verified_profile_is_refused_with_a_message(client, coordinator, own_profile):
    client.force_login(coordinator)
    response = client.post("/foretag/snickeriet/verifiera/", {"status": "verified"})
    assert response.status_code == 200
    assert "till ”verifierad”" in response.text


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"sni_codes": "99.999"}, "Okänd SNI 2007-kod: 99.999."),
        ({"municipalities_served": ["9999"]}, "Okänd kommun. Välj en kommun i listan."),
        ({"staff_from_target_group": "20"}, "Kan inte vara fler än antalet anställda (10)."),
        ({"founded_year": "2999"}, "Året kan inte ligga i framtiden."),
    ],
)
def test_bad_input_changes_nothing(client, own_profile, changes, message):
    profile, user = own_profile
    client.force_login(user)
    response = client.post("/foretag/snickeriet/andra/", _form_data(profile, **changes))
    assert response.status_code == 200
    assert message in response.text, re.findall(r"error-message[^>]*>([^<]*)<", response.text)
    assert not ProfileChange.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("logo.png", b"not an image at all", "Ladda upp en giltig bild"),
        ("logo.gif", None, "Bilder av typen GIF tas inte emot"),
        ("logo.png", "large", "en bild får vara högst 2,0\xa0MB"),
    ],
)
def test_a_logo_that_is_not_an_accepted_picture_is_refused(
    client, own_profile, name, content, message
):
    profile, user = own_profile
    if content == "large":
        content = _png() + b"0" * (2 * 1024 * 1024)
    if content is None:
        buffer = io.BytesIO()
        Image.new("RGB", (10, 10)).save(buffer, "GIF")
        content = buffer.getvalue()
    client.force_login(user)
    upload = SimpleUploadedFile(name, content, content_type="image/png")
    response = client.post("/foretag/snickeriet/andra/", {**_form_data(profile), "logo": upload})
    assert response.status_code == 200
    assert message in response.text, re.findall(r"error-message[^>]*>([^<]*)<", response.text)
    profile.refresh_from_db()
    assert not profile.logo


def test_a_logo_and_a_photo_are_saved(client, own_profile, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    profile, user = own_profile
    client.force_login(user)
    data = _form_data(
        profile,
        **{
            "photos-TOTAL_FORMS": "1",
            "photos-0-alt_text": "Verkstaden",
            "photos-0-image": SimpleUploadedFile("p.png", _png(), "image/png"),
            "logo": SimpleUploadedFile("logo.png", _png(), "image/png"),
        },
    )
    assert client.post("/foretag/snickeriet/andra/", data).status_code == 302
    profile.refresh_from_db()
    assert profile.logo and profile.photos.get().alt_text == "Verkstaden"
    assert 'alt="Verkstaden"' in client.get("/foretag/snickeriet/").text


@pytest.mark.parametrize("role", ["caseworker", "provider", "steering", "outsider"])
def test_others_cannot_edit_verify_or_see_history(client, all_personas, own_profile, role):
    profile, _user = own_profile
    client.force_login(all_personas[role])
    assert client.get("/foretag/snickeriet/andra/").status_code == 404
    assert client.post("/foretag/snickeriet/andra/", _form_data(profile)).status_code == 404
    assert client.post("/foretag/snickeriet/verifiera/", {"status": "verified"}).status_code == 403
    assert client.get("/foretag/snickeriet/historik/").status_code == 403
    assert client.get("/foretag/granskning/").status_code == 403


def test_an_enterprise_user_cannot_edit_another_company(client, own_profile):
    _profile, user = own_profile
    other = SocialEnterpriseFactory(organisation=OrganisationFactory(name="Grannen"))
    client.force_login(user)
    assert client.get(f"/foretag/{other.organisation.slug}/andra/").status_code == 404


def test_a_visitor_is_sent_to_log_in(client, own_profile):
    assert client.get("/foretag/snickeriet/andra/").status_code == 302


def test_the_verification_queue_and_inbox_list_pending_profiles(
    client, coordinator, assert_constant_queries
):
    SocialEnterpriseFactory(organisation=OrganisationFactory(name="Väntar"))
    client.force_login(coordinator)
    assert "Väntar" in client.get("/foretag/granskning/").text
    assert "Företagsprofiler att verifiera" in client.get("/oversikt/").text
    assert_constant_queries("/foretag/granskning/", SocialEnterpriseFactory.create_batch)


def test_a_company_without_a_profile_creates_one_hidden_on_first_save(client, make_persona):
    organisation = OrganisationFactory(name="Nystartat")
    user = make_persona(Role.ENTERPRISE, organisation=organisation, email="ny@x.test")
    client.force_login(user)
    assert client.get("/foretag/nystartat/andra/").status_code == 200
    assert not SocialEnterprise.objects.filter(organisation=organisation).exists()
    data = _form_data(SocialEnterpriseFactory.build(), is_public="")
    del data["is_public"]
    assert client.post("/foretag/nystartat/andra/", data).status_code == 302
    profile = SocialEnterprise.objects.get(organisation=organisation)
    assert not profile.is_public and profile.staff_count == 10
    assert client.get("/foretag/nystartat/").status_code == 200
    client.logout()
    assert client.get("/foretag/nystartat/").status_code == 404
