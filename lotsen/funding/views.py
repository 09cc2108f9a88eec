from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lotsen.core.models import SupportArea
from lotsen.core.steps import step_into_form, take_step

from . import delivery, exports, policies, services
from .followup import year_followup
from .forms import (
    AdoptForm,
    ContributionForm,
    DeliveredEffortForm,
    ExpenditureForm,
    PlanDraftForm,
    PlanForm,
    PlanItemForm,
    ScenarioForm,
    plannable_areas,
)
from .models import (
    Contribution,
    DeliveredEffort,
    Expenditure,
    Plan,
    PlanItem,
    Scenario,
)
from .money import ZERO, format_kronor
from .scenarios import ScenarioInput, compare


def _field_of_refusal(error: ValidationError) -> str | None:
    """A change that needs a reason is refused on the reason field."""
    return "reason" if getattr(error, "code", None) == "reason_required" else None


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _plan_for(request, year: int) -> Plan:
    if not 2020 <= year <= 2100:
        # Also keeps absurd numbers in the address from overflowing the database's integer.
        raise Http404
    return get_object_or_404(Plan.objects.visible_to(request.user), year=year)


def _year_filter(request) -> int | None:
    value = request.GET.get("ar", "")
    return int(value) if value.isdigit() and len(value) == 4 else None


@login_required
def index(request):
    user = request.user
    if not policies.can_follow_up(user):
        _require(policies.can_use_funding(user))
        return redirect("funding:contributions")
    plans = Plan.objects.visible_to(user)
    return render(
        request,
        "funding/index.html",
        {"plans": plans, "can_manage": policies.can_manage(user)},
    )


@login_required
def plan_create(request):
    _require(policies.can_manage(request.user))
    default_year = timezone.localdate().year + 1
    year = _year_filter(request) or default_year
    ranking = delivery.needs_ranking(year)
    form = PlanDraftForm(
        request.POST or None,
        areas=plannable_areas(),
        ranking=ranking,
        initial={"year": year, "model": "combined"},
    )
    if request.method == "POST" and form.is_valid():
        drafted = step_into_form(
            form,
            None,
            lambda: services.plan_draft(
                year=form.cleaned_data["year"],
                model=form.cleaned_data["model"],
                pot_budget=form.cleaned_data["pot_budget"],
                coordinator_cost=form.cleaned_data["coordinator_cost"],
                areas=form.cleaned_data["areas"],
            ),
        )
        if drafted:
            messages.success(request, _("The plan was drafted. Fill in goals and budgets."))
            return redirect(drafted.result)
    return render(
        request,
        "funding/plan_create.html",
        {"form": form, "ranking": ranking, "ranking_year": year},
    )


@login_required
def plan_detail(request, year: int):
    _require(policies.can_follow_up(request.user))
    plan = _plan_for(request, year)
    items = list(plan.items.select_related("area", "responsible_party"))
    areas = SupportArea.objects.in_bulk()
    revisions = [
        (revision, revision.describe(areas))
        for revision in plan.revisions.select_related("made_by")
    ]
    return render(
        request,
        "funding/plan_detail.html",
        {
            "plan": plan,
            "items": items,
            "pot_demand": plan.pot_demand(items),
            "exceeds_pot": plan.exceeds_pot(items),
            "revisions": revisions,
            "can_manage": policies.can_manage(request.user) and not plan.is_closed,
            "can_adopt": policies.can_move_plan(request.user, plan, Plan.Status.ADOPTED)
            and plan.can_move_to(Plan.Status.ADOPTED),
            "can_close": policies.can_move_plan(request.user, plan, Plan.Status.CLOSED)
            and plan.can_move_to(Plan.Status.CLOSED),
            "can_see_people": policies.can_see_people(request.user),
            "adopt_form": AdoptForm(),
        },
    )


@login_required
def plan_edit(request, year: int):
    _require(policies.can_manage(request.user))
    plan = _plan_for(request, year)
    form = PlanForm(request.POST or None, instance=plan)
    if (
        request.method == "POST"
        and form.is_valid()
        and step_into_form(
            form,
            _field_of_refusal,
            lambda: services.plan_update(
                plan=plan,
                changed=form.instance,
                user=request.user,
                reason=form.cleaned_data.get("reason", ""),
            ),
        )
    ):
        messages.success(request, _("The plan was saved."))
        return redirect(plan)
    return render(request, "funding/plan_form.html", {"form": form, "plan": plan})


@login_required
def item_edit(request, year: int, pk: int | None = None):
    _require(policies.can_manage(request.user))
    plan = _plan_for(request, year)
    item = get_object_or_404(plan.items, pk=pk) if pk else PlanItem(plan=plan)
    if not pk:
        item.priority = plan.items.count() + 1
    form = PlanItemForm(request.POST or None, instance=item)
    # Rules across the plan, e.g. each area once, are checked with the plan in place.
    if (
        request.method == "POST"
        and form.is_valid()
        and step_into_form(
            form,
            _field_of_refusal,
            lambda: services.plan_item_save(
                item=form.instance, user=request.user, reason=form.cleaned_data.get("reason", "")
            ),
        )
    ):
        messages.success(request, _("The support area was saved."))
        return redirect(plan)
    return render(request, "funding/item_form.html", {"form": form, "plan": plan, "item": item})


@login_required
@require_POST
def item_remove(request, year: int, pk: int):
    _require(policies.can_manage(request.user))
    plan = _plan_for(request, year)
    item = get_object_or_404(plan.items, pk=pk)
    return take_step(
        request,
        lambda: services.plan_item_remove(
            item=item, user=request.user, reason=request.POST.get("reason", "")
        ),
        success=_("The support area was removed from the plan."),
        target=plan,
    )


@login_required
@require_POST
def plan_adopt(request, year: int):
    _require(policies.can_adopt(request.user))
    plan = _plan_for(request, year)
    form = AdoptForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the date of the steering group's meeting."))
        return redirect(plan)
    return take_step(
        request,
        lambda: services.plan_adopt(
            plan=plan,
            user=request.user,
            adopted_on=form.cleaned_data["adopted_on"],
            reason=form.cleaned_data["reason"],
        ),
        success=_("The plan was adopted."),
        target=plan,
    )


@login_required
@require_POST
def plan_close(request, year: int):
    _require(policies.can_manage(request.user))
    plan = _plan_for(request, year)
    return take_step(
        request,
        lambda: services.plan_close(plan=plan, user=request.user, closed_on=timezone.localdate()),
        success=_("The year was closed."),
        target=plan,
    )


@login_required
def contribution_list(request):
    _require(policies.can_use_funding(request.user))
    contributions = Contribution.objects.visible_to(request.user).select_related("party")
    year = _year_filter(request)
    if year:
        contributions = contributions.filter(year=year)
    page = Paginator(contributions, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "funding/contribution_list.html",
        {
            "page": page,
            "year": year,
            "can_manage": policies.can_manage(request.user),
            "can_follow_up": policies.can_follow_up(request.user),
        },
    )


@login_required
def contribution_create(request):
    _require(policies.can_manage(request.user))
    form = ContributionForm(
        request.POST or None, initial={"year": _year_filter(request) or timezone.localdate().year}
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The contribution was saved."))
        return redirect(f"{redirect('funding:contributions').url}?ar={form.instance.year}")
    return render(request, "funding/contribution_form.html", {"form": form})


@login_required
def expenditure_list(request):
    _require(policies.can_follow_up(request.user))
    expenditures = Expenditure.objects.visible_to(request.user).select_related(
        "area", "plan", "recorded_by", "event", "support_request"
    )
    year = _year_filter(request)
    if year:
        expenditures = expenditures.filter(plan__year=year)
    page = Paginator(expenditures, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "funding/expenditure_list.html",
        {
            "page": page,
            "year": year,
            "can_manage": policies.can_manage(request.user),
            "can_see_people": policies.can_see_people(request.user),
        },
    )


@login_required
def expenditure_create(request):
    _require(policies.can_manage(request.user))
    form = ExpenditureForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        booked = step_into_form(
            form,
            None,
            lambda: services.expenditure_book(expenditure=form.instance, user=request.user),
        )
        if booked:
            expenditure = booked.result
            messages.success(
                request,
                _("The expenditure of %(amount)s including VAT was booked.")
                % {"amount": format_kronor(expenditure.gross_amount)},
            )
            return redirect(f"{redirect('funding:expenditures').url}?ar={expenditure.plan.year}")
    return render(request, "funding/expenditure_form.html", {"form": form})


@login_required
def followup(request, year: int):
    _require(policies.can_follow_up(request.user))
    plan = _plan_for(request, year)
    return render(
        request,
        "funding/followup.html",
        {"plan": plan, "f": year_followup(plan), "zero": ZERO},
    )


@login_required
def followup_pdf(request, year: int):
    _require(policies.can_follow_up(request.user))
    plan = _plan_for(request, year)
    pdf = exports.followup_pdf(year_followup(plan))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="lotsen-styrgrupp-{year}.pdf"'
    return response


@login_required
def export_xlsx(request, year: int):
    _require(policies.can_follow_up(request.user))
    plan = _plan_for(request, year)
    content = exports.year_workbook(
        plan,
        year_followup(plan),
        contributions=Contribution.objects.visible_to(request.user).filter(year=year),
        expenditures=Expenditure.objects.visible_to(request.user).filter(plan=plan),
    )
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="lotsen-finansiering-{year}.xlsx"'
    return response


@login_required
def delivered_list(request):
    _require(policies.can_manage(request.user))
    efforts = DeliveredEffort.objects.visible_to(request.user).select_related("party", "area")
    page = Paginator(efforts, 50).get_page(request.GET.get("page"))
    form = DeliveredEffortForm(request.POST or None, initial={"year": timezone.localdate().year})
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The delivered hours were saved."))
        return redirect("funding:delivered")
    return render(request, "funding/delivered_list.html", {"page": page, "form": form})


@login_required
def scenario_list(request):
    _require(policies.can_follow_up(request.user))
    return render(
        request,
        "funding/scenario_list.html",
        {
            "scenarios": Scenario.objects.visible_to(request.user),
            "can_manage": policies.can_manage(request.user),
        },
    )


def _chart(outcomes) -> dict:
    """Bar lengths for the SVG chart of the coordinator's cost, scaled to the largest."""
    largest = max((outcome.coordinator_cost for outcome in outcomes), default=ZERO) or 1
    return {
        "bars": [
            {
                "outcome": outcome,
                "width": int(outcome.coordinator_cost * 320 / largest),
                "y": 10 + index * 40,
            }
            for index, outcome in enumerate(outcomes)
        ],
        "height": 20 + len(outcomes) * 40,
    }


@login_required
def scenario_new(request):
    _require(policies.can_manage(request.user))
    areas = plannable_areas()
    form = ScenarioForm(request.POST or None, areas=areas)
    outcomes = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        inputs = ScenarioInput(
            area_hours=form.area_hours(),
            bought_hourly_rate=data["bought_hourly_rate"],
            own_hourly_value=data["own_hourly_value"],
            coordinator_hourly_cost=data["coordinator_hourly_cost"],
            coordinator_base_hours=data["coordinator_base_hours"],
            coordination_per_bought_hour=data["coordination_per_bought_hour"],
            coordination_per_own_hour=data["coordination_per_own_hour"],
            mix_bought_percent=data["mix_bought_percent"],
        )
        if data["name"].strip():
            scenario = Scenario.objects.create(
                name=data["name"].strip(),
                area_hours={code: str(hours) for code, hours in inputs.area_hours.items()},
                bought_hourly_rate=inputs.bought_hourly_rate,
                own_hourly_value=inputs.own_hourly_value,
                coordinator_hourly_cost=inputs.coordinator_hourly_cost,
                coordinator_base_hours=inputs.coordinator_base_hours,
                coordination_per_bought_hour=inputs.coordination_per_bought_hour,
                coordination_per_own_hour=inputs.coordination_per_own_hour,
                mix_bought_percent=inputs.mix_bought_percent,
                created_by=request.user,
            )
            messages.success(request, _("The scenario was saved."))
            return redirect(scenario)
        outcomes = compare(inputs)
    return render(
        request,
        "funding/scenario_form.html",
        {"form": form, "outcomes": outcomes, "chart": _chart(outcomes) if outcomes else None},
    )


@login_required
def scenario_detail(request, pk: int):
    _require(policies.can_follow_up(request.user))
    scenario = get_object_or_404(Scenario.objects.visible_to(request.user), pk=pk)
    inputs = ScenarioInput.from_scenario(scenario)
    outcomes = compare(inputs)
    areas = plannable_areas().in_bulk(list(inputs.area_hours))
    return render(
        request,
        "funding/scenario_detail.html",
        {
            "scenario": scenario,
            "inputs": inputs,
            "area_hours": [
                (areas.get(code, code), hours) for code, hours in inputs.area_hours.items()
            ],
            "outcomes": outcomes,
            "chart": _chart(outcomes),
        },
    )
