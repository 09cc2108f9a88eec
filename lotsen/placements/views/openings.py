"""Pages of openings: the list, one opening with its supervisors, the form."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from .. import policies
from ..forms import OpeningFilterForm, OpeningForm, SupervisorForm
from ..models import Opening, Placement
from .common import _page


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
