import json
import re
from datetime import timedelta

import pytest
from django.utils import timezone
from icalendar import Calendar

from lotsen.events.models import Event
from lotsen.events.tests.factories import EventFactory, RegistrationFactory
from lotsen.organisations.tests.factories import OrganisationFactory

MEMBER_ROLES = ["coordinator", "caseworker", "enterprise", "provider", "steering", "admin"]


def members_only_event(**fields):
    return EventFactory(
        kind=Event.Kind.STEERING_GROUP_MEETING,
        title="Styrgruppsmöte om budgeten",
        support_area_id="coordination",
        **fields,
    )


def test_the_calendar_lists_coming_public_events_in_start_order(client, db):
    EventFactory(title="Senare", starts_at=timezone.now() + timedelta(days=20))
    EventFactory(title="Tidigare", starts_at=timezone.now() + timedelta(days=3))
    EventFactory(title="Redan över", starts_at=timezone.now() - timedelta(days=3))
    text = client.get("/evenemang/").text
    assert text.index("Tidigare") < text.index("Senare")
    assert "Redan över" not in text
    assert "Redan över" in client.get("/evenemang/?when=past").text


def test_the_calendar_filters_on_kind_area_and_audience(client, db):
    EventFactory(title="Handledning", kind=Event.Kind.SUPERVISOR_TRAINING)
    EventFactory(
        title="Frukost om upphandling",
        kind=Event.Kind.BREAKFAST_MEETING,
        support_area_id="procurement",
        audience=Event.Audience.PUBLIC_SECTOR,
    )
    text = client.get("/evenemang/?kind=breakfast_meeting").text
    assert "Frukost om upphandling" in text and "Handledning" not in text
    text = client.get("/evenemang/?area=supervisor-training").text
    assert "Handledning" in text and "Frukost om upphandling" not in text
    text = client.get("/evenemang/?audience=enterprises").text
    assert "Handledning" in text and "Frukost om upphandling" not in text


def test_the_calendar_filters_on_municipality(client, db):
    EventFactory(title="I Piteå", municipality_id="2581")
    EventFactory(title="I Boden", municipality_id="2582")
    text = client.get("/evenemang/?municipality=2582").text
    assert "I Boden" in text and "I Piteå" not in text


def test_the_home_page_links_to_the_calendar(client, db):
    assert 'href="/evenemang/"' in client.get("/").text.split("card-events", 1)[1]


def test_an_unknown_filter_value_shows_a_message_not_an_error(client, db):
    EventFactory(title="Handledning")
    response = client.get("/evenemang/?kind=picknick")
    assert response.status_code == 200
    assert "Välj ett giltigt alternativ" in response.text
    assert "Inga evenemang matchar filtren." in response.text


def test_the_feed_is_icalendar_with_the_filtered_events(client, db):
    EventFactory(title="Handledning")
    EventFactory(title="Frukost", kind=Event.Kind.BREAKFAST_MEETING)
    response = client.get("/evenemang/kalender.ics?kind=supervisor_training")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    assert [str(entry["SUMMARY"]) for entry in calendar.walk("VEVENT")] == ["Handledning"]
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Europe/Stockholm"


def test_an_event_page_offers_the_calendar_file_and_schema_org_data(client, db):
    organiser = OrganisationFactory(name="Coompanion Norrbotten", org_number=None)
    event = EventFactory(title="Handledarutbildning i Boden", organisers=[organiser], capacity=20)
    response = client.get(event.get_absolute_url())
    assert f'href="/evenemang/{event.slug}/kalender.ics"' in response.text
    (block,) = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', response.text, re.DOTALL
    )
    data = json.loads(block)
    assert data["@type"] == "Event"
    assert data["name"] == "Handledarutbildning i Boden"
    assert data["organizer"] == [{"@type": "Organization", "name": "Coompanion Norrbotten"}]
    assert data["startDate"] == timezone.localtime(event.starts_at).isoformat()
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["maximumAttendeeCapacity"] == 20
    ics = client.get(f"/evenemang/{event.slug}/kalender.ics")
    assert "attachment" in ics["Content-Disposition"]
    assert b"SUMMARY:Handledarutbildning i Boden" in ics.content


def test_the_structured_data_cannot_break_out_of_its_script_element(client, db):
    event = EventFactory(title="</script><script>alert(1)</script>")
    text = client.get(event.get_absolute_url()).text
    assert "<script>alert(1)" not in text
    assert "\\u003C/script\\u003E" in text


def test_the_event_page_tells_how_many_places_are_left(client, db):
    event = EventFactory(capacity=3)
    RegistrationFactory(event=event)
    assert "2 av 3 kvar" in client.get(event.get_absolute_url()).text


@pytest.mark.parametrize("role", MEMBER_ROLES)
def test_every_member_sees_members_only_events(client, all_personas, role):
    event = members_only_event()
    client.force_login(all_personas[role])
    assert "Styrgruppsmöte om budgeten" in client.get("/evenemang/").text
    assert client.get(event.get_absolute_url()).status_code == 200
    assert client.get(f"/evenemang/{event.slug}/kalender.ics").status_code == 200


@pytest.mark.parametrize("who", ["outsider", "visitor"])
def test_outsiders_and_visitors_never_see_members_only_events(client, all_personas, who):
    event = members_only_event()
    if who == "outsider":
        client.force_login(all_personas["outsider"])
    assert "Styrgruppsmöte om budgeten" not in client.get("/evenemang/").text
    assert client.get(event.get_absolute_url()).status_code == 404
    assert client.get(f"/evenemang/{event.slug}/kalender.ics").status_code == 404
    assert b"Styrgruppsm" not in client.get("/evenemang/kalender.ics").content
    response = client.post(event.get_absolute_url(), {"name": "X", "email": "x@example.test"})
    assert response.status_code == 404
    assert not event.registrations.exists()


def test_a_steering_group_meeting_is_always_members_only(db):
    event = members_only_event(visibility=Event.Visibility.PUBLIC)
    assert event.visibility == Event.Visibility.MEMBERS


def _add_events(n: int) -> None:
    for _ in range(n):
        event = EventFactory(organisers=[OrganisationFactory(org_number=None) for _ in range(2)])
        RegistrationFactory.create_batch(2, event=event)


def test_the_calendar_query_count_does_not_grow_with_the_events(
    client, db, assert_constant_queries
):
    assert_constant_queries("/evenemang/", _add_events)


def test_the_feed_query_count_does_not_grow_with_the_events(client, db, assert_constant_queries):
    assert_constant_queries("/evenemang/kalender.ics", _add_events)


def test_calendar_files_and_json_ld_link_to_the_configured_address(client, db, settings):
    settings.SITE_URL = "https://lotsen.example.se"
    event = EventFactory(starts_at=timezone.now() + timedelta(days=3))
    expected = "https://lotsen.example.se" + event.get_absolute_url()
    for path in ("/evenemang/kalender.ics", f"/evenemang/{event.slug}/kalender.ics"):
        calendar = Calendar.from_ical(client.get(path, HTTP_HOST="127.0.0.1").content)
        assert [str(entry["url"]) for entry in calendar.walk("VEVENT")] == [expected]
    page = client.get(event.get_absolute_url(), HTTP_HOST="127.0.0.1").text
    (block,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert json.loads(block)["url"] == expected
