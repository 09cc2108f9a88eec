from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from lotsen.core.workflow import TransitionRefused
from lotsen.events import services
from lotsen.events.models import Registration, RegistrationRefused
from lotsen.events.tests.factories import EventFactory, RegistrationFactory


def register(event, email, **fields):
    return services.registration_create(
        event=event, name=fields.pop("name", "Anna Lindberg"), email=email, **fields
    )


def test_a_visitor_gets_a_place_and_a_confirmation_with_the_calendar_file(db):
    event = EventFactory(title="Handledarutbildning i Boden", capacity=2)
    registration = register(event, "Anna@Example.test")
    assert registration.status == Registration.Status.CONFIRMED
    assert registration.email == "anna@example.test"
    (message,) = mail.outbox
    assert message.to == ["anna@example.test"]
    assert message.subject == "Din plats på Handledarutbildning i Boden"
    assert registration.cancel_url() in message.body
    filename, content, mimetype = message.attachments[0]
    assert (filename, mimetype) == ("evenemang.ics", "text/calendar")
    assert "SUMMARY:Handledarutbildning i Boden" in content


def test_when_the_places_are_taken_the_next_person_waits_in_line(db):
    event = EventFactory(capacity=1)
    register(event, "forst@example.test")
    waiting = register(event, "sedan@example.test")
    assert waiting.status == Registration.Status.WAITING
    assert "väntelistan" in mail.outbox[-1].subject
    assert not mail.outbox[-1].attachments


def test_a_full_event_without_waiting_list_refuses_and_changes_nothing(db):
    event = EventFactory(capacity=1, has_waiting_list=False)
    register(event, "forst@example.test")
    with pytest.raises(RegistrationRefused) as refusal:
        register(event, "sedan@example.test")
    assert refusal.value.code == "full"
    assert str(refusal.value.message) == "Evenemanget är fullt och har ingen väntelista."
    assert event.registrations.count() == 1


def test_registration_after_closing_is_refused(db):
    event = EventFactory(registration_closes_at=timezone.now() - timedelta(minutes=1))
    with pytest.raises(RegistrationRefused) as refusal:
        register(event, "sen@example.test")
    assert refusal.value.code == "closed"
    assert not event.registrations.exists()
    assert mail.outbox == []


def test_registration_closes_when_the_event_starts_if_no_time_is_set(db):
    event = EventFactory(starts_at=timezone.now() - timedelta(minutes=5))
    with pytest.raises(RegistrationRefused, match="stängt"):
        register(event, "sen@example.test")


def test_registration_before_opening_is_refused(db):
    event = EventFactory(registration_opens_at=timezone.now() + timedelta(days=1))
    with pytest.raises(RegistrationRefused) as refusal:
        register(event, "tidig@example.test")
    assert refusal.value.code == "not_open"


def test_the_same_e_mail_cannot_register_twice_whatever_its_case(db):
    event = EventFactory()
    register(event, "anna@example.test")
    with pytest.raises(RegistrationRefused) as refusal:
        register(event, "ANNA@example.test")
    assert refusal.value.code == "duplicate"
    assert event.registrations.count() == 1


def test_after_cancelling_one_may_register_again(db):
    event = EventFactory()
    registration = register(event, "anna@example.test")
    services.registration_cancel(registration=registration)
    assert register(event, "anna@example.test").status == Registration.Status.CONFIRMED


def test_cancelling_gives_the_place_to_the_first_in_line_and_tells_them(db):
    event = EventFactory(capacity=1, title="Nätverksträff")
    holder = register(event, "holder@example.test")
    first = register(event, "first@example.test")
    second = register(event, "second@example.test")
    mail.outbox.clear()

    services.registration_cancel(registration=holder)

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == Registration.Status.CONFIRMED
    assert second.status == Registration.Status.WAITING
    assert event.places_taken() == 1
    subjects = {message.to[0]: message.subject for message in mail.outbox}
    assert subjects == {
        "holder@example.test": "Avbokad: Nätverksträff",
        "first@example.test": "Du har fått en plats på Nätverksträff",
    }


def test_cancelling_from_the_waiting_list_promotes_nobody(db):
    event = EventFactory(capacity=1)
    register(event, "holder@example.test")
    waiting = register(event, "first@example.test")
    later = register(event, "second@example.test")
    services.registration_cancel(registration=waiting)
    later.refresh_from_db()
    assert later.status == Registration.Status.WAITING
    assert event.places_taken() == 1


def test_a_cancelled_registration_cannot_be_cancelled_again(db):
    registration = register(EventFactory(), "anna@example.test")
    services.registration_cancel(registration=registration)
    with pytest.raises(TransitionRefused) as refusal:
        services.registration_cancel(registration=registration)
    assert refusal.value.code == "transition"


def test_each_step_of_a_registration_is_in_its_history(db):
    event = EventFactory(capacity=1)
    holder = register(event, "holder@example.test")
    waiting = register(event, "first@example.test")
    services.registration_cancel(registration=holder, actor=holder.user)
    assert [
        (change.from_status, change.to_status, change.reason)
        for change in holder.status_changes.all()
    ] == [("confirmed", "cancelled", "")]
    assert [
        (change.from_status, change.to_status, change.reason)
        for change in waiting.status_changes.all()
    ] == [("waiting", "confirmed", "waiting list")]


def test_a_registration_cannot_be_cancelled_once_the_event_has_started(db):
    event = EventFactory()
    registration = RegistrationFactory(event=event)
    later = timezone.now() + timedelta(days=15)
    with pytest.raises(RegistrationRefused) as refusal:
        services.registration_cancel(registration=registration, now=later)
    assert refusal.value.code == "started"
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED


def test_more_places_admit_those_waiting_in_order(db):
    event = EventFactory(capacity=1)
    register(event, "holder@example.test")
    waiting = [register(event, f"w{n}@example.test") for n in range(3)]
    event.capacity = 3
    services.event_save(event=event, organisers=event.organisers.all())
    statuses = [Registration.objects.get(pk=r.pk).status for r in waiting]
    assert statuses == ["confirmed", "confirmed", "waiting"]


def test_capacity_is_never_exceeded(db):
    event = EventFactory(capacity=3)
    for n in range(8):
        register(event, f"person{n}@example.test")
    assert event.places_taken() == 3
    assert event.registrations.filter(status="waiting").count() == 5


def test_a_logged_in_user_registers_with_the_account_details(coordinator):
    event = EventFactory()
    registration = services.registration_create(
        event=event, user=coordinator, name="Fel Namn", email="fel@example.test"
    )
    assert registration.user == coordinator
    assert registration.email == coordinator.email
    assert registration.name == coordinator.get_full_name()


def test_e_mail_follows_the_language_of_the_registration(db, settings):
    from django.utils import translation

    event = EventFactory(title="Seminar")
    with translation.override("en"):
        register(event, "english@example.test")
    assert mail.outbox[0].subject == "Your place at Seminar"
