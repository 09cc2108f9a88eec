"""The one door: the contact form, and a public requester's own view of their request."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from lotsen.audit.models import AuditEvent
from lotsen.audit.services import audit_event_record
from lotsen.core.models import SupportArea
from lotsen.core.steps import take_step
from lotsen.core.workdays import working_days_between

from .. import policies, services
from ..forms import CloseForm, MessageForm, PublicRequestForm, RequestForm
from ..models import SupportRequest
from ..tasks import request_id_from_token

Status = SupportRequest.Status
# The link in a public requester's mail works as long as the request is kept.
PUBLIC_LINK_DAYS = 365 * (SupportRequest.RETENTION_YEARS + 1)


def contact(request):
    signed_in = request.user.is_authenticated
    form_class = RequestForm if signed_in else PublicRequestForm
    form = form_class(request.POST or None, initial=_asked_for(request.GET))
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


def _asked_for(query) -> dict:
    """The area and subject a link from another page fills in, e.g. help with a tender
    from a business opportunity; an unknown area is left for the person to choose."""
    initial = {}
    if SupportArea.objects.filter(pk=query.get("omrade", "")).exists():
        initial["area"] = query["omrade"]
    subject = query.get("amne", "").strip()
    if subject:
        initial["subject"] = subject[:200]
    return initial


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
