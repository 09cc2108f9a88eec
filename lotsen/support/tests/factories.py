from decimal import Decimal

import factory
from django.utils import timezone

from lotsen.organisations.models import Organisation
from lotsen.organisations.tests.factories import OrganisationFactory
from lotsen.support.models import Mentor, Offer, SupportRequest, TimeBankAccount, TimeBankEntry


class ProviderOrganisationFactory(OrganisationFactory):
    kind = Organisation.Kind.SUPPORT_ACTOR
    name = factory.Sequence(lambda n: f"Stödaktören {n}")
    org_number = None


class OfferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Offer

    provider = factory.SubFactory(ProviderOrganisationFactory)
    area_id = "procurement"
    title = factory.Sequence(lambda n: f"Anbudsstöd {n}")
    description = "Hjälp att skriva anbud."
    format = Offer.Format.ADVICE
    cost = Offer.Cost.FREE
    audience = "enterprises"
    hours_per_year = Decimal("8")


class SupportRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupportRequest

    subject = factory.Sequence(lambda n: f"Hjälp med anbud {n}")
    description = "Vi vill lämna anbud på städning av kommunens lokaler."
    area_id = "procurement"
    channel = SupportRequest.Channel.PUBLIC_FORM
    contact_name = "Kim Kontakt"
    contact_email = "kim@example.test"
    created_at = factory.LazyFunction(timezone.now)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        instance = model_class(*args, **kwargs)
        instance.set_due_dates()
        instance.save()
        return instance


class MentorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mentor
        skip_postgeneration_save = True

    full_name = factory.Sequence(lambda n: f"Mentor {n}")
    email = factory.Sequence(lambda n: f"mentor{n}@example.test")
    capacity = 2

    @factory.post_generation
    def areas(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.areas.set(extracted)

    @factory.post_generation
    def municipalities(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.municipalities.set(extracted)


def account_with(enterprise, offer, hours: str, year: int | None = None) -> TimeBankAccount:
    """An account holding `hours`, opened by a grant entry as the service would."""
    account = TimeBankAccount.objects.create(
        enterprise=enterprise,
        year=year or timezone.localdate().year,
        offer=offer,
        balance=Decimal(hours),
    )
    TimeBankEntry.objects.create(
        account=account,
        kind=TimeBankEntry.Kind.GRANT,
        hours=Decimal(hours),
        balance_after=Decimal(hours),
    )
    return account
