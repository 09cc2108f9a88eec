"""iCalendar (RFC 5545) files for events: one event, or a feed of many.

Times are written in Europe/Stockholm with the zone's VTIMEZONE, so calendar
programs show the right hour on both sides of a daylight-saving switch.
"""

from collections.abc import Iterable
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from lotsen.core.public_url import public_url

from .models import Event

PRODUCT_ID = "-//Lotsen//Evenemang//SV"


def _uid(event: Event) -> str:
    return f"event-{event.pk}@{urlsplit(settings.SITE_URL).hostname or 'lotsen'}"


def _calendar_event(event: Event) -> CalendarEvent:
    entry = CalendarEvent()
    entry.add("uid", _uid(event))
    entry.add("dtstamp", event.updated_at or timezone.now())
    entry.add("dtstart", timezone.localtime(event.starts_at))
    entry.add("dtend", timezone.localtime(event.ends_at))
    entry.add("summary", event.title)
    entry.add("description", event.description)
    location = ", ".join(part for part in (event.place, event.online_url) if part)
    if location:
        entry.add("location", location)
    entry.add("url", public_url(event.get_absolute_url()))
    entry.add("categories", [event.get_kind_display()])
    return entry


def calendar_for(events: Iterable[Event], name: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    for event in events:
        calendar.add_component(_calendar_event(event))
    calendar.add_missing_timezones()
    return calendar.to_ical()
