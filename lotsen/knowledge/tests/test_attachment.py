import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from lotsen.knowledge.models import Resource
from lotsen.knowledge.tests.factories import ResourceFactory
from lotsen.knowledge.validators import MAX_ATTACHMENT_BYTES

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def form_data(coordinator_org, **overrides):
    return {
        "kind": "template",
        "title": "Mall för överenskommelse",
        "summary": "En mall.",
        "body": "",
        "audience": "everyone",
        "author_organisation": coordinator_org.pk,
        **overrides,
    }


@pytest.fixture
def editor(client, coordinator):
    client.force_login(coordinator)
    return coordinator


def test_a_pdf_is_attached_and_served_to_visitors_when_published(client, editor):
    organisation = editor.memberships.get().organisation
    upload = SimpleUploadedFile("mall.pdf", PDF, content_type="application/pdf")
    response = client.post("/kunskap/ny/", {**form_data(organisation), "attachment": upload})
    assert response.status_code == 302
    resource = Resource.objects.get(title="Mall för överenskommelse")
    assert re.fullmatch(r"knowledge/[0-9a-f]{32}/[0-9a-f]{32}\.pdf", resource.attachment.name)
    client.post(f"/kunskap/{resource.slug}/publicera/")
    client.logout()
    page = client.get(resource.get_absolute_url()).text
    assert "Ladda ned Mall för överenskommelse som pdf" in page
    assert f'href="/kunskap/{resource.slug}/bilaga.pdf"' in page
    download = client.get(f"/kunskap/{resource.slug}/bilaga.pdf")
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["X-Content-Type-Options"] == "nosniff"
    assert b"".join(download.streaming_content) == PDF
    assert client.get(f"/media/{resource.attachment.name}").status_code == 404


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.pdf", b"MZ\x90\x00 this is an executable", "Filen är inte en pdf."),
        ("bild.pdf", b"\x89PNG\r\n\x1a\n", "Filen är inte en pdf."),
        ("text.txt", PDF, "Filändelsen"),
        ("stor.pdf", PDF + b"0" * MAX_ATTACHMENT_BYTES, "en bilaga får vara högst 10,0\xa0MB"),
    ],
)
def test_a_file_that_is_not_an_acceptable_pdf_is_refused_and_nothing_saved(
    client, editor, name, content, message
):
    organisation = editor.memberships.get().organisation
    upload = SimpleUploadedFile(name, content)
    response = client.post("/kunskap/ny/", {**form_data(organisation), "attachment": upload})
    assert response.status_code == 200
    assert "Formuläret innehåller fel" in response.text
    assert message in response.text
    assert not Resource.objects.exists()


def test_the_attachment_of_a_draft_is_not_served_to_a_visitor(client, db, settings):
    resource = ResourceFactory(draft=True)
    resource.attachment = SimpleUploadedFile("utkast.pdf", PDF)
    resource.save()
    assert client.get(f"/kunskap/{resource.slug}/bilaga.pdf").status_code == 404


def test_a_resource_without_attachment_has_no_download(client, db):
    resource = ResourceFactory()
    assert client.get(f"/kunskap/{resource.slug}/bilaga.pdf").status_code == 404


def test_an_editor_removes_the_attachment(client, editor):
    resource = ResourceFactory(author_organisation=editor.memberships.get().organisation)
    resource.attachment = SimpleUploadedFile("gammal.pdf", PDF)
    resource.save()
    data = form_data(resource.author_organisation, title=resource.title, remove_attachment="on")
    response = client.post(f"/kunskap/{resource.slug}/andra/", data)
    assert response.status_code == 302
    resource.refresh_from_db()
    assert not resource.attachment


def test_an_attachment_whose_file_is_gone_answers_404_and_the_page_still_shows(client, db):
    resource = ResourceFactory()
    resource.attachment = SimpleUploadedFile("borta.pdf", PDF)
    resource.save()
    resource.attachment.storage.delete(resource.attachment.name)
    assert client.get(resource.get_absolute_url()).status_code == 200
    assert client.get(f"/kunskap/{resource.slug}/bilaga.pdf").status_code == 404
