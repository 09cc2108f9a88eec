import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from lotsen.funding import services
from lotsen.funding.models import Expenditure, FundingError, Plan

from .factories import ExpenditureFactory, PlanFactory

pytestmark = pytest.mark.django_db


def _expenditure(plan, **fields) -> Expenditure:
    values = {
        "plan": plan,
        "area_id": "advice",
        "supplier": "Almi Företagspartner Nord",
        "spent_on": datetime.date(plan.year, 4, 1),
        "description": "Rådgivning",
        "net_amount": Decimal("10.02"),
        "vat_rate": 25,
    }
    values.update(fields)
    return Expenditure(**values)


def test_booking_computes_the_vat_and_the_gross_amount_exactly(coordinator):
    expenditure = services.expenditure_book(
        expenditure=_expenditure(PlanFactory()), user=coordinator
    )
    expenditure.refresh_from_db()
    assert expenditure.vat == Decimal("2.51")
    assert expenditure.gross_amount == Decimal("12.53")
    assert isinstance(expenditure.gross_amount, Decimal)
    assert expenditure.recorded_by == coordinator


def test_an_expenditure_in_a_closed_year_is_refused(coordinator):
    plan = PlanFactory(status=Plan.Status.CLOSED)
    with pytest.raises(FundingError) as error:
        services.expenditure_book(expenditure=_expenditure(plan), user=coordinator)
    assert error.value.code == "closed"
    assert not Expenditure.objects.exists()


def test_an_expenditure_must_fall_in_the_plans_year(coordinator):
    plan = PlanFactory()
    with pytest.raises(ValidationError, match="2026"):
        services.expenditure_book(
            expenditure=_expenditure(plan, spent_on=datetime.date(2025, 12, 31)), user=coordinator
        )
    assert not Expenditure.objects.exists()


def test_the_database_refuses_a_gross_amount_that_is_not_net_plus_vat():
    from django.db import IntegrityError, transaction

    expenditure = ExpenditureFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Expenditure.objects.filter(pk=expenditure.pk).update(gross_amount=Decimal("1.00"))
