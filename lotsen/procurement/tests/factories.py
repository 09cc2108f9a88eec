import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from lotsen.accounts.tests.factories import UserFactory
from lotsen.organisations.models import Organisation
from lotsen.organisations.tests.factories import OrganisationFactory
from lotsen.procurement.models import (
    Award,
    Consortium,
    ConsortiumMember,
    Lot,
    Opportunity,
    Purchase,
    Question,
    SavedSearch,
    SupplierNetwork,
)


class BuyerOrganisationFactory(OrganisationFactory):
    kind = Organisation.Kind.PARTY
    name = factory.Sequence(lambda n: f"Testkommun {n}")
    org_number = None


class OpportunityFactory(factory.django.DjangoModelFactory):
    """A published reserved cleaning contract, due in three weeks from the day it runs."""

    class Meta:
        model = Opportunity
        skip_postgeneration_save = True

    class Params:
        draft = factory.Trait(status=Opportunity.Status.DRAFT, published_at=None)

    buyer = factory.SubFactory(BuyerOrganisationFactory)
    kind = Opportunity.Kind.RESERVED
    reserved_participation = "res-ws"
    status = Opportunity.Status.PUBLISHED
    title = factory.Sequence(lambda n: f"Lokalvård i förskolor {n}")
    description = "Städning av tre förskolor, två dagar i veckan."
    contract_nature = "services"
    main_cpv_id = "90911200"
    estimated_value = Decimal("450000")
    published_at = factory.LazyFunction(timezone.now)
    questions_until = factory.LazyFunction(
        lambda: timezone.localdate() + datetime.timedelta(days=10)
    )
    tenders_due = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=21))
    contract_start = factory.LazyFunction(
        lambda: timezone.localdate() + datetime.timedelta(days=60)
    )
    contract_end = factory.LazyFunction(
        lambda: timezone.localdate() + datetime.timedelta(days=60 + 365)
    )
    strategic_procurement = factory.LazyFunction(lambda: ["soc-obj"])
    social_objectives = factory.LazyFunction(lambda: ["opp"])
    created_by = factory.SubFactory(UserFactory)

    @factory.post_generation
    def municipalities(self, create, extracted, **kwargs):
        if create:
            self.municipalities.set(extracted if extracted is not None else ["2580"])


class LotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lot

    opportunity = factory.SubFactory(OpportunityFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Delområde {n + 1}")
    estimated_value = Decimal("150000")


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    opportunity = factory.SubFactory(OpportunityFactory)
    text = "Ingår fönsterputs?"
    asked_by = factory.SubFactory(UserFactory)


class SavedSearchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SavedSearch

    user = factory.SubFactory(UserFactory)
    name = "Städ i Luleå"
    cpv_divisions = factory.LazyFunction(lambda: ["90"])


class SupplierNetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupplierNetwork

    name = factory.Sequence(lambda n: f"Leverantörsnätverk Norrbotten {n} – städ och lokalvård")


class ConsortiumFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consortium

    opportunity = factory.SubFactory(OpportunityFactory)
    name = factory.Sequence(lambda n: f"Städkonsortiet {n}")
    lead = factory.SubFactory(OrganisationFactory)


class ConsortiumMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConsortiumMember

    consortium = factory.SubFactory(ConsortiumFactory)
    enterprise = factory.SubFactory(OrganisationFactory)
    share = "Förskolorna i Gammelstad"


class AwardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Award

    opportunity = factory.SubFactory(OpportunityFactory, status=Opportunity.Status.AWARDED)
    supplier = factory.SubFactory(OrganisationFactory)
    value = Decimal("430000")
    awarded_on = factory.LazyFunction(timezone.localdate)


class PurchaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Purchase

    buyer = factory.SubFactory(BuyerOrganisationFactory)
    supplier = factory.SubFactory(OrganisationFactory)
    year = factory.LazyFunction(lambda: timezone.localdate().year - 1)
    amount = Decimal("120000")
