"""Pages of referrals: a new episode, a converted support request, the list, status and
proposals."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lotsen.audit.models import AuditEvent
from lotsen.core.steps import show_refusal, take_step
from lotsen.core.workflow import available_actions
from lotsen.support.models import SupportRequest

from .. import pipeline, policies, services
from ..forms import (
    ProposeForm,
    ReceivingCaseworkerForm,
    ReferralFilterForm,
    ReferralForm,
    ReferralStatusForm,
    RegistrationForms,
)
from ..models import Opening, Participant, Referral
from .common import (
    _all_valid,
    _caseworker_parties,
    _form_refused,
    _identity_number_free,
    _page,
    _visible_or_404,
)


@login_required
def referral_create(request, code):
    participant = _visible_or_404(
        request,
        Participant.objects.visible_to(request.user),
        Participant,
        "referral outside the user's scope",
        code=code,
    )
    if not policies.can_register_participant(request.user):
        raise PermissionDenied
    form = ReferralForm(request.POST or None, parties=_caseworker_parties(request))
    if request.method == "POST" and form.is_valid():
        sent = take_step(
            request,
            lambda: services.referral_create(
                actor=request.user,
                participant=participant,
                party=form.cleaned_data["referring_party"],
                reason=form.cleaned_data["reason"],
            ),
            success=_("The referral was sent."),
        )
        return redirect(sent.result if sent else participant)
    return render(
        request, "placements/referral_form.html", {"form": form, "participant": participant}
    )


@login_required
def referral_from_support_request(request, pk):
    """The coordinator converts a support request into a referral, with the person's consent."""
    if not policies.can_convert_support_request(request.user):
        raise PermissionDenied
    support_request = get_object_or_404(SupportRequest.objects.visible_to(request.user), pk=pk)
    if not take_step(
        request, lambda: services.support_request_check_convertible(request=support_request)
    ):
        return redirect(support_request)
    data = request.POST or None
    receiving_form = ReceivingCaseworkerForm(
        data, memberships=policies.receiving_caseworkers(), prefix="receiving"
    )
    person = RegistrationForms(
        data,
        identity_initial={
            "name": support_request.requester_name,
            "email": support_request.requester_email,
            "phone": support_request.contact_phone,
        },
    )
    forms = [receiving_form, *person.forms]
    if (
        request.method == "POST"
        and _all_valid(forms)
        and person.birth_year_matches()
        and _identity_number_free(request, person.identity, purpose="support request conversion")
    ):
        membership = receiving_form.cleaned_data["membership"]
        try:
            referral = services.referral_open_from_support_request(
                request=support_request,
                by=request.user,
                caseworker=membership.user,
                party=membership.organisation,
                note=receiving_form.cleaned_data["note"],
                **person.registration(),
            )
        except ValidationError as error:
            if getattr(error, "code", None) != "duplicate_participant":
                show_refusal(request, error)
                return redirect(support_request)
            person.identity.add_error("identity_number", error)
        else:
            messages.success(
                request,
                _("%(reference)s became a referral of %(code)s to %(party)s.")
                % {
                    "reference": support_request.reference,
                    "code": referral.participant.code,
                    "party": membership.organisation,
                },
            )
            return redirect(referral)
    return render(
        request,
        "placements/referral_from_support_request.html",
        {"forms": forms, "support_request": support_request},
    )


@login_required
def referral_list(request):
    if not policies.can_list_referrals(request.user):
        raise PermissionDenied
    form = ReferralFilterForm(request.GET)
    referrals = form.filter(
        Referral.objects.visible_to(request.user).select_related(
            "participant", "referring_party", "caseworker"
        )
    )
    if form.export_format:
        return form.export(request, referrals, filename="anvisningar", title=_("Referrals"))
    return render(
        request,
        "placements/referral_list.html",
        {"form": form, "page": _page(request, referrals)},
    )


@login_required
def referral_detail(request, pk):
    referral = _visible_or_404(
        request,
        Referral.objects.visible_to(request.user).select_related(
            "participant", "referring_party", "caseworker", "support_request"
        ),
        Referral,
        "referral outside the user's scope",
        pk=pk,
    )
    services.audit(request.user, AuditEvent.Action.VIEW, referral, "referral page")
    user = request.user
    # Everyone who sees the referral learns it came from a request; the request's own
    # page, with the requester's words, stays with those the support function allows.
    opens_support_request = (
        referral.support_request_id is not None
        and SupportRequest.objects.visible_to(user).filter(pk=referral.support_request_id).exists()
    )
    propose_form = None
    if policies.can_propose(user) and referral.status == Referral.Status.MATCHING:
        openings = Opening.objects.visible_to(user).filter(status=Opening.Status.OPEN)
        propose_form = ProposeForm(openings=openings.select_related("enterprise"))
    # Placed and back again follow the placement: the policy offers them to nobody.
    actions = available_actions(user, referral)
    manages = policies.can_manage_referral(user)
    return render(
        request,
        "placements/referral_detail.html",
        {
            "referral": referral,
            "placements": referral.placements.select_related("opening__enterprise"),
            "transitions": [(action.status, action.label) for action in actions] if manages else [],
            "can_withdraw": any(action.status == Referral.Status.WITHDRAWN for action in actions),
            "history": referral.status_changes.select_related("actor"),
            "propose_form": propose_form,
            "opens_support_request": opens_support_request,
        },
    )


@login_required
@require_POST
def referral_set_status(request, pk):
    referral = _visible_or_404(
        request,
        Referral.objects.visible_to(request.user),
        Referral,
        "referral change outside the user's scope",
        pk=pk,
    )
    form = ReferralStatusForm(request.POST)
    if not form.is_valid():
        _form_refused(request, form)
        return redirect(referral)
    status = form.cleaned_data["status"]
    if not policies.can_move_referral(request.user, referral, status):
        raise PermissionDenied
    return take_step(
        request,
        lambda: services.referral_set_status(
            actor=request.user,
            referral=referral,
            status=status,
            decline_reason=form.cleaned_data["decline_reason"],
        ),
        success=_("The referral was updated."),
        target=referral,
    )


@login_required
@require_POST
def referral_propose(request, pk):
    if not policies.can_propose(request.user):
        raise PermissionDenied
    referral = get_object_or_404(Referral.objects.visible_to(request.user), pk=pk)
    form = ProposeForm(request.POST, openings=Opening.objects.visible_to(request.user))
    if not form.is_valid():
        messages.error(request, _("Choose a work-training place."))
        return redirect(referral)
    proposed = take_step(
        request,
        lambda: services.placement_propose(
            actor=request.user, referral=referral, opening=form.cleaned_data["opening"]
        ),
    )
    if not proposed:
        return redirect(referral)
    messages.add_message(request, *pipeline.proposal_message(proposed.result))
    return redirect(proposed.result)
