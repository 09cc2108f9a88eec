"""What waits in the pilot function, for the coordinator's and the enterprise's inbox.

Each provider runs a fixed number of queries: one per section, at most
SECTION_LIMIT rows each, plus a count when there are more.
"""

import datetime

from django.db.models import Max
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lotsen.core.inbox import InboxItem, InboxSection

from . import policies
from .consent import Use, consenting_to
from .models import OutcomeCheck, Placement, Referral

SECTION_LIMIT = 10
# A supervisor follows up an active placement at least this often.
FOLLOW_UP_INTERVAL_DAYS = 30


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


def _follow_ups_due(placements):
    today = timezone.localdate()
    return list(
        placements.filter(
            consenting_to(Use.FOLLOW_UP, "referral__participant"), status=Placement.Status.ACTIVE
        )
        .annotate(last_follow_up=Coalesce(Max("follow_ups__date"), "started_on"))
        .filter(last_follow_up__lte=today - datetime.timedelta(days=FOLLOW_UP_INTERVAL_DAYS))
        .select_related("referral__participant", "opening")
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
    proposals = list(
        placements.filter(status=Placement.Status.PROPOSED)
        .select_related("referral__participant", "opening__enterprise")
        .order_by("proposed_at")[: SECTION_LIMIT + 1]
    )
    agreements = list(
        placements.filter(status=Placement.Status.ACCEPTED)
        .select_related("referral__participant", "opening__enterprise")
        .order_by("answered_at")[: SECTION_LIMIT + 1]
    )
    checks = list(
        OutcomeCheck.objects.visible_to(user)
        .due(today)
        .select_related("placement__referral__participant")
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
                title=f"{p.referral.participant.code} → {p.opening.enterprise}",
                url=p.get_absolute_url(),
                since=p.proposed_at,
            ),
            reverse("placements:placement_list") + "?status=proposed",
        ),
        _section(
            _("Agreements not yet approved"),
            agreements,
            lambda p: InboxItem(
                title=f"{p.referral.participant.code}, {p.opening.title}",
                url=p.get_absolute_url(),
                since=p.answered_at or p.status_changed_at,
            ),
            reverse("placements:placement_list") + "?status=accepted",
        ),
        _follow_up_section(_follow_ups_due(placements)),
        _section(
            _("Outcome checks due"),
            checks,
            lambda c: InboxItem(
                title=_("%(code)s, %(months)s months after exit")
                % {"code": c.placement.referral.participant.code, "months": c.months_after},
                url=c.placement.get_absolute_url(),
                since=_midnight(c.due_on),
                overdue=c.due_on < today - datetime.timedelta(days=30),
            ),
        ),
    ]


def _follow_up_section(due: list) -> InboxSection:
    return _section(
        _("Follow-ups due"),
        due,
        lambda p: InboxItem(
            title=f"{p.referral.participant.code}, {p.opening.title}",
            url=p.get_absolute_url(),
            since=_midnight(p.last_follow_up),
        ),
    )


def caseworker_sections(user) -> list[InboxSection]:
    """The referring party's side: agreements waiting for its approval."""
    if policies.is_coordinator(user) or not policies.can_register_participant(user):
        return []
    agreements = list(
        Placement.objects.visible_to(user)
        .filter(
            status=Placement.Status.ACCEPTED,
            agreement__isnull=False,
            agreement__referrer_approved_at__isnull=True,
        )
        .select_related("referral__participant", "opening")
        .order_by("answered_at")[: SECTION_LIMIT + 1]
    )
    return [
        _section(
            _("Agreements to approve"),
            agreements,
            lambda p: InboxItem(
                title=f"{p.referral.participant.code}, {p.opening.title}",
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
        .select_related("referral__participant", "opening")
        .order_by("proposed_at")[: SECTION_LIMIT + 1]
    )
    agreements = list(
        placements.filter(
            status=Placement.Status.ACCEPTED,
            agreement__isnull=False,
            agreement__enterprise_approved_at__isnull=True,
        )
        .select_related("referral__participant", "opening")
        .order_by("answered_at")[: SECTION_LIMIT + 1]
    )
    return [
        _section(
            _("Proposals to answer"),
            proposals,
            lambda p: InboxItem(
                title=f"{p.referral.participant.code}, {p.opening.title}",
                url=p.get_absolute_url(),
                since=p.proposed_at,
            ),
        ),
        _section(
            _("Agreements to approve"),
            agreements,
            lambda p: InboxItem(
                title=f"{p.referral.participant.code}, {p.opening.title}",
                url=p.get_absolute_url(),
                since=p.answered_at or p.status_changed_at,
            ),
        ),
        _follow_up_section(_follow_ups_due(placements)),
    ]
