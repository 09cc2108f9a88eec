"""The year's follow-up with 10 000 expenditures against the same year with 100.

Target: the follow-up runs the same number of queries and stays within a small
multiple of the baseline's time, since the sums are made by the database.
"""

import datetime
import os
import sys
import time
from decimal import Decimal

import django

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lotsen.test_settings")
# Always a throwaway database: the benchmark deletes and creates plans.
os.environ["DATABASE_URL"] = "sqlite://:memory:"
django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

ROUNDS = 5


def _world(expenditures: int):
    from lotsen.accounts.models import User
    from lotsen.funding.models import Contribution, Expenditure, Plan, PlanItem
    from lotsen.organisations.models import Organisation

    Expenditure.objects.all().delete()
    Plan.objects.all().delete()
    user = User.objects.get_or_create(email="bench@example.test")[0]
    parties = [
        Organisation.objects.get_or_create(name=f"Part {n}", kind=Organisation.Kind.PARTY)[0]
        for n in range(7)
    ]
    plan = Plan.objects.create(
        year=2026, model="combined", pot_budget=Decimal(2_000_000), coordinator_cost=Decimal(0)
    )
    areas = ["advice", "asf-school", "board", "training", "mentoring", "procurement"]
    for priority, area in enumerate(areas, 1):
        PlanItem.objects.create(
            plan=plan,
            priority=priority,
            area_id=area,
            budget=Decimal(100_000),
            committed_hours=Decimal(40),
            responsible_party=parties[priority % 7],
        )
    Contribution.objects.filter(year=2026).delete()
    for party in parties:
        Contribution.objects.create(party=party, year=2026, amount=Decimal(100_000))
    Expenditure.objects.bulk_create(
        Expenditure(
            plan=plan,
            area_id=areas[n % len(areas)],
            supplier="Leverantör",
            spent_on=datetime.date(2026, 1 + n % 12, 1 + n % 28),
            description="Insats",
            net_amount=Decimal("1000.10"),
            vat_rate=25,
            vat=Decimal("250.03"),
            gross_amount=Decimal("1250.13"),
            recorded_by=user,
        )
        for n in range(expenditures)
    )
    return plan


def _measure(plan) -> tuple[float, int]:
    from lotsen.funding.followup import year_followup

    year_followup(plan)
    started = time.perf_counter()
    for _ in range(ROUNDS):
        with CaptureQueriesContext(connection) as queries:
            year_followup(plan)
    return (time.perf_counter() - started) / ROUNDS * 1000, len(queries)


if __name__ == "__main__":
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    baseline_ms, baseline_queries = _measure(_world(100))
    large_ms, large_queries = _measure(_world(10_000))
    print(f"follow-up, 100 expenditures:    {baseline_ms:8.1f} ms, {baseline_queries} queries")
    print(f"follow-up, 10 000 expenditures: {large_ms:8.1f} ms, {large_queries} queries")
    same = large_queries == baseline_queries
    print(f"ratio of time: {large_ms / baseline_ms:.2f}; the same number of queries: {same}")
