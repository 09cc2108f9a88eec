"""Pages of placements: the list, one placement, answers, the agreement, start, end."""

import datetime
from dataclasses import dataclass
from pathlib import PurePath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles import finders
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lotsen.audit.models import AuditEvent
from lotsen.core.steps import take_step
from lotsen.core.uploads import serve_file
from lotsen.core.workflow import available_actions

from .. import pipeline, policies, services
from ..consent import Use
from ..forms import (
    AgreementForm,
    DeclineForm,
    EndForm,
    InviteContactForm,
    OutcomeCheckForm,
    PaperApprovalForm,
    PhoneAnswerForm,
    PlacementFilterForm,
    StartForm,
    WithdrawForm,
)
from ..models import OutcomeCheck, ParticipantApproval, Placement, PlacementAgreement
from .common import _form_refused, _identity_of, _page, _placement, _posted_step


@dataclass(frozen=True)
class PartyApproval:
    """One party's approval of the agreement's current version, as a reader may see it."""

    party: str
    approved_at: datetime.datetime | None
    # Who approved for an organisation; how the participant approved, where the reader
    # may know it (decision 0208).
    detail: str = ""
    scan_url: str = ""


def _party_approvals(user, placement, agreement, *, for_print=False) -> list[PartyApproval]:
    """The three parties' approvals. The print shows the participant's approval with its
    time only, whoever prints it, because the document goes to the enterprise too."""
    own = agreement.participant_approval
    detail = scan_url = ""
    if own and own.method == ParticipantApproval.Method.LEGACY:
        # Says that no approval was asked for, not how anyone signed in.
        detail = own.get_method_display()
    elif own and not for_print and policies.sees_how_participant_approved(user, placement):
        detail = ", ".join(
            part
            for part in (
                own.get_method_display(),
                own.identity_provider,
                own.assurance.rsplit("/", 1)[-1],
            )
            if part
        )
        if own.scan and policies.sees_approval_scan(user):
            scan_url = reverse(
                "placements:agreement_approval_scan", args=[placement.pk, own.version]
            )
    return [
        PartyApproval(_("The participant"), own.approved_at if own else None, detail, scan_url),
        PartyApproval(
            str(placement.opening.enterprise),
            agreement.enterprise_approved_at,
            str(agreement.enterprise_approved_by or ""),
        ),
        PartyApproval(
            str(placement.referral.referring_party),
            agreement.referrer_approved_at,
            str(agreement.referrer_approved_by or ""),
        ),
    ]


def _shown_version(request) -> int | None:
    """The agreement version the approver was shown; none from a form that sent none."""
    value = request.POST.get("shown_version")
    if value is None:
        return None
    # A mangled number matches no version, so the step is refused as a changed agreement.
    return int(value) if value.isdigit() else 0


@login_required
def placement_list(request):
    if not policies.can_list_placements(request.user):
        raise PermissionDenied
    form = PlacementFilterForm(request.GET)
    placements = form.filter(
        Placement.objects.visible_to(request.user).select_related(
            "referral__participant", "opening__enterprise"
        )
    )
    if form.export_format:
        return form.export(request, placements, filename="placeringar", title=_("Placements"))
    return render(
        request,
        "placements/placement_list.html",
        {"form": form, "page": _page(request, placements)},
    )


@login_required
def placement_detail(request, pk):
    placement = _placement(request, pk, "placement outside the user's scope")
    user = request.user
    services.audit(user, AuditEvent.Action.VIEW, placement, "placement page")
    agreement = (
        PlacementAgreement.objects.select_related(
            "supervisor", "enterprise_approved_by", "referrer_approved_by"
        )
        .filter(placement=placement)
        .first()
    )
    follow_ups = list(
        placement.follow_ups.select_related("recorded_by").prefetch_related(
            Prefetch("ratings", to_attr="rating_list")
        )
    )
    for follow_up in follow_ups:
        follow_up.note_visible = policies.sees_follow_up_note(user, follow_up)
    checks = (
        OutcomeCheck.objects.visible_to(user).filter(placement=placement)
        if placement.status == Placement.Status.ENDED
        else OutcomeCheck.objects.none()
    )
    is_enterprise = policies.acts_for_enterprise(user, placement)
    is_referrer = policies.acts_for_referrer(user, placement)
    awaiting_approval = (
        agreement is not None and agreement.status == PlacementAgreement.Status.AWAITING_APPROVAL
    )
    participant = placement.referral.participant
    active = placement.status == Placement.Status.ACTIVE
    proposed = placement.status == Placement.Status.PROPOSED
    acts_for_proposal = proposed and policies.can_act_for_unanswered_proposal(user)
    actions = {action.status for action in available_actions(user, placement)}
    return render(
        request,
        "placements/placement_detail.html",
        {
            "placement": placement,
            "participant": participant,
            "agreement": agreement,
            "approvals": _party_approvals(user, placement, agreement) if agreement else [],
            "can_record_paper_approval": awaiting_approval
            and agreement.awaits_participant_approval
            and policies.can_record_paper_approval(user),
            "follow_ups": follow_ups,
            "checks": [(check, OutcomeCheckForm(prefix=f"check{check.pk}")) for check in checks],
            "can_answer": Placement.Status.ACCEPTED in actions,
            "decline_form": DeclineForm(),
            "can_edit_agreement": placement.status in Placement.AGREEMENT_OPEN
            and policies.can_edit_agreement(user, placement),
            "can_approve_enterprise": awaiting_approval
            and is_enterprise
            and not agreement.enterprise_approved_at,
            "can_approve_referrer": awaiting_approval
            and is_referrer
            and not agreement.referrer_approved_at,
            "can_start": Placement.Status.ACTIVE in actions,
            "start_form": StartForm(
                initial={"started_on": agreement.start_date if agreement else None}
            ),
            "can_follow_up": active
            and policies.can_record_follow_up(user, placement)
            and participant.consents_to(Use.FOLLOW_UP),
            "follow_up_gap": participant.consent_gap(Use.FOLLOW_UP) if active else "",
            "outcome_check_gap": participant.consent_gap(Use.OUTCOME_CHECK)
            if placement.status == Placement.Status.ENDED
            else "",
            "can_end": Placement.Status.ENDED in actions,
            # A proposal is withdrawn with a reason instead.
            "can_cancel": not proposed and Placement.Status.CANCELLED in actions,
            "history": placement.status_changes.select_related("actor"),
            "can_withdraw": acts_for_proposal,
            "withdraw_form": WithdrawForm(),
            "can_answer_by_phone": acts_for_proposal,
            "phone_answer_form": PhoneAnswerForm(),
            "can_invite": acts_for_proposal
            and not pipeline.enterprise_can_answer(placement.opening.enterprise_id),
            "invite_form": InviteContactForm(initial={"email": placement.opening.enterprise.email}),
            "can_print": agreement is not None,
        },
    )


@login_required
@require_POST
def placement_answer(request, pk):
    placement = _placement(request, pk, "placement answer outside the user's scope")
    if not policies.can_answer_proposal(request.user, placement):
        raise PermissionDenied
    if request.POST.get("answer") == "accept":
        return take_step(
            request,
            lambda: services.placement_accept(actor=request.user, placement=placement),
            success=_("You accepted the proposal."),
            target=placement,
        )
    form = DeclineForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    return take_step(
        request,
        lambda: services.placement_decline(actor=request.user, placement=placement, reason=reason),
        success=_("You declined the proposal."),
        target=placement,
    )


def _act_on_unanswered_proposal(request, pk, form_class, step, success_message, *, reason: str):
    """The coordinator acts for an enterprise that has not answered: a refused form or
    step becomes a message, and either way back to the placement.

    `step` and `success_message` take the form's cleaned data and the placement."""
    placement = _placement(request, pk, reason)
    if not policies.can_act_for_unanswered_proposal(request.user):
        raise PermissionDenied
    form = form_class(request.POST)
    if not form.is_valid():
        _form_refused(request, form)
        return redirect(placement)
    data = form.cleaned_data
    return take_step(
        request, lambda: step(data, placement), success=success_message(data), target=placement
    )


@login_required
@require_POST
def placement_withdraw(request, pk):
    return _act_on_unanswered_proposal(
        request,
        pk,
        WithdrawForm,
        lambda data, placement: services.placement_withdraw_proposal(
            actor=request.user, placement=placement, reason=data["reason"]
        ),
        lambda data: _("The proposal was withdrawn. The participant can be proposed elsewhere."),
        reason="withdrawal outside the user's scope",
    )


@login_required
@require_POST
def placement_answer_by_phone(request, pk):
    return _act_on_unanswered_proposal(
        request,
        pk,
        PhoneAnswerForm,
        lambda data, placement: services.placement_answer_by_phone(
            actor=request.user,
            placement=placement,
            accept=data["answer"] == "accept",
            reason=data["reason"],
        ),
        lambda data: _("The enterprise's answer by phone was recorded."),
        reason="phone answer outside the user's scope",
    )


@login_required
@require_POST
def placement_invite_contact(request, pk):
    return _act_on_unanswered_proposal(
        request,
        pk,
        InviteContactForm,
        lambda data, placement: services.enterprise_contact_invite(
            actor=request.user, placement=placement, **data
        ),
        lambda data: _("The invitation was sent to %(email)s.") % {"email": data["email"]},
        reason="invitation outside the user's scope",
    )


@login_required
def agreement_edit(request, pk):
    placement = _placement(request, pk, "agreement outside the user's scope")
    if not policies.can_edit_agreement(request.user, placement):
        raise PermissionDenied
    if placement.status not in Placement.AGREEMENT_OPEN:
        messages.error(
            request,
            _("The agreement can only be changed while the placement is accepted or under way."),
        )
        return redirect(placement)
    agreement = PlacementAgreement.objects.filter(placement=placement).first()
    participant = placement.referral.participant
    initial = {}
    if agreement is None:
        initial = {
            "adaptations": participant.adaptations_needed,
            "hours_per_week": participant.hours_per_week,
        }
    form = AgreementForm(
        request.POST or None, instance=agreement, initial=initial, opening=placement.opening
    )
    if request.method == "POST" and form.is_valid():
        return take_step(
            request,
            lambda: services.agreement_save(
                actor=request.user, placement=placement, agreement=form.save(commit=False)
            ),
            success=_(
                "The agreement was saved. If its terms changed, all three parties approve "
                "the new version."
            ),
            target=placement,
        )
    return render(
        request,
        "placements/agreement_form.html",
        {"form": form, "placement": placement, "agreement": agreement},
    )


@login_required
@require_POST
def agreement_approve(request, pk):
    placement = _placement(request, pk, "approval outside the user's scope")
    side = request.POST.get("side")
    if side == services.Side.ENTERPRISE:
        allowed = policies.acts_for_enterprise(request.user, placement)
    elif side == services.Side.REFERRER:
        allowed = policies.acts_for_referrer(request.user, placement)
    else:
        allowed = False
    if not allowed:
        raise PermissionDenied
    return take_step(
        request,
        lambda: services.agreement_approve(
            actor=request.user,
            placement=placement,
            side=side,
            shown_version=_shown_version(request),
        ),
        success=_("You approved the agreement."),
        target=placement,
    )


@login_required
def agreement_pdf(request, pk):
    from weasyprint import CSS, HTML

    placement = _placement(request, pk, "agreement print outside the user's scope")
    agreement = get_object_or_404(
        PlacementAgreement.objects.select_related(
            "supervisor", "enterprise_approved_by", "referrer_approved_by"
        ),
        placement=placement,
    )
    participant = placement.referral.participant
    record = None
    if participant.consents_to(Use.IDENTIFIED_DOCUMENT) and (
        policies.sees_identity(request.user, participant)
        or policies.sees_supervisor_contact(request.user, participant)
    ):
        record = _identity_of(participant)
    services.audit(request.user, AuditEvent.Action.EXPORT, placement, "agreement printed")
    html = render_to_string(
        "placements/agreement_pdf.html",
        {
            "placement": placement,
            "agreement": agreement,
            "participant": participant,
            "identity": record,
            "approvals": _party_approvals(request.user, placement, agreement, for_print=True),
            "printed_at": timezone.localtime(),
        },
        request=request,
    )
    stylesheet = CSS(filename=finders.find("placements/agreement-print.css"))
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf(
        stylesheets=[stylesheet]
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="overenskommelse-{placement.pk}.pdf"'
    return response


@login_required
def agreement_paper_approval(request, pk):
    """The coordinator records the approval a participant signed on paper, with the scan."""
    placement = _placement(request, pk, "paper approval outside the user's scope")
    if not policies.can_record_paper_approval(request.user):
        raise PermissionDenied
    agreement = PlacementAgreement.objects.filter(placement=placement).first()
    if agreement is None or not agreement.awaits_participant_approval:
        messages.error(request, _("No agreement waits for the participant's approval."))
        return redirect(placement)
    form = PaperApprovalForm(
        request.POST or None, request.FILES or None, initial={"shown_version": agreement.version}
    )
    recorded = _posted_step(
        request,
        form,
        lambda: services.agreement_record_paper_approval(
            actor=request.user, agreement=agreement, **form.cleaned_data
        ),
        success=_("The participant's approval on paper was recorded."),
        target=placement,
    )
    return recorded or render(
        request,
        "placements/paper_approval_form.html",
        {"form": form, "placement": placement, "agreement": agreement},
    )


@login_required
def agreement_approval_scan(request, pk, version):
    """The scanned page of a paper approval: the coordinator's only, and audited."""
    placement = _placement(request, pk, "approval scan outside the user's scope")
    if not policies.sees_approval_scan(request.user):
        raise PermissionDenied
    approval = get_object_or_404(
        ParticipantApproval.objects.exclude(scan=""),
        agreement__placement=placement,
        version=version,
    )
    services.audit(request.user, AuditEvent.Action.VIEW, placement, "approval scan opened")
    return serve_file(
        approval.scan,
        filename=f"godkannande-{placement.pk}-v{version}{PurePath(approval.scan.name).suffix}",
        as_attachment=False,
    )


@login_required
@require_POST
def placement_start(request, pk):
    placement = _placement(request, pk, "placement start outside the user's scope")
    if not policies.can_start_placement(request.user, placement):
        raise PermissionDenied
    form = StartForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the date the placement started."))
        return redirect(placement)
    return take_step(
        request,
        lambda: services.placement_start(
            actor=request.user, placement=placement, started_on=form.cleaned_data["started_on"]
        ),
        success=_("The placement is active."),
        target=placement,
    )


@login_required
@require_POST
def placement_cancel(request, pk):
    placement = _placement(request, pk, "placement cancel outside the user's scope")
    if not policies.can_cancel_placement(request.user, placement):
        raise PermissionDenied
    return take_step(
        request,
        lambda: services.placement_cancel(actor=request.user, placement=placement),
        success=_("The placement was cancelled."),
        target=placement,
    )


@login_required
def placement_end(request, pk):
    placement = _placement(request, pk, "placement end outside the user's scope")
    if not policies.can_end_placement(request.user, placement):
        raise PermissionDenied
    form = EndForm(request.POST or None, initial={"ended_on": timezone.localdate()})
    ended = _posted_step(
        request,
        form,
        lambda: services.placement_end(
            actor=request.user, placement=placement, **form.cleaned_data
        ),
        success=_("The placement was ended."),
        target=placement,
    )
    return ended or render(
        request,
        "placements/end_form.html",
        {
            "form": form,
            "placement": placement,
            "outcome_check_gap": placement.participant.consent_gap(Use.OUTCOME_CHECK),
        },
    )
