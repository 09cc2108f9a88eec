from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from lotsen.accounts.models import Role
from lotsen.audit.models import AuditEvent
from lotsen.events.models import Event, Registration
from lotsen.events.tests.factories import EventFactory, RegistrationFactory
from lotsen.events.tests.test_time_zone import form_data
from lotsen.organisations.tests.factories import OrganisationFactory

NOT_ORGANISING = ["caseworker", "enterprise", "steering", "admin", "outsider"]


def past_event(**fields):
    start = timezone.now() - timedelta(days=3)
    return EventFactory(starts_at=start, ends_at=start + timedelta(hours=6), **fields)


@pytest.fixture
def provider_organisation(provider):
    return provider.memberships.get().organisation


def test_the_coordinator_creates_an_event(client, coordinator):
    organiser = OrganisationFactory(org_number=None)
    client.force_login(coordinator)
    response = client.post("/evenemang/nytt/", form_data(organiser))
    event = Event.objects.get()
    assert response["Location"] == event.get_absolute_url()
    assert list(event.organisers.all()) == [organiser]


def test_an_event_ending_before_it_starts_is_refused(client, coordinator):
    organiser = OrganisationFactory(org_number=None)
    client.force_login(coordinator)
    response = client.post(
        "/evenemang/nytt/",
        form_data(organiser, starts_at="2027-05-10T13:00", ends_at="2027-05-10T09:00"),
    )
    assert response.status_code == 200
    assert "Evenemanget måste sluta efter att det börjar." in response.text
    assert not Event.objects.exists()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"place": "", "online_url": ""}, "Ange en plats, en länk för digitalt deltagande"),
        (
            {"kind": "steering_group_meeting", "visibility": "public"},
            "Styrgruppsmöten är endast för medlemmar.",
        ),
        ({"registration_closes_at": "2027-04-01T10:00"}, "Anmälan kan inte stänga efter"),
        ({"organisers": []}, "Välj minst en arrangör."),
        ({"capacity": "-3"}, "Kontrollera att detta värde är större än eller lika med 0."),
    ],
)
def test_bad_event_input_is_refused_with_a_message(client, coordinator, fields, message):
    organiser = OrganisationFactory(org_number=None)
    client.force_login(coordinator)
    response = client.post("/evenemang/nytt/", {**form_data(organiser), **fields})
    assert response.status_code == 200
    assert message in response.text
    assert not Event.objects.exists()


def test_a_provider_organises_events_of_their_own_organisation_only(
    client, provider, provider_organisation
):
    other = OrganisationFactory(org_number=None)
    client.force_login(provider)
    response = client.post("/evenemang/nytt/", form_data(other, title="Inte vår"))
    assert "Ange din egen organisation bland arrangörerna." in response.text
    client.post("/evenemang/nytt/", form_data(provider_organisation, title="Vår"))
    ours = Event.objects.get(title="Vår")
    theirs = EventFactory(organisers=[other])
    assert client.get(f"/evenemang/{ours.slug}/andra/").status_code == 200
    assert client.get(f"/evenemang/{theirs.slug}/andra/").status_code == 404
    assert client.get(f"/evenemang/{theirs.slug}/deltagare/").status_code == 404


@pytest.mark.parametrize("role", NOT_ORGANISING)
def test_those_who_do_not_organise_cannot_create_edit_or_see_attendees(client, all_personas, role):
    event = EventFactory()
    RegistrationFactory(event=event, name="Anna Lindberg")
    client.force_login(all_personas[role])
    assert client.get("/evenemang/nytt/").status_code == 403
    assert client.get("/evenemang/hantera/").status_code == 403
    assert client.get(f"/evenemang/{event.slug}/andra/").status_code == 403
    response = client.get(f"/evenemang/{event.slug}/deltagare/")
    assert response.status_code == 404
    assert "Anna Lindberg" not in response.text
    response = client.post(f"/evenemang/{event.slug}/deltagare/", {"attended": ["1"]})
    assert response.status_code == 404


def test_a_visitor_is_sent_to_log_in(client, db):
    event = EventFactory()
    for url in ["/evenemang/nytt/", f"/evenemang/{event.slug}/deltagare/", "/evenemang/statistik/"]:
        assert client.get(url)["Location"].startswith("/konto/logga-in/")


def test_viewing_the_attendee_list_is_recorded_in_the_audit_trail(client, coordinator):
    event = EventFactory()
    RegistrationFactory(event=event, name="Anna Lindberg", needs="Glutenfritt")
    client.force_login(coordinator)
    response = client.get(f"/evenemang/{event.slug}/deltagare/")
    assert "Anna Lindberg" in response.text and "Glutenfritt" in response.text
    audit = AuditEvent.objects.get()
    assert (audit.actor, audit.action, audit.object_type, audit.object_id) == (
        coordinator,
        "view",
        "events.event",
        str(event.pk),
    )
    assert "Anna" not in audit.object_label


def test_the_organiser_marks_who_came_and_no_shows_are_counted(client, coordinator):
    event = past_event()
    came, stayed_away = RegistrationFactory.create_batch(2, event=event)
    RegistrationFactory(event=event, status="waiting")
    client.force_login(coordinator)
    response = client.post(
        f"/evenemang/{event.slug}/deltagare/", {"attended": [str(came.pk)]}, follow=True
    )
    assert "Närvaron sparades. Uteblev: 1." in response.text
    came.refresh_from_db()
    stayed_away.refresh_from_db()
    assert (came.attended, stayed_away.attended) == (True, False)
    counted = Event.objects.with_counts().get(pk=event.pk)
    assert (counted.attended_count, counted.no_show_count, counted.waiting_count) == (1, 1, 1)


def test_attendance_cannot_be_marked_before_the_event(client, coordinator):
    event = EventFactory()
    registration = RegistrationFactory(event=event)
    client.force_login(coordinator)
    response = client.post(
        f"/evenemang/{event.slug}/deltagare/", {"attended": [str(registration.pk)]}, follow=True
    )
    assert "Närvaro kan markeras när evenemanget har börjat." in response.text
    registration.refresh_from_db()
    assert registration.attended is None


def test_after_the_event_those_who_came_are_invited_to_rate_it(client, coordinator):
    event = past_event(title="Nätverksträff")
    came = RegistrationFactory(event=event, attended=True, email="kom@example.test")
    RegistrationFactory(event=event, attended=False, email="uteblev@example.test")
    client.force_login(coordinator)
    response = client.post(
        f"/evenemang/{event.slug}/deltagare/", {"action": "evaluate"}, follow=True
    )
    assert "Utvärderingen skickades till 1 personer." in response.text
    (message,) = mail.outbox
    assert message.to == ["kom@example.test"]
    assert message.subject == "Hur var Nätverksträff?"
    assert came.evaluation_url() in message.body
    again = client.post(f"/evenemang/{event.slug}/deltagare/", {"action": "evaluate"}, follow=True)
    assert "Utvärderingen är redan skickad." in again.text
    assert len(mail.outbox) == 1


def test_the_rating_is_given_without_login_and_only_once(client, coordinator):
    event = past_event(evaluation_sent_at=timezone.now())
    registration = RegistrationFactory(event=event, attended=True)
    url = registration.evaluation_url()
    assert client.post(url, {"rating": "9"}).status_code == 200
    registration.refresh_from_db()
    assert registration.rating is None
    response = client.post(url, {"rating": "4", "comment": "Bra exempel."}, follow=True)
    assert "Tack för ditt svar." in response.text
    registration.refresh_from_db()
    assert (registration.rating, registration.comment) == (4, "Bra exempel.")
    client.post(url, {"rating": "1"})
    registration.refresh_from_db()
    assert registration.rating == 4
    client.force_login(coordinator)
    assert (
        "Genomsnittligt betyg 4,0 av 5." in client.get(f"/evenemang/{event.slug}/deltagare/").text
    )


def test_someone_who_did_not_come_cannot_rate(client, db):
    event = past_event(evaluation_sent_at=timezone.now())
    registration = RegistrationFactory(event=event, attended=False)
    response = client.post(registration.evaluation_url(), {"rating": "5"})
    assert "Det finns ingen utvärdering att besvara" in response.text
    registration.refresh_from_db()
    assert registration.rating is None


def test_the_inbox_lists_past_events_to_follow_up(client, coordinator):
    event = past_event(title="Frukostmöte i Piteå")
    RegistrationFactory(event=event)
    client.force_login(coordinator)
    text = client.get("/oversikt/").text
    assert 'Evenemang att följa upp <span class="count">(1)</span>' in text
    assert "Frukostmöte i Piteå" in text
    assert "Närvaro inte markerad för 1" in text


def _add_registrations(event):
    def add(n):
        for _ in range(n):
            RegistrationFactory(event=event, organisation=OrganisationFactory())

    return add


def test_the_attendee_list_query_count_does_not_grow(client, coordinator, assert_constant_queries):
    event = past_event()
    client.force_login(coordinator)
    assert_constant_queries(f"/evenemang/{event.slug}/deltagare/", _add_registrations(event))


def test_the_organiser_list_query_count_does_not_grow(client, coordinator, assert_constant_queries):
    client.force_login(coordinator)

    def add_events(n):
        for _ in range(n):
            RegistrationFactory.create_batch(2, event=EventFactory())

    assert_constant_queries("/evenemang/hantera/", add_events)


def test_the_overview_query_count_does_not_grow_with_events_to_follow_up(
    client, coordinator, assert_constant_queries
):
    client.force_login(coordinator)
    assert_constant_queries(
        "/oversikt/", lambda n: [RegistrationFactory(event=past_event()) for _ in range(n)]
    )


def test_a_provider_sees_only_the_attendees_of_their_own_events(client, make_persona):
    organisation = OrganisationFactory(kind="support_actor", org_number=None)
    provider = make_persona(Role.PROVIDER, organisation=organisation)
    ours = EventFactory(organisers=[organisation])
    theirs = EventFactory()
    RegistrationFactory(event=ours, name="Vår deltagare")
    RegistrationFactory(event=theirs, name="Annans deltagare")
    visible = Registration.objects.visible_to(provider)
    assert list(visible.values_list("name", flat=True)) == ["Vår deltagare"]
    client.force_login(provider)
    assert "Vår deltagare" in client.get(f"/evenemang/{ours.slug}/deltagare/").text
