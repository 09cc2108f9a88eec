import datetime
from decimal import Decimal

import factory

from lotsen.accounts.tests.factories import UserFactory
from lotsen.funding.models import Contribution, Expenditure, FundingModel, Plan, PlanItem
from lotsen.organisations.models import Organisation
from lotsen.organisations.tests.factories import OrganisationFactory


class PartyFactory(OrganisationFactory):
    kind = Organisation.Kind.PARTY
    name = factory.Sequence(lambda n: f"Parten {n}")
    org_number = None


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan
        django_get_or_create = ["year"]

    year = 2026
    model = FundingModel.COMBINED
    pot_budget = Decimal("1000000.00")
    coordinator_cost = Decimal("300000.00")


class PlanItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanItem

    plan = factory.SubFactory(PlanFactory)
    priority = factory.Sequence(lambda n: n + 1)
    area_id = "advice"
    goal = "Rådgivning till tio företag"
    budget = Decimal("100000.00")


class ContributionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contribution

    party = factory.SubFactory(PartyFactory)
    year = 2026
    amount = Decimal("100000.00")
    paid_on = datetime.date(2026, 3, 31)


class ExpenditureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Expenditure

    plan = factory.SubFactory(PlanFactory)
    area_id = "advice"
    supplier = "Coompanion Norrbotten"
    spent_on = datetime.date(2026, 5, 4)
    description = "Rådgivning"
    net_amount = Decimal("1000.00")
    vat_rate = 25
    recorded_by = factory.SubFactory(UserFactory)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        expenditure = model_class(*args, **kwargs)
        expenditure.compute_vat()
        expenditure.save()
        return expenditure
