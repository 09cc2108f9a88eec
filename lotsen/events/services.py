"""Registration workflows: register, cancel, promote, mark attendance, evaluate, erase.

The evaluation after an event is a round of the surveys app, so its results,
charts and small-cell rules are the same as for every other survey.

Every change of places happens with the event's row locked (SELECT … FOR
UPDATE on PostgreSQL), so two people registering for the last place at once
are served one after the other and the event never goes over capacity. SQLite
serialises writers by itself. E-mails are enqueued inside the same
transaction: with the database task backend they are stored atomically with
the change they announce.
"""

import logging
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from lotsen.audit.services import audit_event_record
from lotsen.core.models import Municipality
from lotsen.organisations.models import Organisation
from lotsen.surveys import services as survey_services
from lotsen.surveys.blueprints import EVENT_EVALUATION
from lotsen.surveys.models import Survey

from . import tasks
from .models import Event, Registration, RegistrationRefused

logger = logging.getLogger(__name__)


def _language() -> str:
    return translation.get_language() or settings.LANGUAGE_CODE


def _locked(event: Event) -> Event:
    return Event.objects.select_for_update().get(pk=event.pk)


def registration_create(
    *,
    event: Event,
    user=None,
    name: str = "",
    email: str = "",
    organisation: Organisation | None = None,
    organisation_name: str = "",
    municipality: Municipality | None = None,
    needs: str = "",
    now: datetime | None = None,
) -> Registration:
    """Register someone: a place if one is left, else the waiting list, else a refusal."""
    now = now or timezone.now()
    if user is not None and user.is_authenticated:
        name, email = user.get_full_name(), user.email
    else:
        user = None
    email = email.strip().lower()
    try:
        with transaction.atomic():
            event = _locked(event)
            refusal = event.registration_refusal(now)
            if refusal:
                raise refusal
            if event.registrations.active().filter(email=email).exists():
                raise RegistrationRefused(
                    _("%(email)s is already registered for this event.") % {"email": email},
                    code="duplicate",
                )
            places_left = event.places_left()
            if places_left is None or places_left > 0:
                status = Registration.Status.CONFIRMED
            elif event.has_waiting_list:
                status = Registration.Status.WAITING
            else:
                raise RegistrationRefused(
                    _("The event is full and has no waiting list."), code="full"
                )
            registration = Registration.objects.create(
                event=event,
                user=user,
                name=name,
                email=email,
                organisation=organisation,
                organisation_name="" if organisation else organisation_name,
                municipality=municipality,
                needs=needs,
                language=_language(),
                status=status,
                created_at=now,
                status_changed_at=now,
            )
            tasks.send_registration_received.enqueue(registration.pk)
    except IntegrityError as error:
        # Another request with the same e-mail got in between the check and the insert.
        raise RegistrationRefused(
            _("%(email)s is already registered for this event.") % {"email": email},
            code="duplicate",
        ) from error
    return registration


def registration_cancel(
    *, registration: Registration, actor=None, now: datetime | None = None
) -> Registration:
    """Cancel a registration and give a freed place to the first in line. A visitor who
    cancels through the link in their mail is no user: `actor` is then None."""
    now = now or timezone.now()
    with transaction.atomic():
        event = _locked(registration.event)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if event.has_started(now):
            raise RegistrationRefused(
                _("The event has already started; the registration can no longer be cancelled."),
                code="started",
            )
        registration.move_to(Registration.Status.CANCELLED, actor=actor)
        tasks.send_cancellation_confirmed.enqueue(registration.pk)
        waiting_list_promote(event=event, now=now)
    return registration


def waiting_list_promote(*, event: Event, now: datetime | None = None) -> list[Registration]:
    """Give free places to those waiting, first come first served, and tell them.

    Called with the event locked, after a cancellation or a larger capacity.
    """
    now = now or timezone.now()
    if event.has_started(now):
        return []
    with transaction.atomic():
        event = _locked(event)
        places_left = event.places_left()
        queue = event.registrations.waiting_in_line().select_for_update()
        if places_left is not None:
            queue = queue[:places_left]
        promoted = list(queue)
        for registration in promoted:
            registration.move_to(Registration.Status.CONFIRMED, reason="waiting list")
            tasks.send_place_offered.enqueue(registration.pk)
    return promoted


def event_save(*, event: Event, organisers: Iterable[Organisation]) -> Event:
    """Save an event and its organisers; a larger capacity admits those waiting."""
    with transaction.atomic():
        event.save()
        event.organisers.set(organisers)
        waiting_list_promote(event=event)
    return event


def attendance_mark(*, event: Event, attended_ids: set[int], actor) -> int:
    """Record who came among the confirmed; the others are no-shows. Returns no-shows."""
    if not event.has_started():
        raise RegistrationRefused(
            _("Attendance can be marked once the event has started."), code="not_started"
        )
    with transaction.atomic():
        confirmed = event.registrations.filter(status=Registration.Status.CONFIRMED)
        confirmed.filter(pk__in=attended_ids).update(attended=True)
        no_shows = confirmed.exclude(pk__in=attended_ids).update(attended=False)
        audit_event_record(
            actor=actor,
            action="change",
            target=event,
            label=event.slug,
            reason="attendance marked",
        )
    return no_shows


EVALUATION_OPEN_DAYS = 14


def evaluation_survey(event: Event) -> Survey | None:
    """The event's evaluation round in the surveys app, if one was made."""
    return (
        Survey.objects.filter(
            kind=Survey.Kind.EVENT_EVALUATION,
            event_type=ContentType.objects.get_for_model(Event),
            event_id=str(event.pk),
        )
        .order_by("pk")
        .first()
    )


def evaluation_survey_create(*, event: Event, now: datetime | None = None) -> Survey:
    """Make the event's evaluation round, invite those who came and open it; no e-mail yet.

    Refused before the event is over and once a round exists, so each event is
    evaluated once. No-shows and erased registrations are not invited.
    """
    now = now or timezone.now()
    if not event.is_over(now):
        raise RegistrationRefused(
            _("Evaluations are sent after the event is over."), code="not_over"
        )
    with transaction.atomic():
        event = _locked(event)
        if event.evaluation_sent_at or evaluation_survey(event):
            raise RegistrationRefused(
                _("The evaluation has already been sent."), code="already_sent"
            )
        emails = list(
            event.registrations.filter(
                status=Registration.Status.CONFIRMED, attended=True, erased_at__isnull=True
            )
            .exclude(email="")
            .values_list("email", flat=True)
        )
        survey = survey_services.survey_create_from_blueprint(
            blueprint=EVENT_EVALUATION,
            title=_("Evaluation: %(title)s") % {"title": event.title},
            round_label=f"{timezone.localtime(event.starts_at):%Y-%m-%d}",
            closes_at=now + timedelta(days=EVALUATION_OPEN_DAYS),
            event=event,
            language=_language(),
        )
        survey_services.invitations_create(survey=survey, emails=emails)
        survey.move_to(Survey.Status.OPEN)
        event.evaluation_sent_at = now
        event.save(update_fields=["evaluation_sent_at"])
    return survey


def evaluation_invite(*, event: Event, now: datetime | None = None) -> int:
    """Send those who came the event's evaluation survey. Returns how many were invited."""
    with transaction.atomic():
        survey = evaluation_survey_create(event=event, now=now)
        return survey_services.invitations_send(survey=survey)


def retention_cutoff(now: datetime | None = None) -> datetime:
    days = settings.EVENTS_VISITOR_DATA_RETENTION_DAYS
    return (now or timezone.now()) - timedelta(days=days)


def registrations_due_for_erasure(*, now: datetime | None = None):
    """Registrations whose personal data is kept and whose event ended too long ago."""
    return Registration.objects.filter(
        event__ends_at__lt=retention_cutoff(now), erased_at__isnull=True
    )


def visitor_data_erase(*, now: datetime | None = None) -> int:
    """Erase personal data of registrations whose event ended longer ago than allowed.

    Visitors' name, e-mail, organisation name and needs go, and everyone's
    needs; organisation, municipality and attendance stay for the turnout.
    Each event's erasure is recorded in the audit trail. Safe to run again.
    """
    now = now or timezone.now()
    due = registrations_due_for_erasure(now=now)
    erased = 0
    with transaction.atomic():
        for event_id, slug in (
            Event.objects.filter(registrations__in=due).distinct().values_list("pk", "slug")
        ):
            of_event = due.filter(event_id=event_id)
            count = of_event.filter(user__isnull=True).update(
                name="", email="", organisation_name="", needs="", erased_at=now
            )
            count += of_event.filter(user__isnull=False).update(needs="", erased_at=now)
            audit_event_record(
                actor=None,
                action="erase",
                object_type="events.event",
                object_id=str(event_id),
                label=slug,
                reason=f"retention: personal data of {count} registrations",
            )
            erased += count
    logger.info("Erased personal data of %s event registrations", erased)
    return erased
