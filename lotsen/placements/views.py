import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles import finders
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import OuterRef, Prefetch, Subquery
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lotsen.accounts.reauthentication import demand_fresh_sign_in, fresh_sign_in_required
from lotsen.audit.models import AuditEvent
from lotsen.audit.services import audit_events_record
from lotsen.core import exports
from lotsen.core.steps import show_refusal, step_into_form, take_step
from lotsen.support.models import SupportRequest

from . import lookups, pipeline, policies, services
from .charts import progression
from .consent import Use
from .forms import (
    AgreementForm,
    AnonymousParticipantForm,
    DeclineForm,
    EndForm,
    FollowUpForm,
    IdentityForm,
    InviteContactForm,
    OpeningFilterForm,
    OpeningForm,
    OutcomeCheckForm,
    ParticipantForm,
    ParticipantSearchForm,
    PartyChoiceForm,
    PhoneAnswerForm,
    PlacementFilterForm,
    ProposeForm,
    ReceivingCaseworkerForm,
    ReferralFilterForm,
    ReferralForm,
    ReferralStatusForm,
    RegistrationForms,
    ReportPeriodForm,
    StartForm,
    SupervisorForm,
    WithdrawForm,
    check_birth_year,
)
from .models import (
    FollowUp,
    Opening,
    OutcomeCheck,
    Participant,
    ParticipantIdentity,
    Placement,
    PlacementAgreement,
    ProgressDimension,
    Referral,
)
from .reports import Report

PAGE_SIZE = 25


def _visible_or_404(request, visible, model, reason: str, **lookup):
    """The object if the user may see it; otherwise 404, and the attempt is audited."""
    found = visible.filter(**lookup).first()
    if found is not None:
        return found
    hidden = model.objects.filter(**lookup).first()
    if hidden is not None:
        services.audit(request.user, AuditEvent.Action.DENIED, hidden, reason)
    raise Http404


def _all_valid(forms) -> bool:
    # Every form is validated, so the user sees all errors at once.
    results = [form.is_valid() for form in forms]
    return all(results)


def _identity_number_free(request, identity_form, *, purpose: str, party=None, participant=None):
    """Look the form's number up (counted, audited); a person already registered, or a
    user over the look-up limit, becomes an error on the field."""
    return step_into_form(
        identity_form,
        "identity_number",
        lambda: lookups.identity_number_check_free(
            actor=request.user,
            number=identity_form.cleaned_data["identity_number"],
            purpose=purpose,
            party=party,
            participant=participant,
        ),
    )


def _page(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


# ---------------------------------------------------------------- openings


@login_required
def opening_list(request):
    if not policies.can_list_openings(request.user):
        raise PermissionDenied
    form = OpeningFilterForm(request.GET)
    openings = form.filter(
        Opening.objects.visible_to(request.user)
        .with_seats_taken()
        .select_related("enterprise", "municipality")
        .order_by("enterprise__name", "title")
    )
    if form.export_format:
        return form.export(
            request, openings, filename="arbetstraningsplatser", title=_("Work-training places")
        )
    return render(
        request,
        "placements/opening_list.html",
        {
            "form": form,
            "page": _page(request, openings),
            "can_create": policies.can_manage_opening(request.user),
        },
    )


@login_required
def opening_detail(request, pk):
    opening = get_object_or_404(
        Opening.objects.visible_to(request.user)
        .with_seats_taken()
        .select_related("enterprise", "municipality", "industry", "occupation"),
        pk=pk,
    )
    can_manage = policies.can_manage_opening(request.user, opening)
    supervisor_form = SupervisorForm(request.POST or None) if can_manage else None
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        if supervisor_form.is_valid():
            supervisor = supervisor_form.save(commit=False)
            supervisor.opening = opening
            supervisor.save()
            messages.success(request, _("The supervisor was added."))
            return redirect(opening)
    placements = (
        Placement.objects.visible_to(request.user)
        .filter(opening=opening, status__in=Placement.CURRENT)
        .select_related("referral__participant")
    )
    return render(
        request,
        "placements/opening_detail.html",
        {
            "opening": opening,
            "supervisors": opening.supervisors.all(),
            "placements": placements,
            "can_manage": can_manage,
            "supervisor_form": supervisor_form,
        },
    )


@login_required
def opening_edit(request, pk=None):
    if not policies.can_manage_opening(request.user):
        raise PermissionDenied
    opening = None
    if pk is not None:
        opening = get_object_or_404(Opening.objects.visible_to(request.user), pk=pk)
        if not policies.can_manage_opening(request.user, opening):
            raise PermissionDenied
    enterprises = policies.enterprises_of(request.user)
    form = OpeningForm(request.POST or None, instance=opening, enterprises=enterprises)
    if request.method == "POST" and form.is_valid():
        opening = form.save()
        messages.success(request, _("The work-training place was saved."))
        return redirect(opening)
    return render(request, "placements/opening_form.html", {"form": form, "opening": opening})


# ---------------------------------------------------------------- participants


@login_required
def participant_list(request):
    if not policies.can_list_people(request.user):
        raise PermissionDenied
    user = request.user
    form = ParticipantSearchForm(request.GET, by_identity=policies.can_search_by_identity(user))
    reveals = form.kind in ("number", "name")
    if reveals and (confirm := demand_fresh_sign_in(request)):
        return confirm
    if form.kind == "number":
        step_into_form(
            form,
            "q",
            lambda: lookups.identity_number_look_up(
                actor=user, number=form.number, purpose="participant search"
            ),
        )
    found = form.search(
        Participant.objects.visible_to(user), Participant.objects.findable_by_identity(user)
    )
    latest = Referral.objects.filter(participant=OuterRef("pk")).order_by("-received_at")
    participants = (
        found.select_related("municipality", *(["identity"] if reveals else []))
        .annotate(
            episode_status=Subquery(latest.values("status")[:1]),
            # Correlated subqueries run for the rows of one page only, not the whole register.
            episodes=Subquery(
                Referral.objects.filter(participant=OuterRef("pk"))
                .values("participant")
                .annotate(count=models.Count("pk"))
                .values("count")[:1]
            ),
        )
        .order_by("-created_at", "pk")
    )
    page = _page(request, participants)
    if reveals:
        _reveal_found_names(user, page.object_list, form.kind)
    return render(
        request,
        "placements/participant_list.html",
        {
            "form": form,
            "page": page,
            "reveals": reveals,
            "status_labels": dict(Referral.Status.choices),
            "can_register": policies.can_register_participant(user),
        },
    )


def _reveal_found_names(user, found, kind: str) -> None:
    """Show the names of those found by name or number, each one audited."""
    found = [participant for participant in found if participant.found_by_identity]
    for participant in found:
        participant.found_name = participant.identity.name
    audit_events_record(
        actor=user,
        action=AuditEvent.Action.VIEW,
        targets=found,
        labels=[participant.code for participant in found],
        reason=f"participant search by {kind}",
    )


def _identity_of(participant) -> ParticipantIdentity | None:
    record = ParticipantIdentity.objects.filter(participant=participant).first()
    return None if record is None or record.erased_at else record


@login_required
def participant_detail(request, code):
    participant = _visible_or_404(
        request,
        Participant.objects.visible_to(request.user)
        .select_related("municipality", "registered_by_party", "consent_recorded_by")
        .prefetch_related("preferred_municipalities", "preferred_industries"),
        Participant,
        "participant page outside the user's scope",
        code=code,
    )
    user = request.user
    sees_identity = policies.sees_identity(user, participant)
    sees_contact = sees_identity or policies.sees_supervisor_contact(user, participant)
    record = _identity_of(participant) if sees_contact else None
    services.audit(
        user,
        AuditEvent.Action.VIEW,
        participant,
        "participant page with identity" if record else "participant page",
    )
    placements = (
        Placement.objects.visible_to(user)
        .filter(referral__participant=participant)
        .select_related("opening__enterprise", "referral")
        .order_by("proposed_at")
    )
    referrals = (
        Referral.objects.visible_to(user)
        .filter(participant=participant)
        .select_related("referring_party")
        .order_by("-received_at")
    )
    dimensions = list(ProgressDimension.objects.filter(active=True))
    follow_ups = list(
        FollowUp.objects.filter(placement__in=placements.values("pk"))
        .prefetch_related("ratings")
        .order_by("date", "id")
    )
    return render(
        request,
        "placements/participant_detail.html",
        {
            "participant": participant,
            "identity": record,
            "sees_identity": sees_identity,
            "sees_background": policies.sees_background(user, participant),
            "referrals": referrals,
            "placements": placements,
            "chart": progression(follow_ups, dimensions),
            "can_edit": policies.can_edit_participant(user, participant),
            "can_export": policies.can_export_participant(user),
            "can_refer": policies.can_register_participant(user) and participant.has_active_consent,
            "can_withdraw_follow_up": policies.can_edit_participant(user, participant)
            and participant.consents_to(Use.OUTCOME_CHECK),
        },
    )


def _caseworker_parties(request):
    parties = policies.caseworker_parties(request.user)
    if not parties.exists():
        raise PermissionDenied
    return parties


@login_required
def participant_create(request):
    if not policies.can_register_participant(request.user):
        raise PermissionDenied
    parties = _caseworker_parties(request)
    data = request.POST or None
    party_form = PartyChoiceForm(data, parties=parties, prefix="party")
    person = RegistrationForms(data)
    forms = [party_form, *person.forms]
    if (
        request.method == "POST"
        and _all_valid(forms)
        and person.birth_year_matches()
        and _identity_number_free(
            request,
            person.identity,
            purpose="registration",
            party=party_form.cleaned_data["party"],
        )
    ):
        try:
            participant = services.participant_register(
                actor=request.user,
                party=party_form.cleaned_data["party"],
                **person.registration(),
            )
        except ValidationError as error:
            person.identity.add_error("identity_number", error)
        else:
            messages.success(
                request,
                _("%(code)s was registered and referred.") % {"code": participant.code},
            )
            return redirect(participant)
    return render(request, "placements/participant_form.html", {"forms": forms})


@login_required
def participant_create_anonymous(request):
    if not policies.can_register_participant(request.user):
        raise PermissionDenied
    parties = _caseworker_parties(request)
    data = request.POST or None
    party_form = PartyChoiceForm(data, parties=parties, prefix="party")
    form = AnonymousParticipantForm(data, prefix="anonymous")
    if request.method == "POST" and party_form.is_valid() and form.is_valid():
        participant = services.participant_register_anonymous(
            actor=request.user,
            party=party_form.cleaned_data["party"],
            gender=form.cleaned_data["gender"],
            start_year=form.cleaned_data["start_year"],
            reason=form.cleaned_data["reason"],
        )
        messages.success(
            request, _("%(code)s was registered anonymously.") % {"code": participant.code}
        )
        return redirect(participant)
    return render(
        request,
        "placements/participant_anonymous_form.html",
        {"forms": [party_form, form]},
    )


@login_required
def participant_edit(request, code):
    participant = _visible_or_404(
        request,
        Participant.objects.visible_to(request.user),
        Participant,
        "participant edit outside the user's scope",
        code=code,
    )
    if not policies.can_edit_participant(request.user, participant) or participant.is_anonymous:
        raise PermissionDenied
    record = _identity_of(participant)
    data = request.POST or None
    participant_form = ParticipantForm(data, instance=participant, prefix="participant")
    forms = [participant_form]
    identity_form = None
    if record is not None:
        initial = {
            "name": record.name,
            "identity_number": record.identity_number,
            "phone": record.phone,
            "email": record.email,
        }
        identity_form = IdentityForm(data, initial=initial, prefix="identity")
        forms.insert(0, identity_form)
    services.audit(request.user, AuditEvent.Action.VIEW, participant, "participant edit form")
    if (
        request.method == "POST"
        and _all_valid(forms)
        and (identity_form is None or check_birth_year(participant_form, identity_form))
        and (
            identity_form is None
            or "identity_number" not in identity_form.changed_data
            or _identity_number_free(
                request, identity_form, purpose="identity change", participant=participant
            )
        )
    ) and (
        identity_form is None
        or step_into_form(
            identity_form,
            "identity_number",
            lambda: services.participant_update_identity(
                actor=request.user,
                participant=participant,
                name=identity_form.cleaned_data["name"],
                number=identity_form.cleaned_data["identity_number"],
                phone=identity_form.cleaned_data["phone"],
                email=identity_form.cleaned_data["email"],
            ),
        )
    ):
        participant_form.save()
        services.audit(request.user, AuditEvent.Action.CHANGE, participant, "participant changed")
        messages.success(request, _("The participant was saved."))
        return redirect(participant)
    return render(
        request,
        "placements/participant_form.html",
        {"forms": forms, "participant": participant},
    )


@login_required
@require_POST
def participant_withdraw_consent(request, code):
    participant = _visible_or_404(
        request,
        Participant.objects.visible_to(request.user),
        Participant,
        "consent withdrawal outside the user's scope",
        code=code,
    )
    if not policies.can_edit_participant(request.user, participant):
        raise PermissionDenied
    return take_step(
        request,
        lambda: services.participant_withdraw_consent(actor=request.user, participant=participant),
        success=_("The consent was withdrawn and the identity data was erased."),
        target=participant,
    )


@login_required
@require_POST
def participant_withdraw_follow_up_consent(request, code):
    participant = _visible_or_404(
        request,
        Participant.objects.visible_to(request.user),
        Participant,
        "consent change outside the user's scope",
        code=code,
    )
    if not policies.can_edit_participant(request.user, participant):
        raise PermissionDenied
    return take_step(
        request,
        lambda: services.participant_withdraw_follow_up_consent(
            actor=request.user, participant=participant
        ),
        success=_(
            "The consent to follow-up after exit was withdrawn; "
            "the pending outcome checks were cancelled."
        ),
        target=participant,
    )


@login_required
@fresh_sign_in_required
def participant_export(request, code):
    if not policies.can_export_participant(request.user):
        raise PermissionDenied
    participant = get_object_or_404(Participant.objects.visible_to(request.user), code=code)
    data = services.participant_export(actor=request.user, participant=participant)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="registerutdrag-{participant.code}.json"'
    )
    return response


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
        try:
            referral = services.referral_create(
                actor=request.user,
                participant=participant,
                party=form.cleaned_data["referring_party"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            show_refusal(request, error)
            return redirect(participant)
        messages.success(request, _("The referral was sent."))
        return redirect(referral)
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


# ---------------------------------------------------------------- referrals


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
    # Placed and back again follow the placement, never a manual change.
    transitions = [
        (value, Referral.Status(value).label)
        for value in referral.allowed_transitions()
        if Referral.Status.PLACED not in (value, referral.status)
    ]
    return render(
        request,
        "placements/referral_detail.html",
        {
            "referral": referral,
            "placements": referral.placements.select_related("opening__enterprise"),
            "transitions": transitions if policies.can_manage_referral(user) else [],
            "can_withdraw": policies.can_withdraw_referral(user, referral)
            and Referral.Status.WITHDRAWN in referral.allowed_transitions(),
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
    allowed = policies.can_manage_referral(request.user) or (
        status == Referral.Status.WITHDRAWN
        and policies.can_withdraw_referral(request.user, referral)
    )
    if not allowed:
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
    try:
        placement = services.placement_propose(
            actor=request.user, referral=referral, opening=form.cleaned_data["opening"]
        )
    except ValidationError as error:
        show_refusal(request, error)
        return redirect(referral)
    messages.add_message(request, *pipeline.proposal_message(placement))
    return redirect(placement)


# ---------------------------------------------------------------- placements


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


def _placement(request, pk, reason: str) -> Placement:
    return _visible_or_404(
        request,
        Placement.objects.visible_to(request.user).select_related(
            "referral__participant",
            "referral__referring_party",
            "opening__enterprise",
            "opening__municipality",
        ),
        Placement,
        reason,
        pk=pk,
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
    awaiting_approval = agreement is not None and placement.status == Placement.Status.ACCEPTED
    participant = placement.referral.participant
    active = placement.status == Placement.Status.ACTIVE
    proposed = placement.status == Placement.Status.PROPOSED
    acts_for_proposal = proposed and policies.can_act_for_unanswered_proposal(user)
    return render(
        request,
        "placements/placement_detail.html",
        {
            "placement": placement,
            "participant": participant,
            "agreement": agreement,
            "follow_ups": follow_ups,
            "checks": [(check, OutcomeCheckForm(prefix=f"check{check.pk}")) for check in checks],
            "can_answer": placement.status == Placement.Status.PROPOSED
            and policies.can_answer_proposal(user, placement),
            "decline_form": DeclineForm(),
            "can_edit_agreement": placement.status == Placement.Status.ACCEPTED
            and policies.can_edit_agreement(user, placement),
            "can_approve_enterprise": awaiting_approval
            and is_enterprise
            and not agreement.enterprise_approved_at,
            "can_approve_referrer": awaiting_approval
            and is_referrer
            and not agreement.referrer_approved_at,
            "can_start": placement.status == Placement.Status.AGREED
            and policies.can_start_placement(user, placement),
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
            "can_end": placement.status == Placement.Status.ACTIVE
            and policies.can_end_placement(user, placement),
            # A proposal is withdrawn with a reason instead.
            "can_cancel": not proposed
            and Placement.Status.CANCELLED
            in Placement.TRANSITIONS[Placement.Status(placement.status)]
            and policies.can_cancel_placement(user, placement),
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


def _form_refused(request, form) -> None:
    for errors in form.errors.values():
        for message in errors:
            messages.error(request, message)


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
    if placement.status != Placement.Status.ACCEPTED:
        messages.error(request, _("The agreement can only be changed before it is approved."))
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
            success=_("The agreement was saved. Both parties now approve it."),
            target=placement,
        )
    return render(request, "placements/agreement_form.html", {"form": form, "placement": placement})


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
        lambda: services.agreement_approve(actor=request.user, placement=placement, side=side),
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
def follow_up_create(request, pk):
    placement = _placement(request, pk, "follow-up outside the user's scope")
    if not policies.can_record_follow_up(request.user, placement):
        raise PermissionDenied
    dimensions = list(ProgressDimension.objects.filter(active=True))
    form = FollowUpForm(request.POST or None, dimensions=dimensions)
    if (
        request.method == "POST"
        and form.is_valid()
        and step_into_form(
            form,
            None,
            lambda: services.follow_up_record(
                actor=request.user,
                placement=placement,
                follow_up=form.save(commit=False),
                scores=form.scores(),
            ),
        )
    ):
        messages.success(request, _("The follow-up was saved."))
        return redirect(placement)
    return render(request, "placements/follow_up_form.html", {"form": form, "placement": placement})


@login_required
def placement_end(request, pk):
    placement = _placement(request, pk, "placement end outside the user's scope")
    if not policies.can_end_placement(request.user, placement):
        raise PermissionDenied
    form = EndForm(request.POST or None, initial={"ended_on": timezone.localdate()})
    if (
        request.method == "POST"
        and form.is_valid()
        and step_into_form(
            form,
            None,
            lambda: services.placement_end(
                actor=request.user, placement=placement, **form.cleaned_data
            ),
        )
    ):
        messages.success(request, _("The placement was ended."))
        return redirect(placement)
    return render(
        request,
        "placements/end_form.html",
        {
            "form": form,
            "placement": placement,
            "outcome_check_gap": placement.participant.consent_gap(Use.OUTCOME_CHECK),
        },
    )


@login_required
@require_POST
def outcome_check_record(request, pk):
    check = get_object_or_404(
        OutcomeCheck.objects.visible_to(request.user).select_related("placement"), pk=pk
    )
    form = OutcomeCheckForm(request.POST, prefix=f"check{check.pk}")
    if not form.is_valid():
        messages.error(request, _("Fill in the date, outcome and income source of the check."))
        return redirect(check.placement)
    return take_step(
        request,
        lambda: services.outcome_check_record(actor=request.user, check=check, **form.cleaned_data),
        success=_("The outcome check was saved."),
        target=check.placement,
    )


# ---------------------------------------------------------------- reports


def _report(request) -> tuple[ReportPeriodForm, Report]:
    if not policies.can_view_reports(request.user):
        raise PermissionDenied
    form = ReportPeriodForm(request.GET or None)
    date_from, date_to = form.period()
    return form, Report(
        date_from=date_from,
        date_to=date_to,
        show_small=policies.sees_small_cells(request.user),
    )


@login_required
def report(request):
    form, result = _report(request)
    return render(
        request,
        "placements/report.html",
        {"form": form, "report": result, "tables": result.tables()},
    )


@login_required
def report_csv(request):
    _form, result = _report(request)
    return exports.csv_response(result.csv(), f"uppfoljning-{result.date_from}-{result.date_to}")
