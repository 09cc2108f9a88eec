"""Pages of follow-up and outcomes: follow-ups, outcome checks and the report."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lotsen.core import exports
from lotsen.core.steps import take_step

from .. import policies, services
from ..forms import FollowUpForm, OutcomeCheckForm, ReportPeriodForm
from ..models import OutcomeCheck, ProgressDimension
from ..reports import Report
from .common import _placement, _posted_step


@login_required
def follow_up_create(request, pk):
    placement = _placement(request, pk, "follow-up outside the user's scope")
    if not policies.can_record_follow_up(request.user, placement):
        raise PermissionDenied
    dimensions = list(ProgressDimension.objects.filter(active=True))
    form = FollowUpForm(request.POST or None, dimensions=dimensions)
    saved = _posted_step(
        request,
        form,
        lambda: services.follow_up_record(
            actor=request.user,
            placement=placement,
            follow_up=form.save(commit=False),
            scores=form.scores(),
        ),
        success=_("The follow-up was saved."),
        target=placement,
    )
    return saved or render(
        request, "placements/follow_up_form.html", {"form": form, "placement": placement}
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
