from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from lotsen.core.uploads import serve_file

from . import content, policies, services
from .forms import YearForm
from .models import RETENTION_DAYS, ReportJob

RECENT = 20


def _require(user) -> None:
    if not policies.may_request_report(user):
        raise PermissionDenied


@login_required
def index(request):
    _require(request.user)
    first_year = content.first_year()
    if request.method == "POST":
        form = YearForm(request.POST, first_year=first_year)
        if form.is_valid():
            job = services.report_request(actor=request.user, year=form.cleaned_data["year"])
            return redirect(job)
        status = 400
    else:
        form = YearForm(first_year=first_year)
        status = 200
    jobs = ReportJob.objects.visible_to(request.user).select_related("requested_by")[:RECENT]
    return render(
        request,
        "yearly_report/index.html",
        {
            "form": form,
            "jobs": jobs,
            "retention_days": RETENTION_DAYS,
            "sees_small_cells": policies.shows_small_cells(request.user),
        },
        status=status,
    )


def _job(request, pk: int) -> ReportJob:
    _require(request.user)
    return get_object_or_404(ReportJob.objects.visible_to(request.user), pk=pk)


@login_required
def job(request, pk: int):
    report_job = _job(request, pk)
    template = "yearly_report/_job_status.html" if request.htmx else "yearly_report/job_detail.html"
    return render(request, template, {"job": report_job, "retention_days": RETENTION_DAYS})


@login_required
def download(request, pk: int, kind: str):
    report_job = _job(request, pk)
    file = {"pdf": report_job.pdf, "xlsx": report_job.xlsx}.get(kind)
    if file is None:
        raise Http404
    if not report_job.is_done or not file:
        messages.error(request, _("The report is not ready to download."))
        return redirect(report_job)
    return serve_file(
        file,
        filename=f"arsrapport-{report_job.year}.{kind}",
        content_type="application/pdf"
        if kind == "pdf"
        else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
