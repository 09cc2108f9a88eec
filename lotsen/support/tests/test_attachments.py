"""Attachments: random stored names, and an internal note's file only for those who see it."""

import importlib
import re

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import Resolver404, resolve

import lotsen.urls
from lotsen.accounts.models import Role
from lotsen.core.uploads import rename_to_random_names
from lotsen.organisations.tests.factories import OrganisationFactory
from lotsen.support.models import Message

from .factories import SupportRequestFactory

CONTENT = b"Intern anteckning om foretaget."


@pytest.fixture
def internal_attachment(client, settings, tmp_path, provider, assigned_request):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(provider)
    client.post(
        f"/stod/arenden/{assigned_request.pk}/meddelande/",
        {
            "body": "Internt",
            "is_internal": "on",
            "attachment": SimpleUploadedFile("bedomning <maj>.txt", CONTENT),
        },
    )
    client.logout()
    message = Message.objects.get()
    assert message.is_internal
    return message


def _url(message: Message) -> str:
    return f"/stod/arenden/{message.request_id}/bilagor/{message.pk}/"


def test_the_file_is_stored_under_a_random_name_and_keeps_its_own_for_display(
    internal_attachment,
):
    assert re.fullmatch(
        r"support/[0-9a-f]{32}/[0-9a-f]{32}\.txt", internal_attachment.attachment.name
    )
    assert internal_attachment.attachment_name == "bedomning <maj>.txt"


@pytest.mark.parametrize("who", ["coordinator", "provider"])
def test_those_who_see_internal_notes_get_the_file(client, all_personas, internal_attachment, who):
    client.force_login(all_personas[who])
    response = client.get(_url(internal_attachment))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == CONTENT
    assert response["Content-Disposition"].startswith("attachment;")
    assert "bedomning" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "/media/" not in client.get(f"/stod/arenden/{internal_attachment.request_id}/").text


@pytest.mark.parametrize(
    "who",
    [
        "enterprise",  # the requester: internal notes never reach them
        "caseworker",
        "steering",
        "admin",
        "outsider",
        "another provider",
        "a colleague of the requester",
    ],
)
def test_everyone_else_is_refused_the_file(
    client, all_personas, make_persona, internal_attachment, who
):
    if who == "another provider":
        user = make_persona(Role.PROVIDER, organisation=OrganisationFactory())
    elif who == "a colleague of the requester":
        organisation = internal_attachment.request.requester_organisation
        user = make_persona(Role.ENTERPRISE, organisation=organisation)
    else:
        user = all_personas[who]
    client.force_login(user)
    assert client.get(_url(internal_attachment)).status_code == 404


def test_an_anonymous_visitor_is_sent_to_log_in(client, internal_attachment):
    response = client.get(_url(internal_attachment))
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/")


@pytest.mark.parametrize("who", ["anonymous", "coordinator"])
def test_the_media_address_is_not_served(client, all_personas, internal_attachment, who):
    assert internal_attachment.attachment.storage.exists(internal_attachment.attachment.name)
    if who != "anonymous":
        client.force_login(all_personas[who])
    assert client.get(f"/media/{internal_attachment.attachment.name}").status_code == 404


def test_no_address_serves_media_even_in_debug_mode(settings):
    # Django's static() helper added /media/ only with DEBUG on: load the URLconf so.
    settings.DEBUG = True
    urls = importlib.reload(lotsen.urls)
    try:
        with pytest.raises(Resolver404):
            resolve("/media/support/0123/4567.txt", urlconf=urls)
    finally:
        settings.DEBUG = False
        importlib.reload(lotsen.urls)


def test_with_nginx_the_view_hands_the_sending_over(
    client, settings, coordinator, internal_attachment
):
    settings.PROTECTED_MEDIA_ACCEL_PREFIX = "/protected-media/"
    client.force_login(coordinator)
    response = client.get(_url(internal_attachment))
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == (
        f"/protected-media/{internal_attachment.attachment.name}"
    )
    assert response.content == b""
    assert response["X-Content-Type-Options"] == "nosniff"


def test_files_stored_under_guessable_names_are_moved_to_random_ones(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    old_name = "support/12/20240101120000-plan.pdf"
    default_storage.save(old_name, ContentFile(b"%PDF-1.4 plan"))
    message = Message.objects.create(
        request=SupportRequestFactory(), body="Se bilagan.", attachment=old_name
    )
    rename = rename_to_random_names("support", "Message", "attachment", "support")

    rename(apps, None)
    message.refresh_from_db()
    new_name = message.attachment.name
    assert re.fullmatch(r"support/[0-9a-f]{32}/[0-9a-f]{32}\.pdf", new_name)
    assert message.attachment.read() == b"%PDF-1.4 plan"
    assert not default_storage.exists(old_name)

    rename(apps, None)  # safe to run again: random names stay as they are
    message.refresh_from_db()
    assert message.attachment.name == new_name
