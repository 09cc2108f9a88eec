from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from lotsen.accounts.models import Role
from lotsen.audit.models import AuditEvent
from lotsen.events import services
from lotsen.events.models import Event, Registration
from lotsen.events.tests.factories import EventFactory, RegistrationFactory
from lotsen.events.tests.test_time_zone import form_data
from lotsen.organisations.tests.factories import OrganisationFactory
from lotsen.surveys import policies as surveys_policies
from lotsen.surveys import services as survey_services
from lotsen.surveys.models import Survey

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
        assert client.get(url)["Location"].startswith("/konto/login/")


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


def evaluation_of(event):
    return Survey.objects.get(
        kind=Survey.Kind.EVENT_EVALUATION,
        event_type=ContentType.objects.get_for_model(Event),
        event_id=str(event.pk),
    )


def test_after_the_event_those_who_came_get_an_evaluation_survey(client, coordinator):
    event = past_event(title="Nätverksträff")
    RegistrationFactory(event=event, attended=True, email="kom@example.test")
    # The same person registered twice is invited once.
    RegistrationFactory(event=event, attended=True, email="Kom@Example.test")
    RegistrationFactory(event=event, attended=True, email="hon@example.test")
    RegistrationFactory(event=event, attended=False, email="uteblev@example.test")
    RegistrationFactory(event=event, status="waiting", email="vantade@example.test")
    client.force_login(coordinator)
    response = client.post(
        f"/evenemang/{event.slug}/deltagare/", {"action": "evaluate"}, follow=True
    )
    assert "Utvärderingen skickades till 2 personer." in response.text
    survey = evaluation_of(event)
    assert survey.status == Survey.Status.OPEN
    assert survey.is_accepting_answers
    assert survey.title == "Utvärdering: Nätverksträff"
    assert sorted(survey.invitations.values_list("email", flat=True)) == [
        "hon@example.test",
        "kom@example.test",
    ]
    assert sorted(address for message in mail.outbox for address in message.to) == [
        "hon@example.test",
        "kom@example.test",
    ]
    invitation = survey.invitations.get(email="kom@example.test")
    assert invitation.get_answer_url() in mail.outbox[0].body + mail.outbox[1].body
    assert not survey.invitations.filter(sent_at=None).exists()
    event.refresh_from_db()
    assert event.evaluation_sent_at is not None
    assert survey.closes_at - event.evaluation_sent_at == timedelta(days=14)

    again = client.post(f"/evenemang/{event.slug}/deltagare/", {"action": "evaluate"}, follow=True)
    assert "Utvärderingen är redan skickad." in again.text
    assert len(mail.outbox) == 2
    assert Survey.objects.count() == 1


def test_the_evaluation_waits_until_the_event_is_over(client, coordinator):
    event = EventFactory()
    RegistrationFactory(event=event, attended=True)
    client.force_login(coordinator)
    response = client.post(
        f"/evenemang/{event.slug}/deltagare/", {"action": "evaluate"}, follow=True
    )
    assert "Utvärderingar skickas när evenemanget är över." in response.text
    assert not Survey.objects.exists()
    assert mail.outbox == []
    event.refresh_from_db()
    assert event.evaluation_sent_at is None


def test_the_attendee_page_shows_answers_and_links_the_results(client, coordinator):
    event = past_event()
    RegistrationFactory(event=event, attended=True, email="en@example.test")
    RegistrationFactory(event=event, attended=True, email="tva@example.test")
    services.evaluation_invite(event=event)
    survey = evaluation_of(event)
    invitation = survey.invitations.get(email="en@example.test")
    usefulness = survey.questions.get(key="usefulness")
    survey_services.response_save(
        response=survey_services.response_for_invitation(invitation),
        values={usefulness.pk: 4},
        submit=True,
    )
    client.force_login(coordinator)
    page = client.get(f"/evenemang/{event.slug}/deltagare/").text
    assert "till 2 personer; 1 har svarat hittills." in page
    assert f'href="{reverse("surveys:results", args=[survey.pk])}"' in page
    assert client.get(reverse("surveys:results", args=[survey.pk])).status_code == 200


def test_a_support_actor_organising_sees_the_results_as_the_surveys_app_allows(
    client, provider, provider_organisation
):
    event = past_event()
    event.organisers.set([provider_organisation])
    RegistrationFactory(event=event, attended=True)
    services.evaluation_invite(event=event)
    results = reverse("surveys:results", args=[evaluation_of(event).pk])
    client.force_login(provider)
    page = client.get(f"/evenemang/{event.slug}/deltagare/").text
    assert "till 1 person; 0 har svarat hittills." in page
    assert surveys_policies.can_view_results(provider) and results in page
    assert client.get(results).status_code == 200


def test_attendance_and_evaluation_stay_closed_to_others(client, caseworker):
    event = past_event()
    RegistrationFactory(event=event, attended=True)
    client.force_login(caseworker)
    response = client.post(f"/evenemang/{event.slug}/deltagare/", {"action": "evaluate"})
    assert response.status_code == 404
    assert not Survey.objects.exists()
    assert mail.outbox == []


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
