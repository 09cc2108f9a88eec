"""What the support function puts on "My overview"."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotsen.core.inbox import InboxItem, InboxSection

from . import policies
from .models import SupportRequest

SHOWN = 10


def _items(requests, today) -> list[InboxItem]:
    return [
        InboxItem(
            title=f"{request.reference} {request.subject}",
            url=request.get_absolute_url(),
            since=request.created_at,
            detail=str(request.get_status_display()),
            overdue=request.is_overdue(today),
            # An assigned request waits on its provider; any other on the coordinator reading.
            waiting_on=request.assigned_provider.name if request.assigned_provider_id else "",
        )
        for request in requests[:SHOWN]
    ]


def support_sections(user):
    """New requests to triage and overdue ones for the coordinator; overdue ones for providers.

    Three queries per section at most, whatever the number of requests.
    """
    if not (policies.is_coordinator(user) or policies.is_provider(user)):
        return
    today = timezone.localdate()
    list_url = reverse("support:request_list")
    visible = SupportRequest.objects.visible_to(user).order_by("created_at")
    if policies.can_triage(user):
        new = visible.filter(status=SupportRequest.Status.NEW).select_related("assigned_provider")
        yield InboxSection(
            _("Requests to triage"),
            _items(new, today),
            total=new.count(),
            more_url=f"{list_url}?status={SupportRequest.Status.NEW}",
        )
    overdue = visible.overdue(today).select_related("assigned_provider")
    yield InboxSection(
        _("Overdue requests"),
        _items(overdue, today),
        total=overdue.count(),
        more_url=f"{list_url}?overdue=on",
    )
