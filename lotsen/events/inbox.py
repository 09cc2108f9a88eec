"""The organiser's inbox section: events over whose attendance or evaluation waits."""

from datetime import timedelta

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lotsen.core.inbox import InboxItem, InboxSection

from . import policies
from .models import Event, Registration

SHOWN = 10
# Events further back are history, not work.
LOOK_BACK = timedelta(days=90)


def attendance_to_mark(user):
    if not policies.can_organise_events(user):
        return
    now = timezone.now()
    events = (
        Event.objects.managed_by(user)
        .filter(ends_at__lt=now, ends_at__gte=now - LOOK_BACK, evaluation_sent_at__isnull=True)
        .annotate(
            unmarked=Count(
                "registrations",
                filter=Q(
                    registrations__status=Registration.Status.CONFIRMED,
                    registrations__attended__isnull=True,
                ),
            )
        )
        .order_by("ends_at")
    )
    # One row more than shown tells whether a link to all is needed, without a count.
    shown = list(events[: SHOWN + 1])
    has_more = len(shown) > SHOWN
    items = [
        InboxItem(
            title=event.title,
            url=reverse("events:attendees", args=[event.slug]),
            since=event.ends_at,
            detail=(
                _("Attendance not marked for %(count)s") % {"count": event.unmarked}
                if event.unmarked
                else _("Evaluation not sent")
            ),
        )
        for event in shown[:SHOWN]
    ]
    yield InboxSection(
        gettext_lazy("Events to follow up"),
        items,
        more_url=reverse("events:manage") if has_more else "",
    )
