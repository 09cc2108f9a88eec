from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from lotsen.core import opendata as core_opendata

from . import policies, presentation, stored
from .forms import DashboardForm, PeriodForm
from .indicators import INDICATORS, SECTIONS
from .periods import Period


def _period_form(form_class, request):
    """The bound form from the query string, or today's year when nothing was asked."""
    if "kind" not in request.GET and "year" not in request.GET:
        data = PeriodForm.initial_data()
        data.update(
            {key: value for key, value in request.GET.items() if key in form_class.base_fields}
        )
        return form_class(data)
    return form_class(request.GET)


@login_required
def dashboard(request):
    if not policies.may_view_dashboard(request.user):
        raise PermissionDenied
    form = _period_form(DashboardForm, request)
    context = {"form": form, "sees_small_cells": False}
    if not form.is_valid():
        return render(request, "impact/dashboard.html", context, status=400)
    period: Period = form.cleaned_data["period"]
    show_small = policies.small_cells_visible_to(request.user)
    figures = stored.dashboard_figures(period, form.scope, show_small_cells=show_small)
    results = figures.results
    context.update(
        {
            "period": period,
            "previous": period.previous(),
            "sees_small_cells": show_small,
            # Made from the stored figures and escaped when they were rendered.
            "sections_html": mark_safe(figures.rendered),
            "is_empty": all(result.is_empty for result in results),
            "scope_label": presentation.scope_label(form),
            "query": request.GET.urlencode(),
            "figures": figures,
        }
    )
    return render(request, "impact/dashboard.html", context)


@login_required
def indicator_detail(request, key: str):
    if not policies.may_view_dashboard(request.user):
        raise PermissionDenied
    indicator = INDICATORS.get(key)
    if indicator is None:
        raise Http404(_("No such indicator."))
    form = _period_form(PeriodForm, request)
    context = {"form": form, "indicator": indicator, "section": SECTIONS[indicator.section]}
    if not form.is_valid():
        return render(request, "impact/indicator_detail.html", context, status=400)
    period: Period = form.cleaned_data["period"]
    show_small = policies.small_cells_visible_to(request.user)
    trend = presentation.trend(indicator, period, show_small)
    context.update(
        {
            "period": period,
            "sees_small_cells": show_small,
            "trend": trend,
            "tables": [
                trend.table,
                presentation.breakdown_by_municipality(indicator, period, show_small),
                presentation.breakdown_by_party(indicator, period, show_small),
            ],
        }
    )
    return render(request, "impact/indicator_detail.html", context)


def method(request):
    """Every indicator's definition, for anyone who reads a figure and asks what it means."""
    sections = [
        (title, [i for i in INDICATORS.values() if i.section == key])
        for key, title in SECTIONS.items()
    ]
    return render(request, "impact/method.html", {"sections": sections})


# ---------------------------------------------------------------- public


def _public_year(request) -> tuple[Period | None, str]:
    raw = request.GET.get("ar", "").strip()
    if not raw:
        return Period.current(), ""
    if not raw.isdigit():
        return None, _("Write the year with four digits, e.g. 2026.")
    try:
        return Period.year_of(int(raw)), ""
    except ValueError as error:
        return None, str(error)


def public_statistics(request):
    period, error = _public_year(request)
    if period is None:
        return render(request, "impact/public.html", {"error": error}, status=400)
    show_small = policies.small_cells_visible_to(request.user)
    statistics = presentation.public_statistics(period, show_small)
    return render(
        request,
        "impact/public.html",
        {"period": period, "statistics": statistics, "sees_small_cells": show_small},
    )


def public_csv(request):
    period, error = _public_year(request)
    if period is None:
        return HttpResponseBadRequest(error, content_type="text/plain; charset=utf-8")
    show_small = policies.small_cells_visible_to(request.user)
    response = HttpResponse(
        presentation.public_csv(period, show_small), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="statistik-{period.slug}.csv"'
    return core_opendata.described_by(
        response, reverse("statistics:csv_schema"), core_opendata.TABLE_SCHEMA
    )


def public_csv_schema(request):
    return core_opendata.schema_response(
        presentation.public_csv_schema(), core_opendata.TABLE_SCHEMA
    )
