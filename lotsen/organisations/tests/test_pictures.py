"""Logos and photos: stored under random names, served only by views that check the profile."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from lotsen.accounts.models import Role
from lotsen.organisations.models import EnterprisePhoto
from lotsen.organisations.tests.factories import OrganisationFactory, SocialEnterpriseFactory

RANDOM_NAME = r"enterprises/{folder}/[0-9a-f]{{32}}/[0-9a-f]{{32}}\.png"


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "blue").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def profile_with_pictures(settings, tmp_path, db):
    settings.MEDIA_ROOT = tmp_path
    profile = SocialEnterpriseFactory(organisation=OrganisationFactory(name="Snickeriet"))
    profile.logo = SimpleUploadedFile("snickeriet logo.png", _png(), "image/png")
    profile.save()
    photo = EnterprisePhoto.objects.create(
        profile=profile,
        image=SimpleUploadedFile("verkstaden.png", _png(), "image/png"),
        alt_text="Verkstaden",
    )
    return profile, photo


def test_pictures_are_stored_under_random_names(profile_with_pictures):
    profile, photo = profile_with_pictures
    assert re.fullmatch(RANDOM_NAME.format(folder="logos"), profile.logo.name)
    assert re.fullmatch(RANDOM_NAME.format(folder="photos"), photo.image.name)


def test_pictures_of_a_public_profile_are_served_to_anyone(client, profile_with_pictures):
    _profile, photo = profile_with_pictures
    page = client.get("/foretag/snickeriet/").text
    assert 'src="/foretag/snickeriet/logotyp/"' in page
    assert f'src="/foretag/snickeriet/bilder/{photo.pk}/"' in page
    assert "/media/" not in page
    for url in ("/foretag/snickeriet/logotyp/", f"/foretag/snickeriet/bilder/{photo.pk}/"):
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "image/png"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert b"".join(response.streaming_content) == _png()


def test_the_media_address_of_a_picture_is_not_served(client, profile_with_pictures):
    profile, photo = profile_with_pictures
    assert client.get(f"/media/{profile.logo.name}").status_code == 404
    assert client.get(f"/media/{photo.image.name}").status_code == 404


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 404),
        ("outsider", 404),
        (Role.CASEWORKER, 404),
        (Role.PROVIDER, 404),
        (Role.STEERING, 404),
        (Role.ENTERPRISE, 404),  # another enterprise's user
        (Role.COORDINATOR, 200),
        (Role.ADMIN, 200),
        ("own enterprise", 200),
    ],
)
def test_pictures_of_a_hidden_profile_are_served_only_to_those_who_see_it(
    client, all_personas, make_persona, profile_with_pictures, who, status
):
    profile, photo = profile_with_pictures
    profile.is_public = False
    profile.save(update_fields=["is_public"])
    if who == "own enterprise":
        client.force_login(make_persona(Role.ENTERPRISE, organisation=profile.organisation))
    elif who != "anonymous":
        client.force_login(all_personas[who])
    assert client.get("/foretag/snickeriet/logotyp/").status_code == status
    assert client.get(f"/foretag/snickeriet/bilder/{photo.pk}/").status_code == status


def test_a_photo_is_served_only_under_its_own_profile(client, profile_with_pictures):
    _profile, photo = profile_with_pictures
    SocialEnterpriseFactory(organisation=OrganisationFactory(name="Bageriet"))
    assert client.get(f"/foretag/bageriet/bilder/{photo.pk}/").status_code == 404
    assert client.get("/foretag/bageriet/logotyp/").status_code == 404


def test_the_edit_form_shows_the_pictures_through_the_views(
    client, make_persona, profile_with_pictures
):
    profile, photo = profile_with_pictures
    client.force_login(make_persona(Role.ENTERPRISE, organisation=profile.organisation))
    page = client.get("/foretag/snickeriet/andra/").text
    assert 'href="/foretag/snickeriet/logotyp/"' in page
    assert f'src="/foretag/snickeriet/bilder/{photo.pk}/"' in page
    assert "/media/" not in page


def test_the_admin_shows_no_media_address(client, admin_user, profile_with_pictures):
    profile, _photo = profile_with_pictures
    admin_user.is_staff = admin_user.is_superuser = True
    admin_user.save()
    client.force_login(admin_user)
    response = client.get(f"/admin/organisations/socialenterprise/{profile.pk}/change/")
    assert response.status_code == 200
    assert profile.logo.name.rsplit("/", 1)[-1] in response.text
    assert "/media/" not in response.text
