"""The demo world's financing: last year under the financing model (closed), this year
combined (adopted), the parties' contributions and the expenditures of both years.

The years follow today's date, so the demo never ages: the tables below are keyed by
the year relative to today's (LAST_YEAR, THIS_YEAR). No payment or expenditure is dated
after today; see docs/decisions/0166-the-demo-world-follows-today.md.

The parties' delivered hours come from the support and events demo data (seeded before
this module, see INSTALLED_APPS); only work the platform does not record is typed in as
DeliveredEffort. Some expenditures link to the event or request they paid for.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from lotsen.accounts.models import User
from lotsen.core.models import SupportArea
from lotsen.events.models import Event
from lotsen.funding.models import (
    Contribution,
    DeliveredEffort,
    Expenditure,
    FundingModel,
    Plan,
    PlanItem,
    Scenario,
)
from lotsen.organisations.models import Organisation
from lotsen.support.models import SupportRequest

AF = "Arbetsförmedlingen, Luleå"
FK = "Försäkringskassan, Norrbotten"
REGION = "Region Norrbotten"
LULEA = "Luleå kommun"
PITEA = "Piteå kommun"
ALVSBYN = "Älvsbyns kommun"
BODEN = "Bodens kommun"

LAST_YEAR, THIS_YEAR = -1, 0

# The state (AF and FK) pays half, the region a quarter, the municipalities a quarter
# by population, as coordination associations are financed (lag 2003:1210).
CONTRIBUTIONS = {
    LAST_YEAR: {
        AF: 400_000,
        FK: 400_000,
        REGION: 400_000,
        LULEA: 190_000,
        PITEA: 110_000,
        BODEN: 70_000,
        ALVSBYN: 30_000,
    },
    THIS_YEAR: {
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
IN_KIND_THIS_YEAR = {
    AF: (240, 620),
    REGION: (160, 650),
    LULEA: (200, 600),
    PITEA: (120, 600),
    BODEN: (80, 600),
}

# (area, goal, budget, committed hours, responsible party or None for the pot)
PLAN_ITEMS = {
    LAST_YEAR: [
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
    THIS_YEAR: [
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
EXPENDITURES_LAST_YEAR = [
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
EXPENDITURES_THIS_YEAR = [
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
EXPENDITURES = {LAST_YEAR: EXPENDITURES_LAST_YEAR, THIS_YEAR: EXPENDITURES_THIS_YEAR}
COORDINATOR_MONTHLY = {LAST_YEAR: 48_500, THIS_YEAR: 50_000}

# Work a party delivered outside the platform: (party, area, hours, description)
DELIVERED_OUTSIDE_THIS_YEAR = [
    (LULEA, "training", 150, "Grundutbildning om ASF för kommunens personal, egna lokaler"),
]
# What an expenditure paid for: description -> (event title, support request subject)
EXPENDITURE_LINKS = {
    "Handledarutbildning, vårens omgång": ("Handledarutbildning i Luleå, våren", None),
    "Stöd vid reserverad upphandling, Piteå": (None, "Anbud på snickeriarbeten till Piteå kommun"),
}


def _plan(offset: int, model: str, pot: int, coordinator: int, steering: User) -> Plan:
    year = timezone.localdate().year + offset
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
    for priority, (area, goal, budget, hours, party) in enumerate(PLAN_ITEMS[offset], 1):
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


def _not_after_today(day: datetime.date) -> datetime.date:
    """Bring a day of this year that has not come yet back to today.

    Every row keeps its amount, so this year's follow-up has the same figures on any
    date; early in January they are all booked on the days gone by.
    """
    return min(day, timezone.localdate())


def _expenditures(plan: Plan, offset: int, coordinator: User) -> int:
    # The coordinator is paid on the 25th: every month of last year, and this year
    # every month begun so far (the current one dated today until the 25th).
    months = timezone.localdate().month if offset == THIS_YEAR else 12
    rows = EXPENDITURES[offset] + [
        (
            month,
            "coordination",
            "Samordningsförbundet Södra Norrbotten",
            f"Samordnarens lön och lokal, månad {month}",
            COORDINATOR_MONTHLY[offset],
            0,
        )
        for month in range(1, months + 1)
    ]
    for month, area, supplier, description, net, rate in rows:
        expenditure = Expenditure.objects.filter(
            plan=plan, supplier=supplier, description=description
        ).first() or Expenditure(plan=plan, supplier=supplier, description=description)
        expenditure.area_id = area
        expenditure.spent_on = _not_after_today(datetime.date(plan.year, month, 25))
        expenditure.net_amount = Decimal(net)
        expenditure.vat_rate = rate
        expenditure.recorded_by = coordinator
        if offset == THIS_YEAR and description in EXPENDITURE_LINKS:
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
    last_plan = _plan(LAST_YEAR, FundingModel.FINANCING, 1_600_000, 600_000, steering)
    this_plan = _plan(THIS_YEAR, FundingModel.COMBINED, 1_680_000, 620_000, steering)
    plans = {LAST_YEAR: last_plan, THIS_YEAR: this_plan}

    for offset, amounts in CONTRIBUTIONS.items():
        year = plans[offset].year
        for name, amount in amounts.items():
            Contribution.objects.update_or_create(
                party=parties[name],
                year=year,
                note="Insats till potten",
                defaults={
                    "amount": Decimal(amount),
                    "paid_on": _not_after_today(datetime.date(year, 3, 31)),
                },
            )
    for name, (hours, value) in IN_KIND_THIS_YEAR.items():
        Contribution.objects.update_or_create(
            party=parties[name],
            year=this_plan.year,
            note="Egen personal (ägarmodellen)",
            defaults={"hours": Decimal(hours), "hourly_value": Decimal(value)},
        )

    count = sum(_expenditures(plan, offset, coordinator) for offset, plan in plans.items())

    for name, area, hours, description in DELIVERED_OUTSIDE_THIS_YEAR:
        DeliveredEffort.objects.update_or_create(
            party=parties[name],
            area=SupportArea.objects.get(pk=area),
            year=this_plan.year,
            defaults={"hours": Decimal(hours), "description": description},
        )

    if last_plan.status != Plan.Status.CLOSED:
        last_plan.status = Plan.Status.CLOSED
        last_plan.closed_on = _not_after_today(datetime.date(this_plan.year, 2, 15))
        last_plan.save(update_fields=["status", "closed_on"])

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
        f"  funding: plans {last_plan.year} and {this_plan.year}, "
        f"{Contribution.objects.count()} contributions, {count} expenditures"
    )
