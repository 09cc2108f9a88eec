"""Workflows of referrals and placements, and the pipeline that moves them (decision 0140)."""

import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotsen.audit.models import AuditEvent
from lotsen.audit.services import audit_event_record
from lotsen.core.workflow import TransitionRefused
from lotsen.support.models import SupportRequest
from lotsen.support.services import support_request_resolve_as_referral

from .. import identity
from ..consent import Use
from ..models import (
    Opening,
    Participant,
    ParticipantApproval,
    Placement,
    PlacementAgreement,
    Referral,
)
from ..terms import TERMS
from .common import _lock_placement, _referral_open, audit, caseworker_check_responsible
from .followup import _outcome_checks_plan
from .participants import participant_register


def support_request_check_convertible(*, request: SupportRequest) -> None:
    """Refuse a support request that is no longer open or has become a referral already."""
    if request.status not in SupportRequest.Status.open_values():
        raise TransitionRefused(
            _("Only an open request can become a referral; this one is %(status)s."),
            code="request_not_open",
            params={"status": request.get_status_display().lower()},
        )
    if Referral.objects.filter(support_request=request).exists():
        raise TransitionRefused(
            _("This request has already become a referral."), code="already_converted"
        )


@transaction.atomic
def referral_open_from_support_request(
    *,
    request: SupportRequest,
    by,
    caseworker,
    party,
    participant: Participant,
    name: str,
    number: identity.IdentityNumber,
    phone: str = "",
    email: str = "",
    reason: str = "",
    note: str = "",
    interest_industries=(),
    interest_occupations=(),
    preferred_municipalities=(),
    preferred_industries=(),
) -> Referral:
    """Convert a support request into a referral: register the person it is about and refer.

    The coordinator (``by``) records the person's consent (scope and date on the unsaved
    ``participant``) and identity, as a caseworker would; the referral is the ``party``'s,
    with ``caseworker`` responsible, and keeps the request it came from. The request is
    then resolved as converted (``support_request_resolve_as_referral``). Refused with
    nothing changed: a request not open, a request already converted, a caseworker who
    does not act for the party, a person already registered (decision 0191).
    """
    request = SupportRequest.objects.select_for_update().get(pk=request.pk)
    support_request_check_convertible(request=request)
    caseworker_check_responsible(caseworker=caseworker, party=party)
    participant = participant_register(
        actor=by,
        party=party,
        participant=participant,
        interest_industries=interest_industries,
        interest_occupations=interest_occupations,
        preferred_municipalities=preferred_municipalities,
        preferred_industries=preferred_industries,
        name=name,
        number=number,
        phone=phone,
        email=email,
        reason=reason,
        caseworker=caseworker,
        support_request=request,
    )
    referral = participant.referrals.get()
    audit(by, AuditEvent.Action.CHANGE, referral, f"converted from {request.reference}")
    support_request_resolve_as_referral(support_request=request, actor=by, note=note)
    return referral


@transaction.atomic
def referral_create(
    *, actor, participant: Participant, party, reason: str = "", caseworker=None
) -> Referral:
    """A new episode for a participant who has none under way; ``caseworker``, an active
    caseworker of the party, is responsible when someone else records it (by default
    the actor)."""
    participant = Participant.objects.select_for_update().get(pk=participant.pk)
    busy = participant.referrals.filter(
        Q(status__in=Referral.OPEN_STATUSES) | Q(placements__status__in=Placement.CURRENT)
    )
    if busy.exists():
        raise TransitionRefused(
            _("The participant already has a referral or placement under way."),
            code="episode_under_way",
        )
    return _referral_open(
        actor=actor, participant=participant, party=party, reason=reason, caseworker=caseworker
    )


@transaction.atomic
def referral_set_status(
    *, actor, referral: Referral, status: str, decline_reason: str = ""
) -> Referral:
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    if Referral.Status.PLACED in (status, referral.status):
        raise TransitionRefused(
            _("A referral is placed, and back in matching, only through its placement."),
            code="placed_by_placement",
        )
    if (
        status in (Referral.Status.DECLINED, Referral.Status.WITHDRAWN)
        and referral.placements.filter(status__in=Placement.CURRENT).exists()
    ):
        raise TransitionRefused(
            _("Cancel the placement under way first."), code="placement_under_way"
        )
    referral.move_to(status, actor=actor, decline_reason=decline_reason)
    audit(actor, AuditEvent.Action.CHANGE, referral, f"referral {status}")
    return referral


def _lock_opening_with_free_seat(opening_id: int) -> Opening:
    """Lock the opening row so two people cannot both take its last seat."""
    opening = Opening.objects.select_for_update().get(pk=opening_id)
    if opening.status != Opening.Status.OPEN:
        raise TransitionRefused(
            _("%(opening)s is not open for new participants."),
            code="opening_not_open",
            params={"opening": opening.title},
        )
    taken = opening.placements.filter(status__in=Placement.SEAT_HOLDING).count()
    if taken >= opening.capacity:
        raise TransitionRefused(
            _("%(opening)s is full: all %(capacity)s places are taken."),
            code="opening_full",
            params={"opening": opening.title, "capacity": opening.capacity},
        )
    return opening


@transaction.atomic
def placement_propose(*, actor, referral: Referral, opening: Opening) -> Placement:
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    if referral.status != Referral.Status.MATCHING:
        raise TransitionRefused(
            _("Only a referral in matching can be proposed for a place."),
            code="referral_not_matching",
        )
    if referral.placements.filter(status__in=Placement.CURRENT).exists():
        raise TransitionRefused(
            _("The participant already has a placement under way."), code="placement_under_way"
        )
    if not referral.participant.consents_to(Use.PLACEMENT):
        raise TransitionRefused(
            _("A participant without consent cannot be placed."), code="no_consent"
        )
    opening = _lock_opening_with_free_seat(opening.pk)
    placement = Placement.objects.create(referral=referral, opening=opening, proposed_by=actor)
    audit(actor, AuditEvent.Action.CREATE, placement, "placement proposed")
    _notify_on_commit(placement)
    return placement


@transaction.atomic
def placement_accept(*, actor, placement: Placement) -> Placement:
    # The opening is locked first, always in that order, so two accepts cannot deadlock.
    _lock_opening_with_free_seat(placement.opening_id)
    placement = _lock_placement(placement)
    placement.move_to(
        Placement.Status.ACCEPTED, actor=actor, changes={"answered_at": timezone.now()}
    )
    audit(actor, AuditEvent.Action.CHANGE, placement, "proposal accepted")
    return placement


@transaction.atomic
def placement_decline(*, actor, placement: Placement, reason: str) -> Placement:
    placement = _lock_placement(placement)
    if not reason.strip():
        raise TransitionRefused(_("Give a reason when you decline."), code="reason_required")
    placement.move_to(
        Placement.Status.DECLINED,
        actor=actor,
        reason=reason.strip(),
        changes={"answered_at": timezone.now(), "decline_reason": reason.strip()},
    )
    audit(actor, AuditEvent.Action.CHANGE, placement, "proposal declined")
    return placement


@transaction.atomic
def agreement_save(*, actor, placement: Placement, agreement: PlacementAgreement) -> None:
    """Save the agreement's terms. Changed terms are a new version that all three parties
    approve again; an approved agreement goes back to awaiting approval (decision 0208).
    Saving unchanged terms keeps the approvals."""
    placement = _lock_placement(placement)
    if placement.status not in Placement.AGREEMENT_OPEN:
        raise TransitionRefused(
            _("The agreement can only be changed while the placement is accepted or under way."),
            code="agreement_locked",
        )
    agreement.placement = placement
    fingerprint = agreement.compute_fingerprint()
    if agreement.pk is None:
        agreement.terms_fingerprint = fingerprint
        agreement.save()
        audit(actor, AuditEvent.Action.CHANGE, placement, "agreement drafted")
        _notify_on_commit(placement)
        return
    stored = PlacementAgreement.objects.select_for_update().get(pk=agreement.pk)
    if fingerprint == stored.terms_fingerprint:
        return  # the terms are all there is to save: nothing changed, the approvals stand
    agreement.version = stored.version + 1
    agreement.terms_fingerprint = fingerprint
    agreement.enterprise_approved_at = agreement.referrer_approved_at = None
    agreement.enterprise_approved_by = agreement.referrer_approved_by = None
    # Only what this change sets: the status is the stored one's, moved below.
    agreement.save(
        update_fields=[
            *TERMS,
            "version",
            "terms_fingerprint",
            "enterprise_approved_at",
            "enterprise_approved_by",
            "referrer_approved_at",
            "referrer_approved_by",
            "updated_at",
        ]
    )
    if stored.status == PlacementAgreement.Status.APPROVED:
        stored.move_to(
            PlacementAgreement.Status.AWAITING_APPROVAL, actor=actor, reason="terms changed"
        )
    agreement.status = PlacementAgreement.Status.AWAITING_APPROVAL
    audit(
        actor,
        AuditEvent.Action.CHANGE,
        placement,
        f"agreement changed: version {agreement.version}",
    )
    _notify_on_commit(placement)


class Side:
    ENTERPRISE = "enterprise"
    REFERRER = "referrer"


def _agreement_awaiting(placement: Placement, shown_version: int | None) -> PlacementAgreement:
    """Lock the agreement waiting for approval; refuse when there is none, or when its
    terms changed since the version the approver was shown."""
    agreement = PlacementAgreement.objects.select_for_update().filter(placement=placement).first()
    if (
        agreement is None
        or placement.status not in Placement.AGREEMENT_OPEN
        or agreement.status != PlacementAgreement.Status.AWAITING_APPROVAL
    ):
        raise TransitionRefused(
            _("There is no agreement waiting for approval."), code="nothing_to_approve"
        )
    if shown_version is not None and shown_version != agreement.version:
        raise TransitionRefused(
            _(
                "The agreement has changed since it was shown. Read the new version and "
                "approve it again if you agree."
            ),
            code="agreement_changed",
        )
    return agreement


def _complete_if_approved(*, actor, placement: Placement, agreement: PlacementAgreement) -> None:
    """The last of the three approvals makes the agreement approved; a placement not yet
    agreed becomes agreed, and its referral placed."""
    if not agreement.fully_approved:
        return
    agreement.move_to(PlacementAgreement.Status.APPROVED, actor=actor)
    if placement.status == Placement.Status.ACCEPTED:
        placement.move_to(Placement.Status.AGREED, actor=actor)
        referral = Referral.objects.select_for_update().get(pk=placement.referral_id)
        referral.move_to(Referral.Status.PLACED, actor=actor)


@transaction.atomic
def agreement_approve(
    *, actor, placement: Placement, side: str, shown_version: int | None = None
) -> Placement:
    """The enterprise or the referring party approves the agreement's current version."""
    placement = _lock_placement(placement)
    agreement = _agreement_awaiting(placement, shown_version)
    field = "enterprise" if side == Side.ENTERPRISE else "referrer"
    if getattr(agreement, f"{field}_approved_at"):
        raise TransitionRefused(
            _("The agreement is already approved by this party."), code="already_approved"
        )
    setattr(agreement, f"{field}_approved_at", timezone.now())
    setattr(agreement, f"{field}_approved_by", actor)
    agreement.save()
    audit(actor, AuditEvent.Action.CHANGE, placement, f"agreement approved by {field}")
    _complete_if_approved(actor=actor, placement=placement, agreement=agreement)
    return placement


def _participant_approval_add(
    *, actor, agreement: PlacementAgreement, shown_version: int, reason: str, **how
) -> ParticipantApproval:
    """Record the participant's approval of the version shown, once per version."""
    placement = _lock_placement(agreement.placement)
    agreement = _agreement_awaiting(placement, shown_version)
    if agreement.participant_approval is not None:
        raise TransitionRefused(
            _("The participant has already approved this version of the agreement."),
            code="already_approved",
        )
    approval = ParticipantApproval.objects.create(
        agreement=agreement,
        version=agreement.version,
        terms_fingerprint=agreement.terms_fingerprint,
        **how,
    )
    audit(actor, AuditEvent.Action.CHANGE, placement, reason)
    _complete_if_approved(actor=actor, placement=placement, agreement=agreement)
    return approval


@transaction.atomic
def agreement_approve_as_participant(
    *,
    agreement: PlacementAgreement,
    participant: Participant,
    shown_version: int,
    assurance: str,
    identity_provider: str = "",
    actor=None,
) -> ParticipantApproval:
    """The participant, signed in with e-legitimation, approves the version shown to them.

    ``assurance`` is the level of assurance the identity provider asserted (the OIDC
    ``acr``, e.g. ``http://id.elegnamnden.se/loa/1.0/loa3``), ``identity_provider`` its
    name (BankID, Freja eID), ``actor`` the participant's account if the sign-in made one.
    Refused with nothing changed: another person's agreement, an agreement not waiting
    for approval, a version other than the one shown, a second approval of the version.
    """
    if agreement.placement.referral.participant_id != participant.pk:
        raise TransitionRefused(
            _("This agreement is not yours to approve."), code="not_the_participant"
        )
    if not assurance.strip():
        raise TransitionRefused(
            _("The e-legitimation did not say how surely it identified you."),
            code="assurance_required",
        )
    return _participant_approval_add(
        actor=actor,
        agreement=agreement,
        shown_version=shown_version,
        reason="agreement approved by participant with e-legitimation",
        method=ParticipantApproval.Method.E_LEGITIMATION,
        assurance=assurance.strip(),
        identity_provider=identity_provider.strip(),
    )


@transaction.atomic
def agreement_record_paper_approval(
    *, actor, agreement: PlacementAgreement, shown_version: int, scan
) -> ParticipantApproval:
    """The coordinator records the approval a participant without e-legitimation signed
    on paper, with the scanned page; ``shown_version`` is the version printed on it."""
    return _participant_approval_add(
        actor=actor,
        agreement=agreement,
        shown_version=shown_version,
        reason="agreement approved by participant on paper",
        method=ParticipantApproval.Method.PAPER,
        recorded_by=actor,
        scan=scan,
    )


@transaction.atomic
def placement_start(*, actor, placement: Placement, started_on: datetime.date) -> Placement:
    placement = _lock_placement(placement)
    placement.workflow.check(placement, Placement.Status.ACTIVE)
    if placement.agreement.status != PlacementAgreement.Status.APPROVED:
        raise TransitionRefused(
            _("The changed agreement must be approved by all three parties before the start."),
            code="agreement_not_approved",
        )
    if started_on > timezone.localdate():
        raise TransitionRefused(
            _("A placement cannot be started in the future."), code="start_in_future"
        )
    placement.move_to(Placement.Status.ACTIVE, actor=actor, changes={"started_on": started_on})
    audit(actor, AuditEvent.Action.CHANGE, placement, "placement started")
    return placement


@transaction.atomic
def placement_cancel(*, actor, placement: Placement) -> Placement:
    placement = _lock_placement(placement)
    held_episode = placement.status in (Placement.Status.AGREED,)
    placement.move_to(Placement.Status.CANCELLED, actor=actor)
    if held_episode:
        referral = Referral.objects.select_for_update().get(pk=placement.referral_id)
        referral.move_to(Referral.Status.MATCHING, actor=actor, reason="placement cancelled")
    audit(actor, AuditEvent.Action.CHANGE, placement, "placement cancelled")
    return placement


@transaction.atomic
def placement_end(
    *,
    actor,
    placement: Placement,
    ended_on: datetime.date,
    exit_reason: str,
    outcome: str,
    income_source_after: str,
    work_study_percent_after: int | None = None,
) -> Placement:
    placement = _lock_placement(placement)
    placement.workflow.check(placement, Placement.Status.ENDED)
    if placement.started_on and ended_on < placement.started_on:
        raise TransitionRefused(
            _("A placement cannot end before it started (%(start)s)."),
            code="end_before_start",
            params={"start": placement.started_on.isoformat()},
        )
    if ended_on > timezone.localdate():
        raise TransitionRefused(_("A placement cannot end in the future."), code="end_in_future")
    placement.move_to(
        Placement.Status.ENDED,
        actor=actor,
        changes={
            "ended_on": ended_on,
            "exit_reason": exit_reason,
            "outcome": outcome,
            "income_source_after": income_source_after,
            "work_study_percent_after": work_study_percent_after,
        },
    )
    audit(actor, AuditEvent.Action.CHANGE, placement, f"placement ended: {outcome}")
    _outcome_checks_plan(placement=placement, ended_on=ended_on)
    return placement


def _notify_on_commit(placement: Placement) -> None:
    """E-mail whoever must now act on the placement, once the change is saved."""
    from ..tasks import notify_placement_steps

    transaction.on_commit(lambda: notify_placement_steps.enqueue(placement.pk))


@transaction.atomic
def placement_withdraw_proposal(*, actor, placement: Placement, reason: str) -> Placement:
    """Withdraw an unanswered proposal; the participant may then be proposed elsewhere.

    ``actor`` is None when the daily run withdraws a stale proposal (decision 0140).
    """
    placement = _lock_placement(placement)
    if placement.status != Placement.Status.PROPOSED:
        raise TransitionRefused(
            _("Only a proposal without an answer can be withdrawn."), code="not_proposed"
        )
    if not reason.strip():
        raise TransitionRefused(
            _("Give a reason when you withdraw a proposal."), code="reason_required"
        )
    placement.move_to(
        Placement.Status.CANCELLED,
        actor=actor,
        reason=reason.strip(),
        changes={"withdrawal_reason": reason.strip()},
    )
    audit(actor, AuditEvent.Action.CHANGE, placement, f"proposal withdrawn: {reason.strip()}")
    return placement


@transaction.atomic
def placement_answer_by_phone(
    *, actor, placement: Placement, accept: bool, reason: str = ""
) -> Placement:
    """Record the enterprise's answer, given by phone, on its behalf (decision 0141)."""
    if accept:
        placement = placement_accept(actor=actor, placement=placement)
    else:
        placement = placement_decline(actor=actor, placement=placement, reason=reason)
    placement.answered_by_phone = True
    placement.answer_recorded_by = actor
    placement.save(update_fields=["answered_by_phone", "answer_recorded_by"])
    audit(actor, AuditEvent.Action.CHANGE, placement, "enterprise's answer taken by phone")
    return placement


@transaction.atomic
def enterprise_contact_invite(*, actor, placement: Placement, full_name: str, email: str):
    """Give the contact person of an enterprise without users an account and a one-time link.

    The account holds the enterprise role in the placement's enterprise; the link sets its
    first password (Django's password-reset token, so it works once). Refused when someone
    at the enterprise already signs in: they answer themselves.
    """
    from lotsen.accounts.models import Membership, Role, User

    from ..pipeline import enterprise_can_answer
    from ..tasks import send_enterprise_invitation

    enterprise = placement.opening.enterprise
    if enterprise_can_answer(enterprise.pk):
        raise TransitionRefused(
            _("%(enterprise)s already has a user who can answer in Lotsen."),
            code="enterprise_has_users",
            params={"enterprise": enterprise.name},
        )
    email = User.objects.normalize_email(email).lower()
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User.objects.create_user(email, None, full_name=full_name)
    elif not user.is_active:
        raise TransitionRefused(
            _("The account of %(email)s is closed."), code="user_inactive", params={"email": email}
        )
    Membership.objects.get_or_create(user=user, organisation=enterprise, role=Role.ENTERPRISE)
    audit_event_record(
        actor=actor,
        action=AuditEvent.Action.CREATE,
        target=user,
        label=f"{enterprise.name}: {email}",
        reason="enterprise contact invited",
    )
    transaction.on_commit(
        lambda: send_enterprise_invitation.enqueue(user.pk, placement.pk, actor.pk)
    )
    return user
