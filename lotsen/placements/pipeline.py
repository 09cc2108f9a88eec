"""The steps of the placement pipeline that wait on someone, and the e-mails that move them.

A step waits on the person who must act: the enterprise answers a proposal, each party
approves the agreement, the enterprise follows up an active placement, the coordinator
checks the outcome 6 and 12 months after exit. Each step gets a request to act when it
begins, a reminder PLACEMENT_REMINDER_WORKING_DAYS Swedish working days later, and after
PLACEMENT_ESCALATION_WORKING_DAYS more the coordinator is alerted. A PipelineNotice row
records every e-mail, so each is sent once per step however often this runs.
A proposal unanswered for PLACEMENT_PROPOSAL_EXPIRY_WORKING_DAYS is withdrawn (decision 0140).
The participant's approval of the agreement is not asked for by e-mail: participants get
no mail from the pipeline, and the coordinator's inbox shows who has yet to approve
(decision 0208).

Mails name the participant by pseudonymous code only and link to the page in Lotsen.
"""

import datetime
import logging
from dataclasses import dataclass
from itertools import chain

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lotsen.accounts.models import Membership, Role
from lotsen.core.workdays import working_days_between

from . import policies
from .consent import Use, consenting_to
from .models import OutcomeCheck, PipelineNotice, Placement

logger = logging.getLogger(__name__)

PROPOSAL = "proposal"
ENTERPRISE_APPROVAL = "enterprise_approval"
REFERRER_APPROVAL = "referrer_approval"


@dataclass(frozen=True)
class WaitingStep:
    """One step of one placement that waits on someone now."""

    placement: Placement
    step: str
    since: datetime.datetime
    waits_on: str
    recipients: tuple[str, ...]
    # What the request asks of the person, in the site's language.
    request: str

    @property
    def link(self) -> str:
        return settings.SITE_URL + self.placement.get_absolute_url()


@dataclass
class NoticeCount:
    requests: int = 0
    reminders: int = 0
    escalations: int = 0
    expired: int = 0


# ---------------------------------------------------------------- who must act


def enterprises_with_signed_in_users():
    """The enterprise memberships of users who have chosen a password and so can answer."""
    return Membership.objects.filter(role=Role.ENTERPRISE, user__is_active=True).exclude(
        user__password__startswith=UNUSABLE_PASSWORD_PREFIX
    )


def enterprises_that_can_answer(enterprise_ids) -> set[int]:
    """Those of `enterprise_ids` where someone signs in to Lotsen and so can answer."""
    return set(
        enterprises_with_signed_in_users()
        .filter(organisation__in=enterprise_ids)
        .values_list("organisation_id", flat=True)
    )


def enterprise_can_answer(enterprise_id: int) -> bool:
    return bool(enterprises_that_can_answer([enterprise_id]))


# Told to whoever proposes to an enterprise nobody signs in to, in any app (decision 0141).
UNANSWERABLE_PROPOSAL = gettext_lazy(
    "The proposal is saved, but nobody at the enterprise signs in to Lotsen. "
    "Invite its contact person, or record its answer given by phone."
)


def proposal_message(placement: Placement) -> tuple[int, str]:
    """The message level and text for whoever just proposed `placement`."""
    if enterprise_can_answer(placement.opening.enterprise_id):
        return messages.SUCCESS, _("The proposal was sent to the enterprise.")
    return messages.WARNING, str(UNANSWERABLE_PROPOSAL)


def _enterprise_emails(enterprise_ids) -> dict[int, list[str]]:
    emails: dict[int, list[str]] = {}
    for organisation_id, email in Membership.objects.filter(
        organisation_id__in=set(enterprise_ids), role=Role.ENTERPRISE, user__is_active=True
    ).values_list("organisation_id", "user__email"):
        emails.setdefault(organisation_id, []).append(email)
    return emails


def _party_caseworker_emails(party_ids) -> dict[int, list[str]]:
    emails: dict[int, list[str]] = {}
    for organisation_id, email in (
        policies.receiving_caseworkers()
        .filter(organisation_id__in=set(party_ids))
        .values_list("organisation_id", "user__email")
    ):
        emails.setdefault(organisation_id, []).append(email)
    return emails


def deliverable(address: str) -> bool:
    """Whether mail can reach the address: not in the reserved top-level domain .invalid
    (RFC 2606), where the accounts of partner systems live (lotsen.integrations)."""
    return not address.lower().rstrip(".").endswith(".invalid")


def _reachable(user) -> bool:
    """Whether a user can be asked to act by e-mail: an active account with a real address."""
    return user.is_active and deliverable(user.email)


def coordinator_emails() -> list[str]:
    found = Membership.objects.filter(role=Role.COORDINATOR, user__is_active=True).values_list(
        "user__email", flat=True
    )
    return sorted(set(found)) or [settings.CONTACT_EMAIL]


def _midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def waiting_steps(placements, *, today: datetime.date) -> list[WaitingStep]:
    """Every step of these placements that waits on someone, in eight queries at most."""
    proposals = list(
        placements.filter(status=Placement.Status.PROPOSED).select_related(
            "participant", "opening__enterprise"
        )
    )
    approvals = list(
        placements.awaiting_agreement_approval().select_related(
            "participant",
            "referral__caseworker",
            "referral__referring_party",
            "opening__enterprise",
            "agreement",
        )
    )
    follow_ups = list(
        placements.follow_up_due(today).select_related("participant", "opening__enterprise")
    )
    checks = list(
        OutcomeCheck.objects.due(today)
        .filter(
            consenting_to(Use.OUTCOME_CHECK, "placement__participant"),
            placement__in=placements,
        )
        .select_related("placement__participant", "placement__opening__enterprise")
    )
    enterprises = {p.opening.enterprise_id for p in chain(proposals, approvals, follow_ups)}
    emails = _enterprise_emails(enterprises)
    coordinators = tuple(coordinator_emails())
    party_emails = _party_caseworker_emails(
        p.referral.referring_party_id for p in approvals if not _reachable(p.referral.caseworker)
    )

    def referrer(placement) -> tuple[str, tuple[str, ...]]:
        # The referral's caseworker while they can act. A referral that a party's system
        # sent naming nobody has the system's account as its caseworker, which no mail
        # reaches; it, and a caseworker who has left, fall to the party's active
        # caseworkers, else the party's own address, else the coordinator (decision 0209).
        referral = placement.referral
        if _reachable(referral.caseworker):
            return str(referral.caseworker), (referral.caseworker.email,)
        party = referral.referring_party
        found = party_emails.get(party.pk) or ([party.email] if party.email else coordinators)
        return party.name, tuple(sorted(found))

    def enterprise(placement) -> tuple[str, tuple[str, ...]]:
        name = placement.opening.enterprise.name
        found = emails.get(placement.opening.enterprise_id)
        if found:
            return name, tuple(sorted(found))
        # Nobody there can act in Lotsen: the coordinator invites them or calls (0141).
        return _("%(enterprise)s (no user account)") % {"enterprise": name}, coordinators

    def names(placement) -> dict:
        return {"code": placement.participant.code, "opening": placement.opening.title}

    steps = []
    for placement in proposals:
        waits_on, recipients = enterprise(placement)
        request = _("%(code)s is proposed for %(opening)s. Please answer the proposal.")
        if placement.opening.enterprise_id not in emails:
            request = _(
                "%(code)s is proposed for %(opening)s, but %(enterprise)s has no user account "
                "in Lotsen. Invite its contact person, or record its answer given by phone."
            )
        steps.append(
            WaitingStep(
                placement,
                PROPOSAL,
                placement.proposed_at,
                waits_on,
                recipients,
                request % {**names(placement), "enterprise": placement.opening.enterprise.name},
            )
        )
    for placement in approvals:
        agreement = placement.agreement
        since = placement.answered_at or placement.status_changed_at
        request = _("The agreement for %(code)s at %(opening)s waits for your approval.") % names(
            placement
        )
        if not agreement.enterprise_approved_at:
            waits_on, recipients = enterprise(placement)
            steps.append(
                WaitingStep(placement, ENTERPRISE_APPROVAL, since, waits_on, recipients, request)
            )
        if not agreement.referrer_approved_at:
            waits_on, recipients = referrer(placement)
            steps.append(
                WaitingStep(placement, REFERRER_APPROVAL, since, waits_on, recipients, request)
            )
    for placement in follow_ups:
        due = placement.last_follow_up + datetime.timedelta(days=Placement.FOLLOW_UP_INTERVAL_DAYS)
        waits_on, recipients = enterprise(placement)
        steps.append(
            WaitingStep(
                placement,
                f"follow_up:{due.isoformat()}",
                _midnight(due),
                waits_on,
                recipients,
                _("A follow-up of %(code)s at %(opening)s is due.") % names(placement),
            )
        )
    steps.extend(_outcome_check_steps(checks, coordinators))
    return steps


def _outcome_check_steps(checks, coordinators: tuple[str, ...]) -> list[WaitingStep]:
    return [
        WaitingStep(
            check.placement,
            f"outcome_check:{check.months_after}",
            _midnight(check.due_on),
            _("the coordinator"),
            coordinators,
            _("The check of %(code)s %(months)s months after exit is due.")
            % {"code": check.placement.participant.code, "months": check.months_after},
        )
        for check in checks
    ]


# ---------------------------------------------------------------- sending


def _send_once(step: WaitingStep, kind: str, recipients, subject: str, body: str) -> bool:
    """Record the notice and send it, together; False when it was sent before.

    No mail goes to an address that cannot receive it (a partner system's account); a
    notice left with no one else goes to the coordinator."""
    recipients = sorted({address for address in recipients if deliverable(address)})
    if not recipients:
        recipients = coordinator_emails()
    try:
        with transaction.atomic():
            PipelineNotice.objects.create(
                placement=step.placement,
                step=step.step,
                kind=kind,
                recipients=", ".join(recipients),
            )
            send_mail(subject, f"{body}\n\n{step.link}", None, recipients)
    except IntegrityError:
        return False
    return True


def _notices_of(steps) -> dict[tuple[int, str], dict[str, PipelineNotice]]:
    found: dict[tuple[int, str], dict[str, PipelineNotice]] = {}
    for notice in PipelineNotice.objects.filter(
        placement__in={step.placement.pk for step in steps}
    ):
        found.setdefault((notice.placement_id, notice.step), {})[notice.kind] = notice
    return found


def _send(steps: list[WaitingStep], *, today: datetime.date, first_only: bool) -> NoticeCount:
    count = NoticeCount()
    notices = _notices_of(steps)
    coordinators = coordinator_emails()
    Kind = PipelineNotice.Kind
    with translation.override(settings.LANGUAGE_CODE):
        for step in steps:
            sent = notices.get((step.placement.pk, step.step), {})
            code = step.placement.participant.code
            if Kind.REQUEST not in sent:
                subject = _("Lotsen: %(code)s waits for you") % {"code": code}
                count.requests += _send_once(
                    step, Kind.REQUEST, step.recipients, subject, step.request
                )
                continue
            if first_only:
                continue
            if Kind.REMINDER not in sent:
                waited = _working_days_since(sent[Kind.REQUEST], today)
                if waited >= settings.PLACEMENT_REMINDER_WORKING_DAYS:
                    subject = _("Lotsen, reminder: %(code)s waits for you") % {"code": code}
                    body = _("A reminder: this has waited %(days)s working days.") % {
                        "days": waited
                    }
                    count.reminders += _send_once(
                        step, Kind.REMINDER, step.recipients, subject, f"{step.request}\n\n{body}"
                    )
                continue
            if Kind.ESCALATION not in sent:
                waited = _working_days_since(sent[Kind.REMINDER], today)
                if waited >= settings.PLACEMENT_ESCALATION_WORKING_DAYS:
                    subject = _("Lotsen: %(code)s has waited too long") % {"code": code}
                    body = _(
                        "This has waited on %(waits_on)s for %(days)s working days, "
                        "and a reminder went unanswered."
                    ) % {
                        "waits_on": step.waits_on,
                        "days": working_days_between(timezone.localdate(step.since), today),
                    }
                    count.escalations += _send_once(
                        step, Kind.ESCALATION, coordinators, subject, f"{step.request}\n\n{body}"
                    )
    return count


def _working_days_since(notice: PipelineNotice, today: datetime.date) -> int:
    return working_days_between(timezone.localdate(notice.sent_at), today)


def placement_notify(placement_id: int) -> NoticeCount:
    """Send the request for each step of one placement that has just begun to wait."""
    today = timezone.localdate()
    steps = waiting_steps(Placement.objects.filter(pk=placement_id), today=today)
    return _send(steps, today=today, first_only=True)


def proposals_expire(*, today: datetime.date) -> int:
    """Withdraw every proposal unanswered for PLACEMENT_PROPOSAL_EXPIRY_WORKING_DAYS."""
    from .services import placement_withdraw_proposal

    limit = settings.PLACEMENT_PROPOSAL_EXPIRY_WORKING_DAYS
    # No proposal younger than the limit in calendar days can have passed it.
    candidates = Placement.objects.filter(
        status=Placement.Status.PROPOSED,
        proposed_at__lt=_midnight(today - datetime.timedelta(days=limit)),
    ).select_related("participant", "opening")
    expired = 0
    coordinators = coordinator_emails()
    with translation.override(settings.LANGUAGE_CODE):
        for placement in candidates:
            if working_days_between(timezone.localdate(placement.proposed_at), today) < limit:
                continue
            reason = _("No answer within %(days)s working days.") % {"days": limit}
            with transaction.atomic():
                placement_withdraw_proposal(actor=None, placement=placement, reason=reason)
                step = WaitingStep(placement, PROPOSAL, placement.proposed_at, "", (), "")
                _send_once(
                    step,
                    PipelineNotice.Kind.EXPIRY,
                    coordinators,
                    _("Lotsen: the proposal of %(code)s was withdrawn")
                    % {"code": placement.participant.code},
                    _(
                        "The proposal of %(code)s for %(opening)s was withdrawn: %(reason)s "
                        "The participant can now be proposed elsewhere."
                    )
                    % {
                        "code": placement.participant.code,
                        "opening": placement.opening.title,
                        "reason": reason,
                    },
                )
            expired += 1
    return expired


def placement_reminders_send(*, today: datetime.date | None = None) -> NoticeCount:
    """The daily run: expire stale proposals, then request, remind and escalate as due."""
    today = today or timezone.localdate()
    expired = proposals_expire(today=today)
    count = _send(
        waiting_steps(Placement.objects.all(), today=today), today=today, first_only=False
    )
    count.expired = expired
    logger.info(
        "placement reminders: %s requests, %s reminders, %s alerts, %s proposals expired",
        count.requests,
        count.reminders,
        count.escalations,
        count.expired,
    )
    return count
