import re
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from lotsen.audit.models import AuditEvent
from lotsen.events.models import Event, Registration
from lotsen.events.tasks import erase_expired_visitor_data
from lotsen.events.tests.factories import EventFactory, RegistrationFactory
from lotsen.events.turnout import turnout_for
from lotsen.organisations.tests.factories import OrganisationFactory


def ended(days_ago: int, **fields) -> Event:
    end = timezone.now() - timedelta(days=days_ago)
    return EventFactory(starts_at=end - timedelta(hours=3), ends_at=end, **fields)


def test_visitor_data_is_erased_after_the_retention_time_and_logged(db, settings, coordinator):
    settings.EVENTS_VISITOR_DATA_RETENTION_DAYS = 30
    municipality = OrganisationFactory(name="Bodens kommun", kind="party", municipality_id="2582")
    old = ended(31)
    visitor = RegistrationFactory(
        event=old, name="Anna Lindberg", needs="Tolk", organisation=municipality, attended=True
    )
    member = RegistrationFactory(event=old, user=coordinator, email=coordinator.email, needs="Kost")
    recent = RegistrationFactory(event=ended(29), name="Erik Nilsson")
    out = StringIO()

    call_command("erase_event_visitor_data", stdout=out)

    visitor.refresh_from_db()
    member.refresh_from_db()
    recent.refresh_from_db()
    assert (visitor.name, visitor.email, visitor.needs) == ("", "", "")
    assert visitor.erased_at is not None
    assert visitor.display_name == "(raderad)"
    # What the turnout needs stays.
    assert (visitor.organisation, visitor.attended) == (municipality, True)
    assert (member.needs, member.user, member.email) == ("", coordinator, coordinator.email)
    assert recent.name == "Erik Nilsson" and recent.erased_at is None
    assert "Erased personal data of 2 registrations" in out.getvalue()
    audit = AuditEvent.objects.get()
    assert (audit.action, audit.object_id, audit.actor) == ("erase", str(old.pk), None)
    assert turnout_for(old.registrations.all()).by_organisation[0].label == "Bodens kommun"


def test_the_erasure_is_safe_to_run_again(db):
    RegistrationFactory(event=ended(60))
    call_command("erase_event_visitor_data", stdout=StringIO())
    call_command("erase_event_visitor_data", stdout=StringIO())
    assert AuditEvent.objects.count() == 1


def test_the_retention_task_erases_as_the_command_does(db, settings):
    settings.EVENTS_VISITOR_DATA_RETENTION_DAYS = 5
    registration = RegistrationFactory(event=ended(6), name="Anna Lindberg")
    result = erase_expired_visitor_data.enqueue()
    assert result.return_value == 1
    registration.refresh_from_db()
    assert registration.name == ""


def test_turnout_counts_each_party_on_its_own_and_enterprises_together(
    db, django_assert_num_queries
):
    lulea = OrganisationFactory(name="Luleå kommun", kind="party", municipality_id="2580")
    pitea = OrganisationFactory(name="Piteå kommun", kind="party", municipality_id="2581")
    enterprises = OrganisationFactory.create_batch(2, municipality_id="2582")
    event = ended(2)
    for organisation, came in [
        (lulea, True),
        (lulea, True),
        (lulea, False),
        (pitea, True),
        (enterprises[0], True),
        (enterprises[1], True),
    ]:
        RegistrationFactory(event=event, organisation=organisation, attended=came)
    RegistrationFactory(event=event, organisation_name="Eget", municipality_id="2560")
    RegistrationFactory(event=event, status=Registration.Status.WAITING, organisation=pitea)
    RegistrationFactory(event=event, status=Registration.Status.CANCELLED, organisation=pitea)

    # Both tables come from one reading of the registrations.
    with django_assert_num_queries(1):
        turnout = turnout_for(event.registrations.all())

    by_organisation = {row.label: (row.registered, row.attended) for row in turnout.by_organisation}
    assert by_organisation == {
        "Luleå kommun": (3, 2),
        "Sociala företag": (2, 2),
        "Piteå kommun": (1, 1),
        "Annan eller inte angiven": (1, 0),
    }
    by_municipality = {row.label: row.attended for row in turnout.by_municipality}
    assert by_municipality == {"Luleå": 2, "Boden": 2, "Piteå": 1, "Älvsbyn": 0}
    assert (turnout.registered, turnout.attended, turnout.no_shows) == (7, 5, 1)
    assert turnout.attendance_rate == 83


@pytest.mark.parametrize("role", ["coordinator", "steering"])
def test_the_coordinator_and_steering_group_follow_turnout_per_period(client, all_personas, role):
    this_year = timezone.localdate().year
    event = EventFactory(
        title="Handledarutbildning i Piteå",
        starts_at=timezone.make_aware(timezone.datetime(this_year, 1, 15, 9)),
        ends_at=timezone.make_aware(timezone.datetime(this_year, 1, 15, 16)),
    )
    RegistrationFactory.create_batch(3, event=event, attended=True)
    EventFactory(title="Förra året", starts_at=event.starts_at - timedelta(days=400))
    client.force_login(all_personas[role])
    text = client.get("/evenemang/statistik/").text
    assert "Handledarutbildning i Piteå" in text
    assert "Förra året" not in text
    text = client.get(f"/evenemang/statistik/?date_from={this_year - 2}-01-01").text
    assert "Förra året" in text


@pytest.mark.parametrize("role", ["caseworker", "enterprise", "provider", "admin", "outsider"])
def test_others_do_not_see_the_turnout_page(client, all_personas, role):
    client.force_login(all_personas[role])
    assert client.get("/evenemang/statistik/").status_code == 403


def test_a_reversed_period_is_refused_with_a_message(client, coordinator):
    client.force_login(coordinator)
    response = client.get("/evenemang/statistik/?date_from=2027-05-01&date_to=2027-01-01")
    assert response.status_code == 200
    assert "Från-datumet får inte vara efter till-datumet." in response.text


def test_the_turnout_query_count_does_not_grow(client, coordinator, assert_constant_queries):
    client.force_login(coordinator)

    def add(n):
        for _ in range(n):
            event = ended(1)
            RegistrationFactory(event=event, organisation=OrganisationFactory(), attended=True)

    assert_constant_queries("/evenemang/statistik/", add)


def test_a_long_period_lists_its_events_by_pages_and_counts_them_all(client, coordinator):
    today = timezone.localdate()
    for number in range(52):
        event = ended(2 + number % 20, title=f"Frukostmöte {number:02}")
        RegistrationFactory(event=event, attended=True)
    period = f"?date_from={today - timedelta(days=40)}&date_to={today}"
    client.force_login(coordinator)

    first = client.get(f"/evenemang/statistik/{period}").text
    second = client.get(f"/evenemang/statistik/{period}&page=2").text

    for page in (first, second):
        assert "<dt>Evenemang</dt><dd>52</dd>" in page
    listed = re.compile(r'<th scope="row"><a href="[^"]+">Frukostmöte')
    assert len(listed.findall(first)) == 50 and len(listed.findall(second)) == 2
    assert "Sida 1 av 2" in first and 'rel="next"' in first


def test_the_dry_run_lists_the_registrations_due_and_changes_nothing(db, settings):
    settings.EVENTS_VISITOR_DATA_RETENTION_DAYS = 30
    old = ended(31, slug="frukostmote")
    due = RegistrationFactory(event=old, name="Anna Lindberg", needs="Tolk")
    RegistrationFactory(event=ended(29), name="Erik Nilsson")
    out = StringIO()

    call_command("erase_event_visitor_data", "--dry-run", stdout=out)

    assert "would erase the personal data of 1." in out.getvalue()
    assert f"registration {due.pk} (frukostmote)" in out.getvalue()
    assert "Anna" not in out.getvalue() and "Erik" not in out.getvalue()
    due.refresh_from_db()
    assert (due.name, due.needs, due.erased_at) == ("Anna Lindberg", "Tolk", None)
    assert not AuditEvent.objects.exists()
