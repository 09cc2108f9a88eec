"""The demo world's financing follows today's date: last year closed, this year running."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Sum
from django.utils import timezone

from lotsen.demo import funding as demo
from lotsen.funding.models import Contribution, FundingModel, Plan


def _purchases(plan: Plan) -> list[Decimal]:
    return sorted(
        plan.expenditures.exclude(area="coordination").values_list("net_amount", flat=True)
    )


def _amounts(rows) -> list[Decimal]:
    return sorted(Decimal(net) for _month, _area, _supplier, _text, net, _rate in rows)


def test_the_demo_world_has_last_years_plan_closed_and_this_years_running(db):
    _check_the_demo_financing()


# The hard case: this year has hardly begun, yet it keeps all its figures.
@pytest.mark.today("2027-01-01")
def test_on_new_years_day_the_demo_financing_lies_in_the_past_all_the_same(db):
    _check_the_demo_financing()


def _check_the_demo_financing() -> None:
    call_command("seed_demo", stdout=StringIO())
    today = timezone.localdate()
    plans = {plan.year: plan for plan in Plan.objects.all()}
    assert set(plans) == {today.year - 1, today.year}
    last, this = plans[today.year - 1], plans[today.year]
    assert (last.model, last.status) == (FundingModel.FINANCING, Plan.Status.CLOSED)
    assert last.closed_on.year == today.year and last.closed_on <= today
    assert (this.model, this.status) == (FundingModel.COMBINED, Plan.Status.ADOPTED)

    # Every purchase keeps its amount and falls in its plan's year, never after today.
    assert _purchases(last) == _amounts(demo.EXPENDITURES_LAST_YEAR)
    assert _purchases(this) == _amounts(demo.EXPENDITURES_THIS_YEAR)
    for plan in (last, this):
        assert {day.year for day in plan.expenditures.values_list("spent_on", flat=True)} == {
            plan.year
        }
    assert not this.expenditures.filter(spent_on__gt=today).exists()
    # The coordinator is paid for every month of last year and each month begun this year.
    assert last.expenditures.filter(area="coordination").count() == 12
    assert this.expenditures.filter(area="coordination").count() == today.month

    money = Contribution.objects.filter(year=this.year).aggregate(total=Sum("amount"))["total"]
    assert money == this.pot_budget
    assert Contribution.objects.filter(year=this.year, hours__gt=0).count() == len(
        demo.IN_KIND_THIS_YEAR
    )
    assert not Contribution.objects.filter(paid_on__gt=today).exists()
