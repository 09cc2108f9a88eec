"""Workflows of the support function that span several models."""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import Exists, F, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from lotsen.accounts.models import Role
from lotsen.audit.models import AuditEvent
from lotsen.audit.services import audit_event_record
from lotsen.core.workflow import StatusChange
from lotsen.events.models import Event, Registration, RegistrationRefused
from lotsen.events.services import registration_create

from .models import (
    Mentor,
    MentorMatch,
    MentorMeeting,
    Message,
    Offer,
    SupportError,
    SupportRequest,
    TimeBankAccount,
    TimeBankEntry,
)

Status = SupportRequest.Status
Outcome = SupportRequest.Outcome


def _notify(support_request: SupportRequest, event: str, reply: Message | None = None) -> None:
    from .tasks import notify_request_event

    reply_id = reply.pk if reply is not None else None
    # Send only once the change is committed, so a mail never announces a rolled-back step.
    transaction.on_commit(
        lambda: notify_request_event.enqueue(support_request.pk, event, reply_id=reply_id)
    )


def _audit(actor, action: str, support_request: SupportRequest, reason: str) -> None:
    audit_event_record(
        actor=actor,
        action=action,
        target=support_request,
        label=support_request.reference,
        reason=reason,
    )


def requesting_organisation(user):
    """The organisation a signed-in user asks for: their enterprise first, else any."""
    memberships = user.memberships.select_related("organisation")
    for membership in memberships:
        if membership.role == Role.ENTERPRISE:
            return membership.organisation
    first = memberships.first()
    return first.organisation if first else None


@transaction.atomic
def support_request_submit(
    *,
    subject: str,
    description: str,
    area=None,
    requester=None,
    contact_name: str = "",
    contact_email: str = "",
    contact_phone: str = "",
    contact_organisation: str = "",
) -> SupportRequest:
    """Take in a request through the one door, signed in or through the public form."""
    support_request = SupportRequest(
        subject=subject,
        description=description,
        area=area,
        channel=(
            SupportRequest.Channel.SIGNED_IN if requester else SupportRequest.Channel.PUBLIC_FORM
        ),
        requester=requester,
        requester_organisation=requesting_organisation(requester) if requester else None,
        contact_name=contact_name,
        contact_email=contact_email,
        contact_phone=contact_phone,
        contact_organisation=contact_organisation,
    )
    support_request.set_due_dates()
    support_request.save()
    _audit(requester, AuditEvent.Action.CREATE, support_request, "support request received")
    _notify(support_request, "received")
    return support_request


@transaction.atomic
def support_request_triage(
    *,
    support_request: SupportRequest,
    actor,
    outcome: str,
    area=None,
    provider=None,
    offer: Offer | None = None,
    answer: str = "",
    note: str = "",
    requester_organisation=None,
    event: Event | None = None,
) -> SupportRequest:
    """Decide where a new request goes: a provider, a direct answer, or an event.

    A reply written at triage reaches the requester whatever the outcome: it is
    stored as a message in the request's thread and sent in the requester's mail
    (decision 0148); answering directly requires one.
    Converting into an event registration registers the requester for the
    chosen event through the events app (a place, or the waiting list, and its
    confirmation mail) and resolves the request; a refusal there changes nothing
    here. Converting into a referral needs the participant's consent and identity,
    so it has a service of its own in the pilot function
    (``lotsen.placements.services.referral_open_from_support_request``).
    A request from the public form can be tied to a registered organisation,
    so that its time bank applies and its colleagues see it.
    """
    if outcome == Outcome.REFERRAL:
        raise SupportError(
            _("A request becomes a referral through the conversion, which registers the person."),
            code="referral_by_conversion",
        )
    if outcome == Outcome.ASSIGNED and provider is None and offer is None:
        raise SupportError(_("Choose a provider or an offer."), code="no_provider")
    if outcome == Outcome.ANSWERED and not answer.strip():
        raise SupportError(_("Write the answer to the requester."), code="no_answer")
    if outcome == Outcome.EVENT and event is None:
        raise SupportError(_("Choose the event to register the requester for."), code="no_event")
    if area is not None and area != support_request.area:
        support_request.area = area
        support_request.set_due_dates()
    if offer is not None:
        provider = offer.provider
    if requester_organisation is not None and not support_request.requester_organisation_id:
        support_request.requester_organisation = requester_organisation
    if outcome == Outcome.EVENT:
        support_request.event_registration = _register_for_event(support_request, event)
    support_request.outcome = outcome
    support_request.offer = offer if outcome == Outcome.ASSIGNED else None
    support_request.assigned_provider = provider if outcome == Outcome.ASSIGNED else None
    support_request.first_responded_at = support_request.first_responded_at or timezone.now()
    support_request.save(
        update_fields=[
            "area",
            "first_response_due",
            "resolution_due",
            "outcome",
            "offer",
            "assigned_provider",
            "first_responded_at",
            "requester_organisation",
            "event_registration",
        ]
    )
    support_request.move_to(Status.TRIAGED, actor=actor, reason=note)
    if note.strip():
        Message.objects.create(request=support_request, author=actor, body=note, is_internal=True)
    reply = (
        Message.objects.create(request=support_request, author=actor, body=answer.strip())
        if answer.strip()
        else None
    )
    if outcome == Outcome.ANSWERED:
        support_request.move_to(Status.RESOLVED, actor=actor)
        event = "answered"
    elif outcome == Outcome.EVENT:
        support_request.move_to(
            Status.RESOLVED, actor=actor, reason=str(support_request.get_outcome_display())
        )
        event = "registered"
    else:
        event = "triaged"
    _audit(actor, AuditEvent.Action.CHANGE, support_request, f"triaged: {outcome}")
    _notify(support_request, event, reply=reply)
    return support_request


@transaction.atomic
def support_request_resolve_as_referral(
    *, support_request: SupportRequest, actor, note: str = ""
) -> SupportRequest:
    """Record that an open request became a referral and resolve it.

    Called by the pilot function once it has registered the person and opened the
    referral (``lotsen.placements.services.referral_open_from_support_request``), in the
    same transaction, so a refusal on either side changes nothing. A new request is
    triaged on the way; the requester is told it went to the right service.
    """
    if support_request.status not in Status.open_values():
        raise SupportError(
            _("Only an open request can become a referral; this one is %(status)s.")
            % {"status": support_request.get_status_display().lower()},
            code="not_open",
        )
    if support_request.status == Status.NEW:
        support_request.move_to(Status.TRIAGED, actor=actor)
    support_request.outcome = Outcome.REFERRAL
    support_request.first_responded_at = support_request.first_responded_at or timezone.now()
    support_request.save(update_fields=["outcome", "first_responded_at"])
    if note.strip():
        Message.objects.create(request=support_request, author=actor, body=note, is_internal=True)
    support_request.move_to(
        Status.RESOLVED, actor=actor, reason=str(support_request.get_outcome_display())
    )
    _audit(actor, AuditEvent.Action.CHANGE, support_request, "converted into a referral")
    _notify(support_request, "forwarded")
    return support_request


def _register_for_event(support_request: SupportRequest, event: Event) -> Registration:
    if not support_request.requester_email:
        raise SupportError(
            _("The requester has no e-mail address, which a registration needs."),
            code="no_email",
        )
    try:
        return registration_create(
            event=event,
            user=support_request.requester,
            name=support_request.requester_name,
            email=support_request.requester_email,
            organisation=support_request.requester_organisation,
            organisation_name=support_request.contact_organisation,
        )
    except RegistrationRefused as refusal:
        raise SupportError(" ".join(refusal.messages), code=f"event_{refusal.code}") from refusal


@transaction.atomic
def support_request_post_message(
    *,
    support_request: SupportRequest,
    author,
    body: str,
    is_internal: bool = False,
    attachment=None,
    from_requester: bool = False,
) -> Message:
    if support_request.status == Status.CLOSED:
        raise SupportError(_("A closed request takes no more messages."), code="closed")
    message = Message(
        request=support_request,
        author=author if getattr(author, "is_authenticated", False) else None,
        body=body,
        is_internal=is_internal and not from_requester,
    )
    if attachment is not None:
        message.attachment_name = attachment.name[:200]
        message.attachment = attachment
    message.save()
    if not from_requester and not message.is_internal:
        if support_request.first_responded_at is None:
            support_request.first_responded_at = timezone.now()
            support_request.save(update_fields=["first_responded_at"])
        if support_request.status == Status.TRIAGED:
            support_request.move_to(Status.IN_PROGRESS, actor=author)
    _audit(author, AuditEvent.Action.CHANGE, support_request, "message added")
    if message.is_internal:
        _notify(support_request, "note")
    else:
        _notify(support_request, "reply" if from_requester else "message")
    return message


@transaction.atomic
def support_request_move(
    *, support_request: SupportRequest, actor, status: str, note: str = ""
) -> StatusChange:
    """Start, resolve or reopen a request (triage and closing have their own services)."""
    change = support_request.move_to(status, actor=actor, reason=note)
    if status == Status.RESOLVED:
        _notify(support_request, "resolved")
    elif status == Status.IN_PROGRESS and change.from_status == Status.RESOLVED:
        _notify(support_request, "reopened")
    elif status == Status.IN_PROGRESS:
        _notify(support_request, "started")
    _audit(actor, AuditEvent.Action.CHANGE, support_request, f"status: {status}")
    return change


@transaction.atomic
def support_request_close(
    *, support_request: SupportRequest, actor, rating: int | None, comment: str = ""
) -> SupportRequest:
    """Close a resolved request, with the requester's rating of the help when given."""
    if support_request.status != Status.RESOLVED:
        raise SupportError(_("Only a resolved request can be closed."), code="not_resolved")
    support_request.rating = rating
    support_request.rating_comment = comment
    support_request.save(update_fields=["rating", "rating_comment"])
    support_request.move_to(Status.CLOSED, actor=actor)
    _audit(actor, AuditEvent.Action.CHANGE, support_request, "closed")
    _notify(support_request, "closed")
    return support_request


@transaction.atomic
def support_request_erase_contact(*, support_request: SupportRequest, actor=None) -> None:
    """Erase a closed request's personal content, keeping what statistics need (gallring)."""
    erased = SupportRequest.ERASED_TEXT
    for message in support_request.messages.all():
        if message.attachment:
            message.attachment.delete(save=False)
    support_request.messages.update(body=erased, attachment="", attachment_name="")
    support_request.status_changes.update(reason="")
    SupportRequest.objects.filter(pk=support_request.pk).update(
        subject=erased,
        description=erased,
        contact_name="",
        contact_email="",
        contact_phone="",
        contact_organisation="",
        rating_comment="",
        erased_at=timezone.now(),
    )
    _audit(actor, AuditEvent.Action.ERASE, support_request, "retention period ended")


def support_requests_erase_expired(today: date | None = None) -> int:
    count = 0
    for support_request in SupportRequest.objects.due_for_erasure(today).iterator():
        support_request_erase_contact(support_request=support_request)
        count += 1
    return count


# Time bank --------------------------------------------------------------


@transaction.atomic
def time_bank_grant(
    *,
    enterprise,
    year: int,
    hours: Decimal,
    actor,
    reason: str,
    offer: Offer | None = None,
    area=None,
) -> TimeBankEntry:
    """Grant the year's hours, or top up an existing grant (a reason is then required)."""
    if hours <= 0:
        raise SupportError(_("Hours must be more than zero."), code="hours_not_positive")
    if offer is None and area is None:
        raise SupportError(_("Choose an offer or an area."), code="no_scope")
    account, created = TimeBankAccount.objects.select_for_update().get_or_create(
        enterprise=enterprise,
        year=year,
        offer=offer,
        area=None if offer else area,
    )
    if not created and not reason.strip():
        raise SupportError(_("Give a reason for the top-up."), code="no_reason")
    account.balance += hours
    account.save(update_fields=["balance"])
    return TimeBankEntry.objects.create(
        account=account,
        kind=TimeBankEntry.Kind.GRANT if created else TimeBankEntry.Kind.TOP_UP,
        hours=hours,
        balance_after=account.balance,
        actor=actor,
        reason=reason,
    )


def time_bank_log_hours(
    *, support_request: SupportRequest, hours: Decimal, actor, note: str = ""
) -> list[TimeBankEntry]:
    """Record hours delivered on a request, drawn from the time bank where it applies.

    Delivered hours are recorded on any request being worked on. The requester's
    time bank account for the request (``TimeBankAccount.objects.for_request``) pays
    for as many as its balance covers; the rest, or all of them when there is no
    account, is a delivery outside the time bank (decision 0149). The account row
    is locked (SELECT … FOR UPDATE on PostgreSQL) so two providers logging at once
    cannot both spend the last hours. Returns the charged entry first, if any.
    """
    if hours <= 0:
        raise SupportError(_("Hours must be more than zero."), code="hours_not_positive")
    if support_request.status not in (Status.TRIAGED, Status.IN_PROGRESS):
        raise SupportError(
            _("Hours are logged only while a request is being worked on."), code="not_open"
        )
    account = TimeBankAccount.objects.for_request(support_request, timezone.localdate().year)
    delivery = {"kind": TimeBankEntry.Kind.DELIVERY, "request": support_request, "actor": actor}
    entries = []
    with transaction.atomic():
        charged = Decimal(0)
        if account is not None:
            account = TimeBankAccount.objects.select_for_update().get(pk=account.pk)
            charged = min(hours, account.balance)
        if charged:
            account.balance -= charged
            account.save(update_fields=["balance"])
            entries.append(
                TimeBankEntry.objects.create(
                    account=account,
                    hours=-charged,
                    balance_after=account.balance,
                    reason=note,
                    **delivery,
                )
            )
        if hours > charged:
            entries.append(
                TimeBankEntry.objects.create(hours=charged - hours, reason=note, **delivery)
            )
        if support_request.status == Status.TRIAGED:
            support_request.move_to(Status.IN_PROGRESS, actor=actor)
    return entries


# Mentors ----------------------------------------------------------------


def mentors_suggested_for(support_request: SupportRequest):
    """Active mentors with room for one more, best fitting the request's area and place first."""
    municipality_id = (
        support_request.requester_organisation.municipality_id
        if support_request.requester_organisation_id
        else None
    )
    areas = Mentor.areas.through.objects.filter(
        mentor_id=OuterRef("pk"), supportarea_id=support_request.area_id
    )
    places = Mentor.municipalities.through.objects.filter(
        mentor_id=OuterRef("pk"), municipality_id=municipality_id
    )
    return (
        Mentor.objects.filter(is_active=True)
        .with_active_matches()
        .filter(active_matches__lt=F("capacity"))
        .exclude(matches__request=support_request)
        .annotate(area_fit=Exists(areas), place_fit=Exists(places))
        .select_related("organisation")
        .prefetch_related("areas", "municipalities")
        .order_by("-area_fit", "-place_fit", "active_matches", "full_name")
    )


@transaction.atomic
def mentor_match_create(*, support_request: SupportRequest, mentor: Mentor, actor) -> MentorMatch:
    if support_request.status not in Status.open_values():
        raise SupportError(_("Mentors are matched only to open requests."), code="not_open")
    busy = mentor.matches.filter(ended_at__isnull=True).count()
    if busy >= mentor.capacity:
        raise SupportError(_("This mentor has no room for another enterprise."), code="full")
    if mentor.matches.filter(request=support_request).exists():
        raise SupportError(_("This mentor is already matched to the request."), code="duplicate")
    match = MentorMatch.objects.create(mentor=mentor, request=support_request, created_by=actor)
    _audit(actor, AuditEvent.Action.CHANGE, support_request, "mentor matched")
    return match


def mentor_meeting_log(*, match: MentorMatch, held_on: date, hours: Decimal, notes: str, actor):
    if match.ended_at:
        raise SupportError(_("The match has ended."), code="ended")
    return MentorMeeting.objects.create(
        match=match, held_on=held_on, hours=hours, notes=notes, logged_by=actor
    )


def mentor_match_rate(*, match: MentorMatch, rating: int, comment: str) -> MentorMatch:
    """The enterprise rates the match, which ends it and frees the mentor's place."""
    match.rating = rating
    match.rating_comment = comment
    match.ended_at = match.ended_at or timezone.now()
    match.save(update_fields=["rating", "rating_comment", "ended_at"])
    return match
