from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render

from . import policies
from .forms import AuditFilterForm
from .models import AuditEvent


@login_required
def event_list(request):
    if not policies.can_review(request.user):
        raise PermissionDenied
    form = AuditFilterForm(request.GET or None)
    events = AuditEvent.objects.visible_to(request.user).select_related("actor")
    if form.is_bound:
        events = form.filter(events) if form.is_valid() else events.none()
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(request, "audit/event_list.html", {"form": form, "page": page})
