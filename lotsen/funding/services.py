"""Workflows of the financing: drafting, adopting, revising and closing a plan; booking."""

import datetime
from collections.abc import Sequence
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from lotsen.core.models import SupportArea

from .models import COORDINATION_AREA, Expenditure, FundingError, Plan, PlanItem, PlanRevision
from .money import format_kronor

ITEM_FIELDS = ["priority", "area_id", "goal", "budget", "committed_hours", "responsible_party_id"]
PLAN_FIELDS = ["model", "pot_budget", "coordinator_cost"]


def _as_text(value) -> str | None:
    return None if value is None else str(value)


def _diff(before, after, fields: list[str], area: str | None = None) -> list[dict]:
    """One entry per changed field: {"area", "field", "before", "after"}."""
    return [
        {
            "area": area,
            "field": field,
            "before": None if before is None else _as_text(getattr(before, field)),
            "after": _as_text(getattr(after, field)),
        }
        for field in fields
        if before is None or getattr(before, field) != getattr(after, field)
    ]


def _guard_change(plan: Plan, reason: str) -> None:
    """Drafts change freely; adopted plans only by a revision with a reason; closed never."""
    if plan.is_closed:
        raise FundingError(_("A closed plan cannot be changed."), code="closed")
    if plan.is_adopted and not reason.strip():
        raise FundingError(
            _("The plan is adopted: give a reason for the revision."), code="reason_required"
        )


def _record_revision(plan: Plan, *, user, reason: str, changes: list[dict]) -> None:
    if plan.is_adopted and changes:
        PlanRevision.objects.create(plan=plan, reason=reason.strip(), changes=changes, made_by=user)


@transaction.atomic
def plan_draft(
    *,
    year: int,
    model: str,
    pot_budget: Decimal,
    coordinator_cost: Decimal,
    areas: Sequence[SupportArea],
) -> Plan:
    """Draft a year's plan with the areas in the order given (most needed first)."""
    if Plan.objects.filter(year=year).exists():
        raise FundingError(
            _("There is already a plan for %(year)s.") % {"year": year}, code="exists"
        )
    codes = [area.pk for area in areas]
    if len(set(codes)) != len(codes):
        raise FundingError(_("Each support area can be prioritised once."), code="duplicate")
    if COORDINATION_AREA in codes:
        raise FundingError(
            _("The coordinator's cost is its own line of the plan."), code="coordination"
        )
    plan = Plan(year=year, model=model, pot_budget=pot_budget, coordinator_cost=coordinator_cost)
    plan.full_clean()
    plan.save()
    # A drafted area starts with no budget and no hours committed; zero hours
    # satisfy the rule that an item has one of them until the coordinator fills it in.
    PlanItem.objects.bulk_create(
        PlanItem(plan=plan, priority=position, area=area, committed_hours=Decimal(0))
        for position, area in enumerate(areas, 1)
    )
    return plan


@transaction.atomic
def plan_update(*, plan: Plan, changed: Plan, user, reason: str = "") -> Plan:
    """Save the plan's model, pot and coordinator cost; a revision once adopted."""
    current = Plan.objects.select_for_update().get(pk=plan.pk)
    _guard_change(current, reason)
    changes = _diff(current, changed, PLAN_FIELDS)
    changed.save(update_fields=PLAN_FIELDS)
    _record_revision(current, user=user, reason=reason, changes=changes)
    return changed


@transaction.atomic
def plan_item_save(*, item: PlanItem, user, reason: str = "") -> PlanItem:
    """Add or change a prioritised area; a revision with a reason once the plan is adopted."""
    plan = Plan.objects.select_for_update().get(pk=item.plan_id)
    _guard_change(plan, reason)
    before = PlanItem.objects.filter(pk=item.pk).first() if item.pk else None
    item.full_clean()
    item.save()
    _record_revision(
        plan, user=user, reason=reason, changes=_diff(before, item, ITEM_FIELDS, item.area_id)
    )
    return item


@transaction.atomic
def plan_item_remove(*, item: PlanItem, user, reason: str = "") -> None:
    plan = Plan.objects.select_for_update().get(pk=item.plan_id)
    _guard_change(plan, reason)
    _record_revision(
        plan,
        user=user,
        reason=reason,
        changes=[{"area": item.area_id, "field": "removed", "before": None, "after": None}],
    )
    item.delete()


@transaction.atomic
def plan_adopt(*, plan: Plan, user, adopted_on: datetime.date, reason: str = "") -> Plan:
    """The steering group adopts a draft; over the pot only with a reason."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    plan.workflow.check(plan, Plan.Status.ADOPTED)
    items = list(plan.items.all())
    if not items:
        raise FundingError(_("A plan without prioritised areas cannot be adopted."), code="empty")
    if plan.exceeds_pot(items) and not reason.strip():
        raise FundingError(
            _(
                "The planned costs (%(demand)s) exceed the pot (%(pot)s): "
                "give a reason to adopt the plan anyway."
            )
            % {
                "demand": format_kronor(plan.pot_demand(items)),
                "pot": format_kronor(plan.pot_budget),
            },
            code="over_budget",
        )
    plan.move_to(
        Plan.Status.ADOPTED,
        actor=user,
        reason=reason,
        changes={
            "adopted_on": adopted_on,
            "adopted_by": user,
            "over_budget_reason": reason.strip(),
        },
    )
    return plan


@transaction.atomic
def plan_close(*, plan: Plan, user, closed_on: datetime.date) -> Plan:
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    plan.move_to(Plan.Status.CLOSED, actor=user, changes={"closed_on": closed_on})
    return plan


@transaction.atomic
def expenditure_book(*, expenditure: Expenditure, user) -> Expenditure:
    """Book an expenditure against the pot of its year; never in a closed year."""
    plan = Plan.objects.select_for_update().get(pk=expenditure.plan_id)
    if plan.is_closed:
        raise FundingError(
            _("The year %(year)s is closed: no more expenditures can be booked.")
            % {"year": plan.year},
            code="closed",
        )
    expenditure.plan = plan
    expenditure.recorded_by = user
    expenditure.compute_vat()
    expenditure.full_clean()
    expenditure.save()
    return expenditure
