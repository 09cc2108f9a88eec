"""Triage converts a request into an event registration through the events app."""

from datetime import timedelta

import pytest
from django.utils import timezone

from lotsen.events.models import Registration
from lotsen.events.tests.factories import EventFactory, RegistrationFactory
from lotsen.support import services
from lotsen.support.models import SupportError
from lotsen.support.tasks import requester_token

from .factories import SupportRequestFactory

pytestmark = pytest.mark.django_db


def _triage(support_request, coordinator, event):
    return services.support_request_triage(
        support_request=support_request, actor=coordinator, outcome="event", event=event
    )


def test_the_requester_gets_a_place_and_the_confirmation_mail(coordinator, mailoutbox):
    event = EventFactory(capacity=2)
    support_request = SupportRequestFactory(contact_organisation="Café Kvarnen")
    _triage(support_request, coordinator, event)
    support_request.refresh_from_db()
    registration = support_request.event_registration
    assert (registration.event, registration.status) == (event, Registration.Status.CONFIRMED)
    assert (registration.name, registration.email) == ("Kim Kontakt", "kim@example.test")
    assert registration.organisation_name == "Café Kvarnen"
    assert (support_request.status, support_request.outcome) == ("resolved", "event")
    assert [mail.to for mail in mailoutbox] == [["kim@example.test"]]


def test_the_request_mail_points_to_the_separate_confirmation(
    coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    support_request = SupportRequestFactory()
    with django_capture_on_commit_callbacks(execute=True):
        _triage(support_request, coordinator, EventFactory())
    bodies = [mail.body for mail in mailoutbox if support_request.reference in mail.subject]
    assert len(bodies) == 1
    assert "anmäld till ett evenemang" in bodies[0]


def test_a_signed_in_requester_is_registered_as_themselves(coordinator, enterprise_user):
    event = EventFactory()
    support_request = SupportRequestFactory(
        requester=enterprise_user, contact_name="", contact_email="", channel="signed_in"
    )
    _triage(support_request, coordinator, event)
    registration = Registration.objects.get()
    assert (registration.user, registration.email) == (enterprise_user, enterprise_user.email)


def test_a_full_event_puts_the_requester_on_the_waiting_list(coordinator):
    event = EventFactory(capacity=1, has_waiting_list=True)
    RegistrationFactory(event=event)
    support_request = SupportRequestFactory()
    _triage(support_request, coordinator, event)
    support_request.refresh_from_db()
    assert support_request.event_registration.status == Registration.Status.WAITING


@pytest.mark.parametrize(
    ("event_kwargs", "code", "message"),
    [
        ({"capacity": 1, "has_waiting_list": False}, "event_full", "ingen väntelista"),
        (
            {"registration_closes_at": timezone.now() - timedelta(hours=1)},
            "event_closed",
            "har stängt",
        ),
    ],
)
def test_a_refusal_by_the_event_changes_nothing(
    coordinator, mailoutbox, event_kwargs, code, message
):
    event = EventFactory(**event_kwargs)
    if event.capacity == 1:
        RegistrationFactory(event=event)
    support_request = SupportRequestFactory()
    with pytest.raises(SupportError) as raised:
        _triage(support_request, coordinator, event)
    assert raised.value.code == code and message in raised.value.messages[0]
    support_request.refresh_from_db()
    assert (support_request.status, support_request.outcome) == ("new", "")
    assert support_request.event_registration is None
    assert event.registrations.filter(email="kim@example.test").count() == 0
    assert support_request.status_changes.count() == 0
    assert mailoutbox == []


def test_a_duplicate_registration_is_refused(coordinator):
    event = EventFactory()
    RegistrationFactory(event=event, email="kim@example.test")
    support_request = SupportRequestFactory()
    with pytest.raises(SupportError) as raised:
        _triage(support_request, coordinator, event)
    assert raised.value.code == "event_duplicate"


def test_a_requester_without_e_mail_cannot_be_registered(coordinator):
    support_request = SupportRequestFactory(contact_email="")
    with pytest.raises(SupportError) as raised:
        _triage(support_request, coordinator, EventFactory())
    assert raised.value.code == "no_email"
    assert not Registration.objects.exists()


def test_no_event_chosen_is_refused(coordinator):
    with pytest.raises(SupportError) as raised:
        _triage(SupportRequestFactory(), coordinator, None)
    assert raised.value.code == "no_event"


def test_the_triage_page_registers_and_shows_the_link(client, coordinator):
    event = EventFactory(title="Handledarutbildning i Boden")
    support_request = SupportRequestFactory()
    client.force_login(coordinator)
    url = f"/stod/arenden/{support_request.pk}/triagera/"
    response = client.get(url)
    assert "Handledarutbildning i Boden" in response.text
    response = client.post(url, {"outcome": "event"})
    assert "Välj evenemanget som den frågande ska anmälas till." in response.text
    response = client.post(
        url, {"outcome": "event", "event": event.pk, "area": "procurement"}, follow=True
    )
    assert "Anmäld till ett evenemang" in response.text
    assert event.get_absolute_url() in response.text
    assert Registration.objects.get().email == "kim@example.test"
    client.logout()
    response = client.get(f"/kontakt/arende/{requester_token(support_request.pk)}/")
    assert "Handledarutbildning i Boden" in response.text and "(bekräftad)" in response.text


def test_the_triage_page_shows_the_refusal_and_changes_nothing(client, coordinator):
    event = EventFactory(capacity=1, has_waiting_list=False)
    RegistrationFactory(event=event)
    support_request = SupportRequestFactory()
    client.force_login(coordinator)
    url = f"/stod/arenden/{support_request.pk}/triagera/"
    response = client.post(url, {"outcome": "event", "event": event.pk, "area": "procurement"})
    assert response.status_code == 200
    assert "Evenemanget är fullt och har ingen väntelista." in response.text
    support_request.refresh_from_db()
    assert support_request.status == "new"


def test_past_events_and_members_only_events_cannot_be_chosen(client, coordinator, provider):
    past = EventFactory(starts_at=timezone.now() - timedelta(days=2))
    support_request = SupportRequestFactory()
    client.force_login(coordinator)
    url = f"/stod/arenden/{support_request.pk}/triagera/"
    response = client.post(url, {"outcome": "event", "event": past.pk})
    assert "Okänt evenemang." in response.text
    client.force_login(provider)
    assert client.get(url).status_code in (403, 404)
