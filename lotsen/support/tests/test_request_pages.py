"""The request pages: thread, internal notes, attachments, triage, closing, audit."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from lotsen.audit.models import AuditEvent
from lotsen.support.forms import MAX_ATTACHMENT_BYTES
from lotsen.support.models import Message, SupportRequest
from lotsen.support.tasks import requester_token

from .factories import OfferFactory, SupportRequestFactory


def test_opening_a_request_writes_an_audit_event(client, provider, assigned_request):
    client.force_login(provider)
    client.get(f"/stod/arenden/{assigned_request.pk}/")
    event = AuditEvent.objects.get(action="view", object_id=str(assigned_request.pk))
    assert event.actor == provider
    assert event.object_label == assigned_request.reference


def test_internal_notes_are_hidden_from_the_requester(
    client, provider, enterprise_user, assigned_request
):
    client.force_login(provider)
    client.post(
        f"/stod/arenden/{assigned_request.pk}/meddelande/",
        {"body": "Kunden verkar stressad.", "is_internal": "on"},
    )
    client.post(f"/stod/arenden/{assigned_request.pk}/meddelande/", {"body": "Vi ses på tisdag."})
    client.force_login(enterprise_user)
    page = client.get(f"/stod/arenden/{assigned_request.pk}/").text
    assert "Vi ses på tisdag." in page
    assert "Kunden verkar stressad." not in page
    assert 'name="is_internal"' not in page


def test_a_requester_cannot_write_an_internal_note(client, enterprise_user, assigned_request):
    client.force_login(enterprise_user)
    client.post(
        f"/stod/arenden/{assigned_request.pk}/meddelande/", {"body": "Hej", "is_internal": "on"}
    )
    assert not Message.objects.get().is_internal


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.exe", b"MZ\x90\x00", "Filer av den här typen kan inte bifogas"),
        ("plan.pdf", b"MZ\x90\x00 not a pdf", "Filens innehåll stämmer inte med dess namn"),
        ("bild.png", b"%PDF-1.4", "Filens innehåll stämmer inte med dess namn"),
        ("stor.pdf", b"%PDF-" + b"0" * MAX_ATTACHMENT_BYTES, "högst 10,0"),
    ],
)
def test_a_bad_attachment_is_refused_and_nothing_is_saved(
    client, provider, assigned_request, name, content, message
):
    client.force_login(provider)
    response = client.post(
        f"/stod/arenden/{assigned_request.pk}/meddelande/",
        {"body": "Se bilagan", "attachment": SimpleUploadedFile(name, content)},
        follow=True,
    )
    assert message in response.text
    assert not Message.objects.exists()


def test_a_valid_attachment_is_kept_and_downloaded_by_the_requester(
    client, provider, enterprise_user, assigned_request
):
    client.force_login(provider)
    client.post(
        f"/stod/arenden/{assigned_request.pk}/meddelande/",
        {"body": "Mallen", "attachment": SimpleUploadedFile("mall.pdf", b"%PDF-1.7 mall")},
    )
    message = Message.objects.get()
    assert message.attachment_name == "mall.pdf"
    client.force_login(enterprise_user)
    response = client.get(f"/stod/arenden/{assigned_request.pk}/bilagor/{message.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.7 mall"


def test_an_internal_attachment_is_hidden_from_the_requester(
    client, provider, enterprise_user, assigned_request
):
    client.force_login(provider)
    client.post(
        f"/stod/arenden/{assigned_request.pk}/meddelande/",
        {
            "body": "Internt",
            "is_internal": "on",
            "attachment": SimpleUploadedFile("intern.txt", b"anteckning"),
        },
    )
    message = Message.objects.get()
    client.force_login(enterprise_user)
    assert (
        client.get(f"/stod/arenden/{assigned_request.pk}/bilagor/{message.pk}/").status_code == 404
    )


@pytest.mark.parametrize("body", ["", "   ", "x" * 5001])
def test_an_empty_or_too_long_message_is_refused(client, provider, assigned_request, body):
    client.force_login(provider)
    response = client.post(
        f"/stod/arenden/{assigned_request.pk}/meddelande/", {"body": body}, follow=True
    )
    assert "alert-error" in response.text
    assert not Message.objects.exists()


def test_the_coordinator_triages_through_the_page(client, coordinator, provider_organisation):
    offer = OfferFactory(provider=provider_organisation)
    support_request = SupportRequestFactory()
    client.force_login(coordinator)
    url = f"/stod/arenden/{support_request.pk}/triagera/"
    response = client.post(url, {"outcome": "assigned"})
    assert "Välj en stödaktör eller ett erbjudande." in response.text
    support_request.refresh_from_db()
    assert support_request.status == "new"
    response = client.post(url, {"outcome": "assigned", "offer": offer.pk, "area": "procurement"})
    assert response.status_code == 302
    support_request.refresh_from_db()
    assert (support_request.status, support_request.assigned_provider) == (
        "triaged",
        provider_organisation,
    )
    response = client.post(url, {"outcome": "answered", "answer": "x"}, follow=True)
    assert "Ärendet har redan fördelats." in response.text


def test_triage_points_to_the_conversion_instead_of_offering_a_referral(client, coordinator):
    support_request = SupportRequestFactory()
    client.force_login(coordinator)
    url = f"/stod/arenden/{support_request.pk}/triagera/"
    page = client.get(url).text
    assert f"/lotsning/fran-stodarende/{support_request.pk}/" in page
    response = client.post(url, {"outcome": "referral", "note": "Vill arbetsträna."})
    assert response.status_code == 200
    assert "Välj ett giltigt alternativ" in response.text
    support_request.refresh_from_db()
    assert (support_request.status, support_request.outcome) == ("new", "")


def test_the_provider_resolves_and_the_enterprise_rates_and_closes(
    client, provider, enterprise_user, assigned_request
):
    client.force_login(provider)
    client.post(f"/stod/arenden/{assigned_request.pk}/status/", {"status": "resolved"})
    client.force_login(enterprise_user)
    url = f"/stod/arenden/{assigned_request.pk}/avsluta/"
    response = client.post(url, {"comment": "Tack"}, follow=True)
    assert "Detta fält måste fyllas i." in response.text
    client.post(url, {"rating": "5", "comment": "Tack"})
    assigned_request.refresh_from_db()
    assert (assigned_request.status, assigned_request.rating) == ("closed", 5)


def test_closing_an_unresolved_request_from_the_page_is_refused(
    client, enterprise_user, assigned_request
):
    client.force_login(enterprise_user)
    response = client.post(
        f"/stod/arenden/{assigned_request.pk}/avsluta/", {"rating": "5"}, follow=True
    )
    assert "Bara ett löst ärende kan avslutas." in response.text
    assigned_request.refresh_from_db()
    assert assigned_request.status == "triaged"


def test_the_requester_can_reopen_a_resolved_request(client, enterprise_user, assigned_request):
    SupportRequest.objects.filter(pk=assigned_request.pk).update(status="resolved")
    client.force_login(enterprise_user)
    client.post(f"/stod/arenden/{assigned_request.pk}/status/", {"status": "in_progress"})
    assigned_request.refresh_from_db()
    assert assigned_request.status == "in_progress"


def test_a_public_requester_follows_and_rates_through_the_signed_link(client, db):
    support_request = SupportRequestFactory(status="resolved", description="Min fråga om anbud")
    url = f"/kontakt/arende/{requester_token(support_request.pk)}/"
    page = client.get(url)
    assert "Min fråga om anbud" in page.text
    assert AuditEvent.objects.filter(action="view", object_id=str(support_request.pk)).exists()
    client.post(url, {"action": "close", "rating": "4"})
    support_request.refresh_from_db()
    assert (support_request.status, support_request.rating) == ("closed", 4)


def test_a_forged_link_finds_nothing(client, db):
    support_request = SupportRequestFactory()
    assert client.get(f"/kontakt/arende/{support_request.pk}/").status_code == 404
    assert client.get("/kontakt/arende/abc:def/").status_code == 404


def test_the_request_list_needs_the_same_queries_for_more_requests(
    client, coordinator, enterprise, assert_constant_queries
):
    offer = OfferFactory()
    client.force_login(coordinator)

    def add(n):
        SupportRequestFactory.create_batch(
            n, requester_organisation=enterprise, offer=offer, assigned_provider=offer.provider
        )

    assert_constant_queries("/stod/arenden/", add)


def test_the_request_page_needs_the_same_queries_for_a_longer_thread(
    client, provider, assigned_request, assert_constant_queries
):
    client.force_login(provider)

    def add(n):
        for _ in range(n):
            Message.objects.create(request=assigned_request, author=provider, body="Hej")

    assert_constant_queries(f"/stod/arenden/{assigned_request.pk}/", add)


def test_triage_ties_a_public_request_to_a_registered_enterprise(
    client, coordinator, enterprise, provider_organisation
):
    offer = OfferFactory(provider=provider_organisation)
    support_request = SupportRequestFactory()
    client.force_login(coordinator)
    url = f"/stod/arenden/{support_request.pk}/triagera/"
    assert 'name="requester_organisation"' in client.get(url).text
    client.post(
        url,
        {
            "outcome": "assigned",
            "offer": offer.pk,
            "area": "procurement",
            "requester_organisation": enterprise.pk,
        },
    )
    support_request.refresh_from_db()
    assert support_request.requester_organisation == enterprise


def test_triage_does_not_offer_to_change_a_known_organisation(
    client, coordinator, enterprise_user, enterprise
):
    support_request = SupportRequestFactory(
        requester=enterprise_user, requester_organisation=enterprise
    )
    client.force_login(coordinator)
    page = client.get(f"/stod/arenden/{support_request.pk}/triagera/").text
    assert 'name="requester_organisation"' not in page
