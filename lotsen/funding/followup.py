"""The year's follow-up: budget against outcome, the parties' shares, the responsibility
matrix and the unit costs. A fixed number of queries whatever the number of rows."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from lotsen.core.models import SupportArea
from lotsen.organisations.models import Organisation

from . import delivery
from .models import COORDINATION_AREA, Contribution, Expenditure, Plan
from .money import ZERO, per_unit, share_percent, to_ore


@dataclass
class AreaRow:
    area: SupportArea
    priority: int | None
    responsible: str
    budget: Decimal | None
    spent: Decimal
    committed_hours: Decimal | None
    delivered_hours: Decimal

    @property
    def remaining(self) -> Decimal | None:
        return None if self.budget is None else self.budget - self.spent

    @property
    def used_percent(self) -> Decimal | None:
        return share_percent(self.spent, self.budget) if self.budget else None

    @property
    def over_budget(self) -> bool:
        return self.budget is not None and self.spent > self.budget


@dataclass
class PartyRow:
    party: Organisation
    money: Decimal
    paid: Decimal
    hours: Decimal
    in_kind_value: Decimal
    pot_share: Decimal | None
    use: Decimal


@dataclass
class MatrixCell:
    committed: Decimal | None
    delivered: Decimal

    @property
    def state(self) -> str:
        if not self.committed:
            return "unplanned" if self.delivered else "none"
        if self.delivered >= self.committed:
            return "delivered"
        if self.delivered * 2 >= self.committed:
            return "partly"
        return "behind"

    @property
    def label(self):
        return MATRIX_LABELS[self.state]

    @property
    def percent(self) -> Decimal | None:
        return share_percent(self.delivered, self.committed) if self.committed else None


MATRIX_LABELS = {
    "none": _("Nothing committed"),
    "unplanned": _("Delivered without commitment"),
    "delivered": _("Delivered"),
    "partly": _("Half or more delivered"),
    "behind": _("Behind"),
}


@dataclass
class UnitCost:
    name: str
    label: str
    count: Decimal | None
    cost: Decimal | None


@dataclass
class Followup:
    plan: Plan
    areas: list[AreaRow]
    coordinator_budget: Decimal
    coordinator_spent: Decimal
    parties: list[PartyRow]
    matrix_areas: list[SupportArea]
    matrix: list[tuple[Organisation, list[MatrixCell]]]
    unit_costs: list[UnitCost]
    has_delivery_data: bool
    totals: dict = field(default_factory=dict)


def year_followup(plan: Plan) -> Followup:
    items = list(plan.items.select_related("area", "responsible_party"))
    spent_by_area = {
        row["area_id"]: row["total"]
        for row in Expenditure.objects.filter(plan=plan)
        .values("area_id")
        .annotate(total=Sum("gross_amount"))
        .order_by()
    }
    delivered = delivery.delivered_hours(plan.year)
    delivered_by_area: dict[str, Decimal] = {}
    for (_party, area), hours in delivered.items():
        delivered_by_area[area] = delivered_by_area.get(area, Decimal(0)) + hours

    areas = [
        AreaRow(
            area=item.area,
            priority=item.priority,
            responsible=item.responsible_label,
            budget=item.budget,
            spent=spent_by_area.get(item.area_id, ZERO),
            committed_hours=item.committed_hours,
            delivered_hours=delivered_by_area.get(item.area_id, Decimal(0)),
        )
        for item in items
    ]
    planned = {item.area_id for item in items} | {COORDINATION_AREA}
    unplanned_codes = sorted(
        code for code in set(spent_by_area) | set(delivered_by_area) if code not in planned
    )
    unplanned_areas = SupportArea.objects.in_bulk(unplanned_codes) if unplanned_codes else {}
    areas += [
        AreaRow(
            area=unplanned_areas[code],
            priority=None,
            responsible="–",
            budget=None,
            spent=spent_by_area.get(code, ZERO),
            committed_hours=None,
            delivered_hours=delivered_by_area.get(code, Decimal(0)),
        )
        for code in unplanned_codes
    ]
    coordinator_spent = spent_by_area.get(COORDINATION_AREA, ZERO)
    total_spent = sum(spent_by_area.values(), ZERO)

    contributions = {
        row["party_id"]: row
        for row in Contribution.objects.filter(year=plan.year)
        .values("party_id")
        .annotate(money=Sum("amount"), hours=Sum("hours"))
        .order_by()
    }
    paid = {
        row["party_id"]: row["paid"]
        for row in Contribution.objects.filter(year=plan.year, paid_on__isnull=False)
        .values("party_id")
        .annotate(paid=Sum("amount"))
        .order_by()
    }
    # The value of hours in kind is hours × that row's hourly value, summed per party.
    in_kind: dict[int, Decimal] = {}
    for party_id, hours, value in Contribution.objects.filter(year=plan.year).values_list(
        "party_id", "hours", "hourly_value"
    ):
        in_kind[party_id] = in_kind.get(party_id, ZERO) + to_ore(hours * value)
    pot_total = sum((row["money"] for row in contributions.values()), ZERO)

    committed_party_ids = {item.responsible_party_id for item in items if item.responsible_party_id}
    delivered_party_ids = {party_id for party_id, _area in delivered}
    party_ids = set(contributions) | committed_party_ids | delivered_party_ids
    parties = list(Organisation.objects.filter(pk__in=party_ids).order_by("name"))
    party_rows = []
    for party in parties:
        row = contributions.get(party.pk, {"money": ZERO, "hours": Decimal(0)})
        party_share = share_percent(row["money"], pot_total)
        # A party's share of the use is its share of the pot applied to what was spent.
        use = to_ore(total_spent * row["money"] / pot_total) if pot_total else ZERO
        party_rows.append(
            PartyRow(
                party=party,
                money=row["money"],
                paid=paid.get(party.pk, ZERO),
                hours=row["hours"],
                in_kind_value=in_kind.get(party.pk, ZERO),
                pot_share=party_share,
                use=use,
            )
        )

    matrix_areas = [item.area for item in items] + [
        unplanned_areas[code] for code in unplanned_codes if code in delivered_by_area
    ]
    committed = {
        (item.responsible_party_id, item.area_id): item.committed_hours
        for item in items
        if item.responsible_party_id
    }
    matrix = [
        (
            party,
            [
                MatrixCell(
                    committed=committed.get((party.pk, area.pk)),
                    delivered=delivered.get((party.pk, area.pk), Decimal(0)),
                )
                for area in matrix_areas
            ],
        )
        for party in parties
        if party.pk in committed_party_ids or party.pk in delivered_party_ids
    ]

    in_kind_total = sum(in_kind.values(), ZERO)
    year_cost = total_spent + in_kind_total
    unit_costs = []
    for name, label in delivery.VOLUME_LABELS.items():
        count = delivery.volume(name, plan.year)
        unit_costs.append(
            UnitCost(
                name=name,
                label=label,
                count=count,
                cost=per_unit(year_cost, count) if count is not None else None,
            )
        )

    return Followup(
        plan=plan,
        areas=areas,
        coordinator_budget=plan.coordinator_cost,
        coordinator_spent=coordinator_spent,
        parties=party_rows,
        matrix_areas=matrix_areas,
        matrix=matrix,
        unit_costs=unit_costs,
        has_delivery_data=bool(delivered),
        totals={
            "budget": sum((row.budget or ZERO for row in areas), ZERO) + plan.coordinator_cost,
            "spent": total_spent,
            "pot": pot_total,
            "paid": sum(paid.values(), ZERO),
            "in_kind": in_kind_total,
            "year_cost": year_cost,
            "left_in_pot": pot_total - total_spent,
        },
    )
