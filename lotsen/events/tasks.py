"""E-mail to the people who register, sent in the background.

Each task reloads the registration, so a message always tells the state at
sending time; in the language the person used on the site.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from .ical import calendar_for
from .models import Registration

logger = logging.getLogger(__name__)


def _send(registration_id: int, template: str, subject: Promise, *, ics: bool = False) -> None:
    registration = Registration.objects.select_related("event").get(pk=registration_id)
    if not registration.email:
        return
    with translation.override(registration.language):
        context = {
            "registration": registration,
            "event": registration.event,
            "site_url": settings.SITE_URL,
        }
        message = EmailMessage(
            subject=str(subject % {"title": registration.event.title}),
            body=render_to_string(f"events/email/{template}.txt", context),
            to=[registration.email],
        )
        if ics:
            message.attach(
                "evenemang.ics",
                calendar_for([registration.event], registration.event.title),
                "text/calendar",
            )
        message.send()


@task()
def send_registration_received(registration_id: int) -> None:
    registration = Registration.objects.get(pk=registration_id)
    if registration.status == Registration.Status.CONFIRMED:
        _send(registration_id, "confirmed", _("Your place at %(title)s"), ics=True)
    else:
        _send(registration_id, "waiting", _("On the waiting list for %(title)s"))


@task()
def send_place_offered(registration_id: int) -> None:
    _send(registration_id, "promoted", _("You have a place at %(title)s"), ics=True)


@task()
def send_cancellation_confirmed(registration_id: int) -> None:
    _send(registration_id, "cancelled", _("Cancelled: %(title)s"))


@task()
def erase_expired_visitor_data() -> int:
    """The retention job (gallring); run it daily from the task worker's schedule."""
    from .services import visitor_data_erase

    return visitor_data_erase()
