"""The one door at /kontakt/: anyone may ask; robots and bad input are turned away."""

import time

import pytest
from django.core import mail

from lotsen.audit.models import AuditEvent
from lotsen.support.forms import MIN_FILL_SECONDS, form_token
from lotsen.support.models import SupportRequest


def public_data(**overrides):
    data = {
        "subject": "Hjälp med anbud",
        "description": "Vi vill lämna anbud på städning till kommunen men vet inte hur.",
        "area": "procurement",
        "contact_name": "Kim Kontakt",
        "contact_email": "kim@example.test",
        "contact_phone": "070-123 45 67",
        "contact_organisation": "Städkooperativet",
        "website": "",
        "started": form_token(time.time() - MIN_FILL_SECONDS - 5),
    }
    data.update(overrides)
    return data


def test_the_page_shows_the_form_with_a_fresh_token(client, db):
    response = client.get("/kontakt/")
    assert response.status_code == 200
    assert 'name="started"' in response.text
    assert 'class="honeypot"' in response.text


def test_a_visitor_sends_a_request_and_gets_a_receipt(
    client, db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/kontakt/", public_data(), follow=True)
    support_request = SupportRequest.objects.get()
    assert support_request.reference in response.text
    assert support_request.status == "new"
    assert support_request.channel == "public_form"
    assert support_request.contact_phone == "+46701234567"
    assert support_request.area_id == "procurement"
    assert support_request.first_response_due is not None
    assert AuditEvent.objects.filter(action="create", object_id=str(support_request.pk)).exists()
    recipients = {address for message in mail.outbox for address in message.to}
    assert {"kim@example.test", "samordnare@lotsen.test"} <= recipients
    receipt = next(message for message in mail.outbox if "kim@example.test" in message.to)
    assert "/kontakt/arende/" in receipt.body


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"description": ""}, "Detta fält måste fyllas i."),
        ({"description": "   "}, "Detta fält måste fyllas i."),
        ({"description": "x" * 5001}, "som mest 5000 tecken"),
        ({"subject": ""}, "Detta fält måste fyllas i."),
        ({"contact_email": "inte-en-adress"}, "giltig e-postadress"),
        ({"contact_phone": "12"}, "telefonnummer"),
        ({"area": "finns-inte"}, "Okänt område"),
        ({"website": "http://spam.example"}, "kunde inte skickas"),
        ({"started": "förfalskad"}, "Formuläret har gått ut"),
        ({"started": form_token(time.time() - 2 * 86400)}, "Formuläret har gått ut"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_is_stored(client, db, overrides, message):
    response = client.post("/kontakt/", public_data(**overrides))
    assert response.status_code == 200
    assert message in response.text
    assert not SupportRequest.objects.exists()
    assert not mail.outbox


def test_a_form_sent_faster_than_a_person_can_type_is_refused(client, db):
    response = client.post("/kontakt/", public_data(started=form_token()))
    assert "Det gick fort" in response.text
    assert not SupportRequest.objects.exists()


def test_a_signed_in_enterprise_asks_without_contact_fields(client, enterprise_user, enterprise):
    client.force_login(enterprise_user)
    page = client.get("/kontakt/")
    assert 'name="contact_email"' not in page.text
    response = client.post(
        "/kontakt/", {"subject": "Anbud", "description": "Hjälp oss med ett anbud.", "area": ""}
    )
    support_request = SupportRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == support_request.get_absolute_url()
    assert support_request.requester == enterprise_user
    assert support_request.requester_organisation == enterprise
    assert support_request.channel == "signed_in"


def test_an_expired_form_is_shown_again_with_a_token_that_works_next_time(client, db):
    response = client.post("/kontakt/", public_data(started="förfalskad"))
    fresh = response.context["form"]["started"].value()
    assert fresh != "förfalskad"
    response = client.post("/kontakt/", public_data(started=fresh))
    assert "Det gick fort" in response.text  # valid now; only too fast, as a person would be


def test_a_link_from_another_page_fills_in_the_area_and_the_subject(client, db):
    response = client.get("/kontakt/?omrade=procurement&amne=Lokalv%C3%A5rd+i+Gammelstad")
    form = response.context["form"]
    assert form["area"].value() == "procurement"
    assert form["subject"].value() == "Lokalvård i Gammelstad"


def test_an_unknown_area_in_the_link_is_left_for_the_person_to_choose(client, db):
    form = client.get("/kontakt/?omrade=finns-inte&amne=").context["form"]
    assert form["area"].value() is None
    assert form["subject"].value() is None
