"""Events keep Stockholm wall-clock time on both sides of the daylight-saving switches.

In 2027 summer time starts on 28 March (02:00 becomes 03:00) and ends on
31 October (03:00 becomes 02:00).
"""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from lotsen.events.models import Event
from lotsen.events.tests.factories import EventFactory
from lotsen.organisations.tests.factories import OrganisationFactory

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def form_data(organiser, **fields):
    return {
        "kind": "supervisor_training",
        "title": "Handledarutbildning över natten",
        "description": "Två dagar.",
        "support_area": "supervisor-training",
        "organisers": [organiser.pk],
        "starts_at": "2027-03-27T09:00",
        "ends_at": "2027-03-28T16:00",
        "place": "Kulturens hus, Luleå",
        "municipality": "2580",
        "online_url": "",
        "capacity": "20",
        "has_waiting_list": "on",
        "audience": "everyone",
        "registration_opens_at": "",
        "registration_closes_at": "",
        "visibility": "public",
        **fields,
    }


@pytest.fixture
def logged_in(client, coordinator):
    client.force_login(coordinator)
    return client


def test_times_entered_in_swedish_winter_and_summer_time_are_stored_right(logged_in):
    organiser = OrganisationFactory(org_number=None)
    response = logged_in.post("/evenemang/nytt/", form_data(organiser))
    assert response.status_code == 302
    event = Event.objects.get()
    # 09:00 CET is 08:00 UTC; 16:00 CEST is 14:00 UTC.
    assert event.starts_at == datetime(2027, 3, 27, 8, 0, tzinfo=UTC)
    assert event.ends_at == datetime(2027, 3, 28, 14, 0, tzinfo=UTC)
    assert event.duration == timedelta(hours=30)


def test_a_time_that_does_not_exist_in_stockholm_is_refused_clearly(logged_in):
    organiser = OrganisationFactory(org_number=None)
    response = logged_in.post(
        "/evenemang/nytt/",
        form_data(organiser, starts_at="2027-03-28T02:30", ends_at="2027-03-28T05:00"),
    )
    assert response.status_code == 200
    assert "kunde inte tolkas i tidszonen Europe/Stockholm" in response.text
    assert not Event.objects.exists()


def test_the_night_summer_time_ends_lasts_an_hour_longer(db):
    event = EventFactory(
        starts_at=datetime(2027, 10, 30, 22, 0, tzinfo=STOCKHOLM),
        ends_at=datetime(2027, 10, 31, 6, 0, tzinfo=STOCKHOLM),
    )
    assert event.duration == timedelta(hours=9)


def test_the_calendar_file_keeps_wall_clock_time_across_the_switch(client, db):
    event = EventFactory(
        starts_at=datetime(2027, 10, 30, 9, 0, tzinfo=STOCKHOLM),
        ends_at=datetime(2027, 10, 31, 16, 0, tzinfo=STOCKHOLM),
    )
    calendar = Calendar.from_ical(client.get(f"/evenemang/{event.slug}/kalender.ics").content)
    (entry,) = calendar.walk("VEVENT")
    start, end = entry.decoded("DTSTART"), entry.decoded("DTEND")
    assert (start.hour, end.hour) == (9, 16)
    assert str(start.tzinfo) == str(end.tzinfo) == "Europe/Stockholm"
    assert start.utcoffset() == timedelta(hours=2)
    assert end.utcoffset() == timedelta(hours=1)
    assert b"DTSTART;TZID=Europe/Stockholm:20271030T090000" in calendar.to_ical()


def test_pages_show_stockholm_time_in_summer_and_winter(client, db):
    summer = EventFactory(starts_at=datetime(2027, 6, 10, 7, 0, tzinfo=UTC))
    winter = EventFactory(starts_at=datetime(2027, 12, 10, 7, 0, tzinfo=UTC))
    assert "10 juni 2027 09:00" in client.get(summer.get_absolute_url()).text
    assert "10 december 2027 08:00" in client.get(winter.get_absolute_url()).text


def test_the_schema_org_data_carries_the_stockholm_offset(client, db):
    event = EventFactory(
        starts_at=datetime(2027, 3, 27, 9, 0, tzinfo=STOCKHOLM),
        ends_at=datetime(2027, 3, 28, 16, 0, tzinfo=STOCKHOLM),
    )
    text = client.get(event.get_absolute_url()).text
    assert '"startDate": "2027-03-27T09:00:00+01:00"' in text
    assert '"endDate": "2027-03-28T16:00:00+02:00"' in text
