from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import floatformat
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lotsen.audit.models import AuditEvent
from lotsen.audit.services import audit_event_record
from lotsen.core.models import SupportArea
from lotsen.core.steps import show_refusal, step_into_form, take_step
from lotsen.core.uploads import serve_file
from lotsen.core.workdays import working_days_between
from lotsen.core.workflow import available_actions

from . import conversion, policies, services
from .forms import (
    CloseForm,
    GrantForm,
    HoursForm,
    MeetingForm,
    MentorChoiceForm,
    MentorForm,
    MessageForm,
    OfferFilterForm,
    OfferForm,
    PublicRequestForm,
    RequestFilterForm,
    RequestForm,
    TriageForm,
)
from .models import (
    Mentor,
    MentorMatch,
    Offer,
    SupportError,
    SupportRequest,
    TimeBankAccount,
)
from .tasks import request_id_from_token

Status = SupportRequest.Status
# The link in a public requester's mail works as long as the request is kept.
PUBLIC_LINK_DAYS = 365 * (SupportRequest.RETENTION_YEARS + 1)


def _error_text(error: SupportError) -> str:
    return " ".join(error.messages)


# Catalogue --------------------------------------------------------------


def catalogue(request):
    form = OfferFilterForm(request.GET or None)
    offers = Offer.objects.visible_to(request.user).select_related("provider", "area")
    if form.is_bound:
        offers = form.filter(offers) if form.is_valid() else offers.none()
    page = Paginator(offers, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "support/catalogue.html",
        {
            "form": form,
            "page": page,
            "can_create": policies.can_create_offer(request.user),
            "can_view_gaps": policies.can_view_gaps(request.user),
        },
    )


def offer_detail(request, pk):
    offer = get_object_or_404(
        Offer.objects.visible_to(request.user).select_related("provider", "area"), pk=pk
    )
    return render(
        request,
        "support/offer_detail.html",
        {"offer": offer, "can_edit": policies.can_edit_offer(request.user, offer)},
    )


@login_required
def offer_edit(request, pk=None):
    offer = None
    if pk is not None:
        offer = get_object_or_404(Offer.objects.visible_to(request.user), pk=pk)
        if not policies.can_edit_offer(request.user, offer):
            raise PermissionDenied
    elif not policies.can_create_offer(request.user):
        raise PermissionDenied
    form = OfferForm(request.POST or None, instance=offer, user=request.user)
    if request.method == "POST" and form.is_valid():
        offer = form.save()
        messages.success(request, _("The offer was saved."))
        return redirect(offer)
    return render(request, "support/offer_form.html", {"form": form, "offer": offer})


@login_required
def gaps(request):
    if not policies.can_view_gaps(request.user):
        raise PermissionDenied
    areas = SupportArea.objects.annotate(
        published_offers=Count("offers", filter=Q(offers__is_published=True), distinct=True),
        open_requests=Count(
            "requests", filter=Q(requests__status__in=Status.open_values()), distinct=True
        ),
    ).order_by("position")
    return render(request, "support/gaps.html", {"areas": areas})


# The one door -----------------------------------------------------------


def contact(request):
    signed_in = request.user.is_authenticated
    form_class = RequestForm if signed_in else PublicRequestForm
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        support_request = services.support_request_submit(
            subject=data["subject"],
            description=data["description"],
            area=data.get("area"),
            requester=request.user if signed_in else None,
            contact_name=data.get("contact_name", ""),
            contact_email=data.get("contact_email", ""),
            contact_phone=data.get("contact_phone", ""),
            contact_organisation=data.get("contact_organisation", ""),
        )
        messages.success(
            request,
            _(
                "Thank you. Your request has reference %(reference)s; "
                "we answer within %(days)s working days."
            )
            % {
                "reference": support_request.reference,
                "days": _working_days_until(support_request.first_response_due),
            },
        )
        if (
            signed_in
            and policies.requests_visible_to(
                request.user, SupportRequest.objects.filter(pk=support_request.pk)
            ).exists()
        ):
            return redirect(support_request)
        return redirect("support:contact")
    return render(request, "support/contact.html", {"form": form, "signed_in": signed_in})


def _working_days_until(day) -> int:
    return max(working_days_between(timezone.localdate(), day), 0)


def public_request(request, token):
    """A public requester's own view of their request, reached from the link in their mail."""
    request_id = request_id_from_token(token, PUBLIC_LINK_DAYS)
    support_request = get_object_or_404(
        SupportRequest.objects.filter(requester__isnull=True, erased_at__isnull=True),
        pk=request_id,
    )
    action = request.POST.get("action") if request.method == "POST" else None
    message_form = MessageForm(
        request.POST if action == "message" else None,
        request.FILES if action == "message" else None,
    )
    close_form = CloseForm(request.POST if action == "close" else None)
    if (
        request.method == "POST"
        and action == "message"
        and message_form.is_valid()
        and take_step(
            request,
            lambda: services.support_request_post_message(
                support_request=support_request,
                author=None,
                body=message_form.cleaned_data["body"],
                attachment=message_form.cleaned_data.get("attachment"),
                from_requester=True,
            ),
            success=_("Your message was sent."),
        )
    ):
        return redirect("support:public_request", token=token)
    if (
        request.method == "POST"
        and action == "close"
        and close_form.is_valid()
        and take_step(
            request,
            lambda: services.support_request_close(
                support_request=support_request,
                actor=None,
                rating=close_form.cleaned_data["rating"],
                comment=close_form.cleaned_data["comment"],
            ),
            success=_("Thank you for your rating. The request is closed."),
        )
    ):
        return redirect("support:public_request", token=token)
    thread = support_request.messages.filter(is_internal=False).select_related("author")
    audit_event_record(
        actor=None,
        action=AuditEvent.Action.VIEW,
        target=support_request,
        label=support_request.reference,
        reason="requester's link opened",
    )
    return render(
        request,
        "support/public_request.html",
        {
            "support_request": support_request,
            "thread": thread,
            "message_form": message_form if support_request.status != Status.CLOSED else None,
            "close_form": close_form if support_request.status == Status.RESOLVED else None,
        },
    )


# Requests ---------------------------------------------------------------


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
    try:
        entries = services.time_bank_log_hours(
            support_request=support_request,
            hours=form.cleaned_data["hours"],
            actor=request.user,
            note=form.cleaned_data["note"],
        )
    except SupportError as error:
        show_refusal(request, error)
    else:
        messages.success(request, _hours_logged_text(entries))
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
        try:
            match = services.mentor_match_create(
                support_request=support_request,
                mentor=form.cleaned_data["mentor"],
                actor=request.user,
            )
        except SupportError as error:
            form.add_error("mentor", _error_text(error))
        else:
            messages.success(request, _("The mentor was matched."))
            return redirect(match)
    return render(
        request,
        "support/request_mentor.html",
        {"form": form, "support_request": support_request, "mentors": mentors},
    )


# Time bank --------------------------------------------------------------


@login_required
def timebank(request):
    if not policies.can_view_time_bank(request.user):
        raise PermissionDenied
    accounts = TimeBankAccount.objects.visible_to(request.user).select_related(
        "enterprise", "offer", "offer__provider", "area"
    )
    page = Paginator(accounts, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "support/timebank.html",
        {"page": page, "can_grant": policies.can_grant_hours(request.user)},
    )


@login_required
def timebank_account(request, pk):
    account = get_object_or_404(
        TimeBankAccount.objects.visible_to(request.user).select_related(
            "enterprise", "offer", "area"
        ),
        pk=pk,
    )
    entries = account.entries.select_related("request", "actor")
    return render(
        request, "support/timebank_account.html", {"account": account, "entries": entries}
    )


@login_required
def timebank_grant(request):
    if not policies.can_grant_hours(request.user):
        raise PermissionDenied
    form = GrantForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            entry = services.time_bank_grant(
                enterprise=data["enterprise"],
                year=data["year"],
                hours=data["hours"],
                actor=request.user,
                reason=data["reason"],
                offer=data["offer"],
                area=data["area"],
            )
        except SupportError as error:
            form.add_error(None, _error_text(error))
        else:
            messages.success(request, _("The hours were granted."))
            return redirect(entry.account)
    return render(request, "support/timebank_grant.html", {"form": form})


# Mentors ----------------------------------------------------------------


@login_required
def mentor_list(request):
    if not policies.can_list_mentors(request.user):
        raise PermissionDenied
    mentors = (
        Mentor.objects.visible_to(request.user)
        .with_active_matches()
        .select_related("organisation")
        .prefetch_related("areas", "municipalities")
    )
    matches = (
        MentorMatch.objects.visible_to(request.user).select_related(
            "mentor", "request", "request__requester_organisation"
        )
    )[:50]
    return render(
        request,
        "support/mentor_list.html",
        {
            "mentors": mentors,
            "matches": matches,
            "can_manage": policies.can_manage_mentors(request.user),
        },
    )


@login_required
def mentor_edit(request, pk=None):
    if not policies.can_manage_mentors(request.user):
        raise PermissionDenied
    mentor = get_object_or_404(Mentor.objects.visible_to(request.user), pk=pk) if pk else None
    form = MentorForm(request.POST or None, instance=mentor)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The mentor was saved."))
        return redirect("support:mentor_list")
    return render(request, "support/mentor_form.html", {"form": form, "mentor": mentor})


@login_required
def match_detail(request, pk):
    match = get_object_or_404(
        MentorMatch.objects.visible_to(request.user).select_related(
            "mentor", "mentor__organisation", "request", "request__requester_organisation"
        ),
        pk=pk,
    )
    can_log = policies.can_log_meeting(request.user, match) and not match.ended_at
    can_rate = policies.can_rate_match(request.user, match) and match.rating is None
    action = request.POST.get("action") if request.method == "POST" else None
    meeting_form = MeetingForm(request.POST if action == "meeting" else None) if can_log else None
    rating_form = CloseForm(request.POST if action == "rate" else None) if can_rate else None
    if request.method == "POST":
        if action == "meeting" and meeting_form is not None:
            if meeting_form.is_valid() and step_into_form(
                meeting_form,
                None,
                lambda: services.mentor_meeting_log(
                    match=match, actor=request.user, **meeting_form.cleaned_data
                ),
            ):
                messages.success(request, _("The meeting was logged."))
                return redirect(match)
        elif action == "rate" and rating_form is not None:
            if rating_form.is_valid():
                services.mentor_match_rate(
                    match=match,
                    rating=rating_form.cleaned_data["rating"],
                    comment=rating_form.cleaned_data["comment"],
                )
                messages.success(request, _("Thank you for your rating."))
                return redirect(match)
        else:
            raise PermissionDenied
    return render(
        request,
        "support/match_detail.html",
        {
            "match": match,
            "meetings": match.meetings.all(),
            "meeting_form": meeting_form,
            "rating_form": rating_form,
            "requester_link": policies.requests_visible_to(
                request.user, SupportRequest.objects.filter(pk=match.request_id)
            ).exists(),
        },
    )
