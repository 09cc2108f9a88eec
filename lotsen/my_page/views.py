"""Mina sidor: a participant's own placement, progress, consent, trail and extract.

Every page is the participant's own: the participant comes from the signed-in user
(`policies.own_participant`), never from the URL, so there is nobody else's to ask for.
Every view and every step is an audit event about the participant (decision 0203).
"""

import datetime
import json
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Max
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lotsen.accounts.second_factor import federated_login
from lotsen.audit.models import AuditEvent
from lotsen.core.steps import take_step
from lotsen.federation import oidc
from lotsen.federation.providers import login_choices
from lotsen.placements import services as placement_services
from lotsen.placements.consent import Use
from lotsen.placements.models import (
    OutcomeCheck,
    Placement,
    PlacementAgreement,
    ProgressSeries,
)
from lotsen.placements.services import audit

from . import policies
from .progress import SCALE_TOP, SHOWN_DIMENSIONS

# Staff actions that count as handling the participant's data, as the trail page lists.
HANDLED = (
    AuditEvent.Action.VIEW,
    AuditEvent.Action.CREATE,
    AuditEvent.Action.CHANGE,
    AuditEvent.Action.EXPORT,
    AuditEvent.Action.ERASE,
)


def participant_page(reason: str = ""):
    """Let in the signed-in participant only, and audit the page's viewing as `reason`
    (a step's own service audits the step).

    The anonymous visitor is sent to the start page, which offers the sign-in; anyone
    signed in who is not a participant is refused."""

    def decorate(view):
        @wraps(view)
        def guarded(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path(), reverse("my_page:home"))
            participant = policies.own_participant(request.user)
            if participant is None:
                raise PermissionDenied
            # The participant's own data is as sensitive as what staff see: the session
            # ends after the same idle time (decision 0188), counted from each page.
            request.session.set_expiry(settings.SESSION_IDLE_MINUTES * 60)
            if reason and request.method == "GET":
                audit(request.user, AuditEvent.Action.VIEW, participant, reason)
            return view(request, participant, *args, **kwargs)

        return guarded

    return decorate


def home(request):
    if not request.user.is_authenticated:
        choices = login_choices(participants=True)
        return render(request, "my_page/sign_in.html", {"choices": choices})
    return _overview(request)


def _current_placement(user):
    """The participant's placement now: proposed, agreed or running; the latest."""
    return (
        policies.placements_visible_to(user, Placement.objects.all())
        .filter(status__in=Placement.CURRENT)
        .select_related("opening__enterprise", "agreement__supervisor")
        .order_by("-proposed_at")
        .first()
    )


@participant_page("participant's own page")
def _overview(request, participant):
    placement = _current_placement(request.user)
    context = {"participant": participant, "placement": placement}
    if placement is not None:
        context["agreement"] = getattr(placement, "agreement", None)
        context["next_follow_up"] = _next_follow_up(participant, placement)
        context["progress"] = (
            ProgressSeries.objects.filter(placement=placement, dimension__in=SHOWN_DIMENSIONS)
            .select_related("dimension")
            .order_by("dimension__position", "dimension__code")
        )
        context["scale_top"] = SCALE_TOP
    return render(request, "my_page/home.html", context)


def _next_follow_up(participant, placement) -> datetime.date | None:
    """The day the next follow-up is due at the latest, as the supervisor's list counts it
    (`Placement.follow_up_due`); none unless the placement runs and the consent holds."""
    if placement.status != Placement.Status.ACTIVE or not participant.consents_to(Use.FOLLOW_UP):
        return None
    last = placement.follow_ups.aggregate(last=Max("date"))["last"] or placement.started_on
    if last is None:
        return None
    return last + datetime.timedelta(days=Placement.FOLLOW_UP_INTERVAL_DAYS)


def _pending_checks(user):
    """The participant's outcome checks still to come, each after one of their placements."""
    return OutcomeCheck.objects.filter(
        placement__in=policies.placements_visible_to(user, Placement.objects.all()),
        checked_on__isnull=True,
    ).order_by("due_on")


@participant_page("participant's own consent")
def consent(request, participant):
    context = {
        "participant": participant,
        "follow_up_after_exit": participant.consents_to(Use.OUTCOME_CHECK),
        "pending_checks": list(_pending_checks(request.user)),
    }
    return render(request, "my_page/consent.html", context)


@require_POST
@participant_page()
def consent_withdraw(request, participant):
    """Withdraw follow-up after exit, or the whole consent, with the effects the
    coordinator's withdrawal has (placements.services); the whole only when confirmed."""
    scope = request.POST.get("scope")
    if scope == "follow_up":
        return take_step(
            request,
            lambda: placement_services.participant_withdraw_follow_up_consent(
                actor=request.user, participant=participant
            ),
            success=_(
                "You have said no to follow-up after the work training. The planned "
                "follow-ups after you leave are cancelled."
            ),
            target="my_page:consent",
        )
    if scope == "all" and request.POST.get("confirm") == "yes":
        return take_step(
            request,
            lambda: placement_services.participant_withdraw_consent(
                actor=request.user, participant=participant
            ),
            success=_(
                "You have withdrawn your consent. Your name, personnummer and contact "
                "details are erased from Lotsen."
            ),
            target="my_page:consent",
        )
    messages.error(
        request,
        _("Tick the box to confirm that you want to withdraw all your consent.")
        if scope == "all"
        else _("Choose what you want to withdraw."),
    )
    return redirect("my_page:consent")


@participant_page("participant's own access history")
def access_history(request, participant):
    """Which organisations handled the participant's data and when, from the audit trail;
    the participant's own steps and the system's are left out."""
    events = (
        AuditEvent.objects.about(participant.code)
        .filter(action__in=HANDLED, actor__isnull=False)
        .exclude(actor=request.user)
        .select_related("actor")
        .prefetch_related("actor__memberships__organisation")
        .order_by("-occurred_at", "-id")
    )
    rows = [
        {
            "when": event.occurred_at,
            "organisations": sorted(
                {membership.organisation.name for membership in event.actor.memberships.all()}
            ),
            "action": event.get_action_display(),
            "what": event.explanation,
        }
        for event in events
    ]
    return render(
        request, "my_page/access_history.html", {"participant": participant, "rows": rows}
    )


@participant_page("participant's own extract page")
def extract(request, participant):
    """The data-subject extract (registerutdrag), made on request and shown on the page;
    making it is audited as the coordinator's export is."""
    data = None
    if request.method == "POST":
        data = placement_services.participant_export(actor=request.user, participant=participant)
    context = {
        "participant": participant,
        "extract": json.dumps(data, ensure_ascii=False, indent=2) if data else "",
    }
    return render(request, "my_page/extract.html", context)


def _own_agreement(user) -> PlacementAgreement | None:
    placement = _current_placement(user)
    return getattr(placement, "agreement", None) if placement is not None else None


@participant_page("participant's own agreement")
def agreement(request, participant):
    """The agreement of the current placement as it stands now, the three parties'
    approvals, and the participant's own approval of the version shown."""
    own = _own_agreement(request.user)
    context = {"participant": participant, "agreement": own}
    if own is not None:
        context["approval"] = own.participant_approval
        context["signed_in_with_e_legitimation"] = bool(federated_login(request).get("level"))
    return render(request, "my_page/agreement.html", context)


@require_POST
@participant_page()
def agreement_approve(request, participant):
    """Approve the version shown, at the assurance of this session's e-legitimation; the
    placements service refuses a changed version and a second approval, changing nothing."""
    own = _own_agreement(request.user)
    if own is None:
        messages.error(request, _("There is no agreement waiting for approval."))
        return redirect("my_page:agreement")
    try:
        shown_version = int(request.POST.get("version", ""))
    except ValueError:
        shown_version = 0
    login = federated_login(request)
    return take_step(
        request,
        lambda: placement_services.agreement_approve_as_participant(
            agreement=own,
            participant=participant,
            shown_version=shown_version,
            assurance=login.get("level", ""),
            identity_provider=_provider_name(login.get("provider", "")),
            actor=request.user,
        ),
        success=_("Thank you. You have approved the agreement."),
        target="my_page:agreement",
    )


def _provider_name(provider_id: str) -> str:
    names = {app.provider_id: app.name for app in oidc.social_apps()}
    return names.get(provider_id, provider_id)
