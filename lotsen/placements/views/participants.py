"""Pages of participants: search, the participant's page, registration, consent, export."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import OuterRef, Subquery
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lotsen.accounts.reauthentication import demand_fresh_sign_in, fresh_sign_in_required
from lotsen.audit.models import AuditEvent
from lotsen.audit.services import audit_events_record
from lotsen.core.steps import step_into_form, take_step

from .. import lookups, policies, services
from ..charts import progression
from ..consent import Use
from ..forms import (
    AnonymousParticipantForm,
    IdentityForm,
    ParticipantForm,
    ParticipantSearchForm,
    PartyChoiceForm,
    RegistrationForms,
    check_birth_year,
)
from ..models import FollowUp, Participant, Placement, ProgressDimension, Referral
from .common import (
    _all_valid,
    _caseworker_parties,
    _identity_number_free,
    _identity_of,
    _page,
    _visible_or_404,
)


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
        .filter(participant=participant)
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
        registered = step_into_form(
            person.identity,
            "identity_number",
            lambda: services.participant_register(
                actor=request.user,
                party=party_form.cleaned_data["party"],
                **person.registration(),
            ),
        )
        if registered:
            participant = registered.result
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
