"""schema.org Event data for an event page, read by search engines."""

from django.utils import timezone

from lotsen.core.public_url import public_url

from .models import Event

ATTENDANCE_MODE = "https://schema.org/{}EventAttendanceMode"


def event_json_ld(event: Event, organisers) -> dict:
    if event.place and event.online_url:
        mode = "Mixed"
    elif event.online_url:
        mode = "Online"
    else:
        mode = "Offline"
    locations = []
    if event.place:
        place = {"@type": "Place", "name": event.place, "address": event.place}
        if event.municipality:
            place["address"] = {
                "@type": "PostalAddress",
                "streetAddress": event.place,
                "addressLocality": event.municipality.name,
                "addressCountry": "SE",
            }
        locations.append(place)
    if event.online_url:
        locations.append({"@type": "VirtualLocation", "url": event.online_url})
    url = public_url(event.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": event.description,
        "startDate": timezone.localtime(event.starts_at).isoformat(),
        "endDate": timezone.localtime(event.ends_at).isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": ATTENDANCE_MODE.format(mode),
        "location": locations[0] if len(locations) == 1 else locations,
        "organizer": [
            {"@type": "Organization", "name": organisation.name} for organisation in organisers
        ],
        "url": url,
        "inLanguage": "sv",
    }
    if event.capacity is not None:
        data["maximumAttendeeCapacity"] = event.capacity
    return data
