"""The demo world's financing: 2025 under the financing model (closed), 2026 combined
(adopted), the parties' contributions and a year of expenditures.

The parties' delivered hours come from the support and events demo data (seeded before
this module, see INSTALLED_APPS); only work the platform does not record is typed in as
DeliveredEffort. Some expenditures link to the event or request they paid for.
"""

import datetime
from decimal import Decimal

from lotsen.accounts.models import User
from lotsen.core.models import SupportArea
from lotsen.events.models import Event
from lotsen.organisations.models import Organisation
from lotsen.support.models import SupportRequest

from .models import (
    Contribution,
    DeliveredEffort,
    Expenditure,
    FundingModel,
    Plan,
    PlanItem,
    Scenario,
)

AF = "Arbetsförmedlingen, Luleå"
FK = "Försäkringskassan, Norrbotten"
REGION = "Region Norrbotten"
LULEA = "Luleå kommun"
PITEA = "Piteå kommun"
ALVSBYN = "Älvsbyns kommun"
BODEN = "Bodens kommun"

# The state (AF and FK) pays half, the region a quarter, the municipalities a quarter
# by population, as coordination associations are financed (lag 2003:1210).
CONTRIBUTIONS = {
    2025: {
        AF: 400_000,
        FK: 400_000,
        REGION: 400_000,
        LULEA: 190_000,
        PITEA: 110_000,
        BODEN: 70_000,
        ALVSBYN: 30_000,
    },
    2026: {
        AF: 420_000,
        FK: 420_000,
        REGION: 420_000,
        LULEA: 200_000,
        PITEA: 115_000,
        BODEN: 75_000,
        ALVSBYN: 30_000,
    },
}
# In-kind hours in the combined model: (hours, hourly value)
IN_KIND_2026 = {
    AF: (240, 620),
    REGION: (160, 650),
    LULEA: (200, 600),
    PITEA: (120, 600),
    BODEN: (80, 600),
}

# (area, goal, budget, committed hours, responsible party or None for the pot)
PLAN_ITEMS = {
    2025: [
        (
            "supervisor-training",
            "Två handledarutbildningar för företag och kommuner",
            220_000,
            None,
            None,
        ),
        (
            "asf-school",
            "ASF-skola för nya och blivande sociala företag, åtta träffar",
            180_000,
            None,
            None,
        ),
        ("advice", "Rådgivning på avrop, 20 företag", 160_000, None, None),
        ("sales-marketing", "Sälj- och marknadsföringsutbildning", 120_000, None, None),
        ("procurement", "Anbudsskola och stöd vid reserverade upphandlingar", 110_000, None, None),
        ("enterprise-networks", "Fyra nätverksträffar mellan företagen", 60_000, None, None),
    ],
    2026: [
        ("supervisor-training", "Handledarutbildning två gånger per år", 200_000, None, None),
        ("asf-school", "ASF-skola, andra omgången", 150_000, None, None),
        ("advice", "Rådgivning via Arbetsförmedlingens företagslots", None, 240, AF),
        ("authority-contacts", "En väg in till myndigheterna för företagen", None, 160, REGION),
        ("training", "Grundutbildning om ASF för kommunernas personal", 40_000, 200, LULEA),
        ("actor-networks", "Nätverk med övriga aktörer i Piteå", None, 120, PITEA),
        ("mentoring", "Mentorer för fem företag", None, 80, BODEN),
        ("procurement", "Stöd vid reserverade upphandlingar", 120_000, None, None),
    ],
}

# (month, area, supplier, description, net amount, VAT rate)
EXPENDITURES_2025 = [
    (
        2,
        "supervisor-training",
        "Coompanion Norrbotten",
        "Handledarutbildning, vårens omgång",
        95_000,
        25,
    ),
    (3, "asf-school", "Coompanion Norrbotten", "ASF-skola, träff 1–4", 82_000, 25),
    (3, "advice", "Almi Företagspartner Nord", "Rådgivning, tio företag", 68_500, 25),
    (4, "sales-marketing", "LTU Business", "Säljutbildning, två dagar", 54_000, 25),
    (
        5,
        "enterprise-networks",
        "Café Kvarnen ek. för.",
        "Fika och lokal, nätverksträff i Boden",
        4_850,
        12,
    ),
    (5, "procurement", "Arctic Business Incubator", "Anbudsskola, del 1", 41_200, 25),
    (
        6,
        "enterprise-networks",
        "Kök & Kompani Piteå ek. för.",
        "Lunch, nätverksträff i Piteå",
        6_430,
        12,
    ),
    (
        9,
        "supervisor-training",
        "Coompanion Norrbotten",
        "Handledarutbildning, höstens omgång",
        98_000,
        25,
    ),
    (9, "asf-school", "Coompanion Norrbotten", "ASF-skola, träff 5–8", 84_000, 25),
    (10, "advice", "Almi Företagspartner Nord", "Rådgivning, åtta företag", 59_250, 25),
    (10, "procurement", "Arctic Business Incubator", "Anbudsskola, del 2", 43_800, 25),
    (11, "sales-marketing", "LTU Business", "Marknadsföring i sociala medier", 38_000, 25),
    (
        11,
        "enterprise-networks",
        "Bageriet på Gültzauudden ek. för.",
        "Fika, nätverksträff i Luleå",
        3_960,
        12,
    ),
    (
        12,
        "enterprise-networks",
        "Trädgårdsgänget Älvsbyn ek. för.",
        "Julbord för nätverket",
        12_400,
        12,
    ),
]
EXPENDITURES_2026 = [
    (
        2,
        "supervisor-training",
        "Coompanion Norrbotten",
        "Handledarutbildning, vårens omgång",
        96_000,
        25,
    ),
    (3, "asf-school", "Coompanion Norrbotten", "ASF-skola, träff 1–4", 70_000, 25),
    (
        4,
        "procurement",
        "Arctic Business Incubator",
        "Stöd vid reserverad upphandling, Piteå",
        36_500,
        25,
    ),
    (5, "training", "LTU Business", "Föreläsare, grundutbildning om ASF", 18_000, 25),
    (
        9,
        "supervisor-training",
        "Coompanion Norrbotten",
        "Handledarutbildning, höstens omgång",
        96_000,
        25,
    ),
    (10, "asf-school", "Coompanion Norrbotten", "ASF-skola, träff 5–6", 38_000, 25),
]
COORDINATOR_MONTHLY = {2025: 48_500, 2026: 50_000}

# Work a party delivered outside the platform: (party, area, hours, description)
DELIVERED_OUTSIDE_2026 = [
    (LULEA, "training", 150, "Grundutbildning om ASF för kommunens personal, egna lokaler"),
]
# What an expenditure paid for: description -> (event title, support request subject)
EXPENDITURE_LINKS = {
    "Handledarutbildning, vårens omgång": ("Handledarutbildning i Luleå, våren", None),
    "Stöd vid reserverad upphandling, Piteå": (None, "Anbud på snickeriarbeten till Piteå kommun"),
}


def _plan(year: int, model: str, pot: int, coordinator: int, steering: User) -> Plan:
    plan, _created = Plan.objects.update_or_create(
        year=year,
        defaults={
            "model": model,
            "pot_budget": Decimal(pot),
            "coordinator_cost": Decimal(coordinator),
            "status": Plan.Status.ADOPTED,
            "adopted_on": datetime.date(year - 1, 12, 10),
            "adopted_by": steering,
        },
    )
    for priority, (area, goal, budget, hours, party) in enumerate(PLAN_ITEMS[year], 1):
        PlanItem.objects.update_or_create(
            plan=plan,
            area_id=area,
            defaults={
                "priority": priority,
                "goal": goal,
                "budget": None if budget is None else Decimal(budget),
                "committed_hours": None if hours is None else Decimal(hours),
                "responsible_party": Organisation.objects.get(name=party) if party else None,
            },
        )
    return plan


def _expenditures(plan: Plan, rows, coordinator: User, months: int) -> int:
    rows = list(rows) + [
        (
            month,
            "coordination",
            "Samordningsförbundet Södra Norrbotten",
            f"Samordnarens lön och lokal, månad {month}",
            COORDINATOR_MONTHLY[plan.year],
            0,
        )
        for month in range(1, months + 1)
    ]
    for month, area, supplier, description, net, rate in rows:
        expenditure = Expenditure.objects.filter(
            plan=plan, supplier=supplier, description=description
        ).first() or Expenditure(plan=plan, supplier=supplier, description=description)
        expenditure.area_id = area
        expenditure.spent_on = datetime.date(plan.year, month, 25)
        expenditure.net_amount = Decimal(net)
        expenditure.vat_rate = rate
        expenditure.recorded_by = coordinator
        if plan.year == 2026 and description in EXPENDITURE_LINKS:
            event_title, request_subject = EXPENDITURE_LINKS[description]
            expenditure.event = Event.objects.filter(title=event_title).first()
            expenditure.support_request = SupportRequest.objects.filter(
                subject=request_subject
            ).first()
        expenditure.compute_vat()
        expenditure.full_clean()
        expenditure.save()
    return len(rows)


def seed(stdout) -> None:
    coordinator = User.objects.get(email="samordnare@lotsen.test")
    steering = User.objects.get(email="styrgrupp@lotsen.test")
    parties = {
        party.name: party for party in Organisation.objects.filter(kind=Organisation.Kind.PARTY)
    }
    plan_2025 = _plan(2025, FundingModel.FINANCING, 1_600_000, 600_000, steering)
    plan_2026 = _plan(2026, FundingModel.COMBINED, 1_680_000, 620_000, steering)

    for year, amounts in CONTRIBUTIONS.items():
        for name, amount in amounts.items():
            Contribution.objects.update_or_create(
                party=parties[name],
                year=year,
                note="Insats till potten",
                defaults={"amount": Decimal(amount), "paid_on": datetime.date(year, 3, 31)},
            )
    for name, (hours, value) in IN_KIND_2026.items():
        Contribution.objects.update_or_create(
            party=parties[name],
            year=2026,
            note="Egen personal (ägarmodellen)",
            defaults={"hours": Decimal(hours), "hourly_value": Decimal(value)},
        )

    count = _expenditures(plan_2025, EXPENDITURES_2025, coordinator, 12)
    count += _expenditures(plan_2026, EXPENDITURES_2026, coordinator, 10)

    for name, area, hours, description in DELIVERED_OUTSIDE_2026:
        DeliveredEffort.objects.update_or_create(
            party=parties[name],
            area=SupportArea.objects.get(pk=area),
            year=2026,
            defaults={"hours": Decimal(hours), "description": description},
        )

    if plan_2025.status != Plan.Status.CLOSED:
        plan_2025.status = Plan.Status.CLOSED
        plan_2025.closed_on = datetime.date(2026, 2, 15)
        plan_2025.save(update_fields=["status", "closed_on"])

    Scenario.objects.update_or_create(
        name="Nuvarande volym, hälften köpt",
        defaults={
            "area_hours": {
                "supervisor-training": "300",
                "asf-school": "240",
                "advice": "400",
                "procurement": "160",
            },
            "bought_hourly_rate": Decimal(1100),
            "own_hourly_value": Decimal(620),
            "coordinator_hourly_cost": Decimal(600),
            "coordinator_base_hours": Decimal(400),
            "coordination_per_bought_hour": Decimal("0.20"),
            "coordination_per_own_hour": Decimal("0.05"),
            "mix_bought_percent": 50,
            "created_by": coordinator,
        },
    )
    stdout.write(
        f"  funding: plans 2025 and 2026, {Contribution.objects.count()} contributions, "
        f"{count} expenditures"
    )
