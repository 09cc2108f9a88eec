"""Requests: the lists, triage, the thread, status steps, hours and mentor matching."""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import floatformat
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lotsen.audit.models import AuditEvent
from lotsen.audit.services import audit_event_record
from lotsen.core.steps import step_into_form, take_step
from lotsen.core.uploads import serve_file
from lotsen.core.workflow import available_actions

from .. import conversion, policies, services
from ..forms import (
    CloseForm,
    HoursForm,
    MentorChoiceForm,
    MessageForm,
    RequestFilterForm,
    TriageForm,
)
from ..models import SupportRequest, TimeBankAccount

Status = SupportRequest.Status


@login_required
def request_list(request):
    if not policies.can_list_requests(request.user):
        raise PermissionDenied
    form = RequestFilterForm(request.GET)
    requests = form.filter(
        SupportRequest.objects.visible_to(request.user).select_related(
            "area", "assigned_provider", "requester_organisation"
        )
    )
    if form.export_format:
        return form.export(request, requests, filename="stodarenden", title=_("Requests"))
    page = Paginator(requests, 25).get_page(request.GET.get("page"))
    today = timezone.localdate()
    for item in page:
        item.overdue_now = item.is_overdue(today)
    return render(request, "support/request_list.html", {"form": form, "page": page})


def _visible_request(user, pk) -> SupportRequest:
    return get_object_or_404(
        SupportRequest.objects.visible_to(user).select_related(
            "area",
            "area__target",
            "assigned_provider",
            "offer",
            "requester",
            "requester_organisation",
            "event_registration__event",
        ),
        pk=pk,
    )


@login_required
def request_detail(request, pk):
    support_request = _visible_request(request.user, pk)
    user = request.user
    works_on = policies.works_on(user, support_request)
    thread = support_request.messages.select_related("author")
    if not policies.can_see_internal_notes(user, support_request):
        thread = thread.filter(is_internal=False)
    year = timezone.localdate().year
    account = TimeBankAccount.objects.for_request(support_request, year)
    audit_event_record(
        actor=user,
        action=AuditEvent.Action.VIEW,
        target=support_request,
        label=support_request.reference,
        reason="support request opened",
    )
    is_open = support_request.status != Status.CLOSED
    # The referral made from the request, only for those the pilot function lets see it.
    referral = conversion.referral_made_from(user, support_request)
    # Only the coordinator converts, and they see every referral: none found means none made.
    can_convert = (
        conversion.can_convert(user)
        and support_request.status in Status.open_values()
        and referral is None
    )
    # Triage and closing have forms of their own.
    moves = [
        action
        for action in available_actions(user, support_request)
        if action.status not in (Status.TRIAGED, Status.CLOSED)
    ]
    context = {
        "support_request": support_request,
        "thread": thread,
        "history": support_request.status_changes.select_related("actor"),
        "overdue": support_request.is_overdue(),
        "account": account,
        "deliveries": support_request.time_bank_entries.select_related("actor"),
        "matches": support_request.mentor_matches.select_related("mentor"),
        "works_on": works_on,
        "can_triage": policies.can_triage(user) and support_request.status == Status.NEW,
        "referral": referral,
        "can_convert": can_convert,
        "can_match": policies.can_match_mentor(user)
        and support_request.status in Status.open_values(),
        "moves": moves,
        "message_form": MessageForm(
            can_write_internal=policies.can_see_internal_notes(user, support_request)
        )
        if is_open
        else None,
        "hours_form": HoursForm()
        if works_on and support_request.status in (Status.TRIAGED, Status.IN_PROGRESS)
        else None,
        "close_form": CloseForm(rating_required=policies.asks(user, support_request))
        if support_request.status == Status.RESOLVED and policies.can_close(user, support_request)
        else None,
    }
    return render(request, "support/request_detail.html", context)


@login_required
def request_triage(request, pk):
    support_request = _visible_request(request.user, pk)
    if not policies.can_triage(request.user):
        raise PermissionDenied
    if support_request.status != Status.NEW:
        messages.error(request, _("The request has already been triaged."))
        return redirect(support_request)
    form = TriageForm(
        request.POST or None,
        initial={"area": support_request.area_id},
        support_request=support_request,
        user=request.user,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if step_into_form(
            form,
            None,
            lambda: services.support_request_triage(
                support_request=support_request,
                actor=request.user,
                outcome=data["outcome"],
                area=data["area"],
                provider=data["provider"],
                offer=data["offer"],
                answer=data["answer"],
                note=data["note"],
                requester_organisation=data.get("requester_organisation"),
                event=data["event"],
            ),
        ):
            messages.success(request, _("The request was triaged."))
            return redirect(support_request)
    return render(
        request,
        "support/request_triage.html",
        {
            "form": form,
            "support_request": support_request,
            "can_convert": conversion.can_convert(request.user),
        },
    )


@login_required
@require_POST
def request_message(request, pk):
    support_request = _visible_request(request.user, pk)
    can_internal = policies.can_see_internal_notes(request.user, support_request)
    form = MessageForm(request.POST, request.FILES, can_write_internal=can_internal)
    if form.is_valid():
        take_step(
            request,
            lambda: services.support_request_post_message(
                support_request=support_request,
                author=request.user,
                body=form.cleaned_data["body"],
                is_internal=form.cleaned_data.get("is_internal", False),
                attachment=form.cleaned_data.get("attachment"),
                from_requester=not policies.works_on(request.user, support_request),
            ),
            success=_("The message was saved."),
        )
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect(support_request)


@login_required
@require_POST
def request_move(request, pk):
    support_request = _visible_request(request.user, pk)
    status = request.POST.get("status", "")
    if status not in (Status.IN_PROGRESS, Status.RESOLVED) or not policies.can_move(
        request.user, support_request, status
    ):
        raise PermissionDenied
    return take_step(
        request,
        lambda: services.support_request_move(
            support_request=support_request, actor=request.user, status=status
        ),
        success=_("The status was changed."),
        target=support_request,
    )


@login_required
@require_POST
def request_close(request, pk):
    support_request = _visible_request(request.user, pk)
    if not policies.can_close(request.user, support_request):
        raise PermissionDenied
    form = CloseForm(request.POST, rating_required=policies.asks(request.user, support_request))
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(support_request)
    return take_step(
        request,
        lambda: services.support_request_close(
            support_request=support_request,
            actor=request.user,
            rating=form.cleaned_data["rating"] or None,
            comment=form.cleaned_data["comment"],
        ),
        success=_("Thank you. The request is closed."),
        target=support_request,
    )


@login_required
@require_POST
def request_hours(request, pk):
    support_request = _visible_request(request.user, pk)
    if not policies.works_on(request.user, support_request):
        raise PermissionDenied
    form = HoursForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(support_request)
    logged = take_step(
        request,
        lambda: services.time_bank_log_hours(
            support_request=support_request,
            hours=form.cleaned_data["hours"],
            actor=request.user,
            note=form.cleaned_data["note"],
        ),
    )
    if logged:
        messages.success(request, _hours_logged_text(logged.result))
    return redirect(support_request)


def _hours_logged_text(entries) -> str:
    charged = -sum((entry.hours for entry in entries if entry.account_id), Decimal(0))
    outside = -sum((entry.hours for entry in entries if not entry.account_id), Decimal(0))
    if not outside:
        return _("The hours were logged.")
    if not charged:
        return _(
            "The hours were logged. The time bank has no free hours for this request, "
            "so none were drawn from it."
        )
    return _(
        "The hours were logged: %(charged)s from the time bank, %(outside)s beyond what it covers."
    ) % {"charged": floatformat(charged, "-2"), "outside": floatformat(outside, "-2")}


@login_required
def attachment(request, pk, message_pk):
    support_request = _visible_request(request.user, pk)
    message = get_object_or_404(support_request.messages.exclude(attachment=""), pk=message_pk)
    if message.is_internal and not policies.can_see_internal_notes(request.user, support_request):
        raise Http404
    audit_event_record(
        actor=request.user,
        action=AuditEvent.Action.VIEW,
        target=support_request,
        label=support_request.reference,
        reason="attachment opened",
    )
    return serve_file(message.attachment, filename=message.attachment_name or _("attachment"))


@login_required
def request_mentor(request, pk):
    support_request = _visible_request(request.user, pk)
    if not policies.can_match_mentor(request.user):
        raise PermissionDenied
    mentors = services.mentors_suggested_for(support_request)
    form = MentorChoiceForm(request.POST or None, mentors=mentors)
    if request.method == "POST" and form.is_valid():
        matched = step_into_form(
            form,
            "mentor",
            lambda: services.mentor_match_create(
                support_request=support_request,
                mentor=form.cleaned_data["mentor"],
                actor=request.user,
            ),
        )
        if matched:
            messages.success(request, _("The mentor was matched."))
            return redirect(matched.result)
    return render(
        request,
        "support/request_mentor.html",
        {"form": form, "support_request": support_request, "mentors": mentors},
    )
