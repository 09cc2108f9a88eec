"""What waits in the pilot function, for the coordinator's and the enterprise's inbox.

Each provider runs a fixed number of queries: one per section, at most
SECTION_LIMIT rows each, plus a count when there are more.
"""

import datetime

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lotsen.core.inbox import InboxItem, InboxSection
from lotsen.core.workdays import working_days_between

from . import policies
from .models import OutcomeCheck, Placement, Referral
from .pipeline import enterprises_with_signed_in_users

SECTION_LIMIT = 10


def _section(title: str, rows: list, make_item, more_url: str = "") -> InboxSection:
    # One row beyond the limit was fetched only to tell that there are more.
    more = len(rows) > SECTION_LIMIT
    return InboxSection(
        title=title,
        items=[make_item(row) for row in rows[:SECTION_LIMIT]],
        total=None,
        more_url=more_url if more else "",
    )


def _midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _escalated(since: datetime.datetime) -> bool:
    """Waited past the reminder and the alert to the coordinator (decision 0140)."""
    waited = working_days_between(timezone.localdate(since), timezone.localdate())
    limit = settings.PLACEMENT_REMINDER_WORKING_DAYS + settings.PLACEMENT_ESCALATION_WORKING_DAYS
    return waited >= limit


def _enterprise(placement) -> str:
    if placement.enterprise_signed_in:
        return placement.opening.enterprise.name
    return _("%(enterprise)s (no user account)") % {"enterprise": placement.opening.enterprise}


def _awaiting_approval(placement) -> str:
    agreement = getattr(placement, "agreement", None)
    if agreement is None:
        return _("the agreement to be written")
    waiting = []
    if not placement.participant_approved:
        waiting.append(_("the participant"))
    if not agreement.enterprise_approved_at:
        waiting.append(_enterprise(placement))
    if not agreement.referrer_approved_at:
        waiting.append(str(placement.referral.referring_party))
    return _(" and ").join(waiting)


def _follow_ups_due(placements):
    return list(
        placements.follow_up_due(timezone.localdate())
        .select_related("participant", "opening__enterprise")
        .order_by("last_follow_up")[: SECTION_LIMIT + 1]
    )


def coordinator_sections(user) -> list[InboxSection]:
    if not policies.is_coordinator(user):
        return []
    today = timezone.localdate()
    placements = Placement.objects.visible_to(user)
    new_referrals = list(
        Referral.objects.visible_to(user)
        .filter(status=Referral.Status.RECEIVED)
        .select_related("participant", "referring_party")
        .order_by("received_at")[: SECTION_LIMIT + 1]
    )
    # Whether anyone at the enterprise can answer in Lotsen, else the coordinator must act.
    signed_in = Exists(
        enterprises_with_signed_in_users().filter(organisation=OuterRef("opening__enterprise"))
    )
    placements = placements.annotate(enterprise_signed_in=signed_in)
    proposals = list(
        placements.filter(status=Placement.Status.PROPOSED)
        .select_related("participant", "opening__enterprise")
        .order_by("proposed_at")[: SECTION_LIMIT + 1]
    )
    agreements = list(
        (
            placements.filter(status=Placement.Status.ACCEPTED)
            | placements.awaiting_agreement_approval()
        )
        .with_participant_approval()
        .select_related(
            "participant",
            "referral__referring_party",
            "opening__enterprise",
            "agreement",
        )
        .order_by("answered_at")[: SECTION_LIMIT + 1]
    )
    checks = list(
        OutcomeCheck.objects.visible_to(user)
        .due(today)
        .select_related("placement__participant")
        .order_by("due_on")[: SECTION_LIMIT + 1]
    )
    return [
        _section(
            _("New referrals"),
            new_referrals,
            lambda r: InboxItem(
                title=f"{r.participant.code}, {r.referring_party}",
                url=r.get_absolute_url(),
                since=r.received_at,
            ),
            reverse("placements:referral_list") + "?status=received",
        ),
        _section(
            _("Proposals without an answer"),
            proposals,
            lambda p: InboxItem(
                title=f"{p.participant.code} → {p.opening.enterprise}",
                url=p.get_absolute_url(),
                since=p.proposed_at,
                waiting_on=_enterprise(p),
                overdue=_escalated(p.proposed_at),
            ),
            reverse("placements:placement_list") + "?status=proposed",
        ),
        _section(
            _("Agreements not yet approved"),
            agreements,
            lambda p: InboxItem(
                title=f"{p.participant.code}, {p.opening.title}",
                url=p.get_absolute_url(),
                since=p.answered_at or p.status_changed_at,
                waiting_on=_awaiting_approval(p),
                overdue=_escalated(p.answered_at or p.status_changed_at),
            ),
            reverse("placements:placement_list") + "?status=accepted",
        ),
        _follow_up_section(_follow_ups_due(placements), waiting_on=_enterprise),
        _section(
            _("Outcome checks due"),
            checks,
            lambda c: InboxItem(
                title=_("%(code)s, %(months)s months after exit")
                % {"code": c.placement.participant.code, "months": c.months_after},
                url=c.placement.get_absolute_url(),
                since=_midnight(c.due_on),
                overdue=c.due_on < today - datetime.timedelta(days=30),
            ),
        ),
    ]


FOLLOW_UP_INTERVAL = datetime.timedelta(days=Placement.FOLLOW_UP_INTERVAL_DAYS)


def _follow_up_section(due: list, waiting_on=None) -> InboxSection:
    """The follow-ups due; `waiting_on` names who must act when the reader watches others."""
    return _section(
        _("Follow-ups due"),
        due,
        lambda p: InboxItem(
            title=f"{p.participant.code}, {p.opening.title}",
            url=p.get_absolute_url(),
            since=_midnight(p.last_follow_up),
            waiting_on=waiting_on(p) if waiting_on else "",
            overdue=_escalated(_midnight(p.last_follow_up + FOLLOW_UP_INTERVAL)),
        ),
    )


def caseworker_sections(user) -> list[InboxSection]:
    """The referring party's side: agreements waiting for its approval."""
    if policies.is_coordinator(user) or not policies.can_register_participant(user):
        return []
    agreements = list(
        Placement.objects.visible_to(user)
        .awaiting_agreement_approval()
        .filter(agreement__referrer_approved_at__isnull=True)
        .select_related("participant", "opening")
        .order_by("answered_at")[: SECTION_LIMIT + 1]
    )
    return [
        _section(
            _("Agreements to approve"),
            agreements,
            lambda p: InboxItem(
                title=f"{p.participant.code}, {p.opening.title}",
                url=p.get_absolute_url(),
                since=p.answered_at or p.status_changed_at,
            ),
        )
    ]


def enterprise_sections(user) -> list[InboxSection]:
    """The supervisor's side: proposals to answer, agreements to approve, follow-ups due."""
    if policies.is_coordinator(user) or not policies.can_manage_opening(user):
        return []
    placements = Placement.objects.visible_to(user)
    proposals = list(
        placements.filter(status=Placement.Status.PROPOSED)
        .select_related("participant", "opening")
        .order_by("proposed_at")[: SECTION_LIMIT + 1]
    )
    agreements = list(
        placements.awaiting_agreement_approval()
        .filter(agreement__enterprise_approved_at__isnull=True)
        .select_related("participant", "opening")
        .order_by("answered_at")[: SECTION_LIMIT + 1]
    )
    return [
        _section(
            _("Proposals to answer"),
            proposals,
            lambda p: InboxItem(
                title=f"{p.participant.code}, {p.opening.title}",
                url=p.get_absolute_url(),
                since=p.proposed_at,
            ),
        ),
        _section(
            _("Agreements to approve"),
            agreements,
            lambda p: InboxItem(
                title=f"{p.participant.code}, {p.opening.title}",
                url=p.get_absolute_url(),
                since=p.answered_at or p.status_changed_at,
            ),
        ),
        _follow_up_section(_follow_ups_due(placements)),
    ]
