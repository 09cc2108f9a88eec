from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lotsen.core.small_cells import protects_any

from . import labels, policies, services
from .estimate import estimate_for_year
from .forms import ParameterForm
from .models import Parameter

FIRST_YEAR = 2020


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _chosen_year(request, this_year: int) -> tuple[int | None, str]:
    """The year asked for in ?ar=, or this year; an error text for bad input."""
    value = request.GET.get("ar", "").strip()
    if not value:
        return this_year, ""
    if not (value.isdigit() and len(value) == 4) or int(value) < FIRST_YEAR:
        return None, _("Choose a year from %(first)s to %(last)s.") % {
            "first": FIRST_YEAR,
            "last": this_year,
        }
    return int(value), ""


@login_required
def method(request):
    user = request.user
    _require(policies.can_read(user))
    this_year = timezone.localdate().year
    year, error = _chosen_year(request, this_year)
    future = year is not None and year > this_year
    estimate = estimate_for_year(year) if year is not None and not future else None
    show_small = policies.small_cells_visible_to(user)
    parameters = Parameter.objects.visible_to(user).select_related("edited_by")
    counts = _count_rows(estimate, show_small) if estimate else []
    return render(
        request,
        "socioeconomics/method.html",
        {
            "year": year,
            "years": range(this_year, FIRST_YEAR - 1, -1),
            "error": error,
            "future": future,
            "estimate": estimate,
            "show_small": show_small,
            "shown": estimate is not None and estimate.can_be_shown(show_small_cells=show_small),
            "counts": counts,
            "counts_protect": protects_any(row["hidden"] for row in counts),
            "groups": _group_rows(estimate) if estimate else [],
            "cases": list(labels.CASES.items()),
            "case_labels": labels.CASES,
            "cost_basis": labels.COST_BASES.get(estimate.cost_basis) if estimate else "",
            "parameters": parameters,
            "can_edit": policies.can_edit(user),
        },
    )


def _count_rows(estimate, show_small: bool) -> list[dict]:
    hidden = {} if show_small else estimate.hidden_groups
    rows = []
    for group, label in labels.GROUPS.items():
        people = estimate.counts.get(group, 0)
        rows.append(
            {
                "label": label,
                "people": people,
                "hidden": hidden.get(group),
                "valued": group in estimate.valued_groups,
            }
        )
    return rows


def _group_rows(estimate) -> list[dict]:
    return [
        {
            "key": group,
            "label": labels.GROUPS[group],
            "people": estimate.counts.get(group, 0),
            "rows": [row for row in estimate.rows if row.group == group],
        }
        for group in estimate.valued_groups
    ]


@login_required
def parameter_edit(request, key: str):
    _require(policies.can_edit(request.user))
    parameter = get_object_or_404(Parameter.objects.visible_to(request.user), key=key)
    form = ParameterForm(request.POST or None, instance=parameter)
    if request.method == "POST" and form.is_valid():
        services.parameter_edit(actor=request.user, parameter=form.save(commit=False))
        messages.success(request, _("The parameter %(name)s was saved.") % {"name": parameter})
        return redirect(reverse("socioeconomics:method") + "#parameters")
    if request.method == "POST":
        # ModelForm validation has written the refused values onto the instance.
        parameter.refresh_from_db()
    return render(
        request,
        "socioeconomics/parameter_form.html",
        {
            "form": form,
            "parameter": parameter,
            "versions": parameter.versions.select_related("edited_by"),
        },
    )
