from datetime import timedelta

import factory
from django.utils import timezone

from lotsen.events.models import Event, Registration
from lotsen.organisations.tests.factories import OrganisationFactory


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event
        skip_postgeneration_save = True

    kind = Event.Kind.SUPERVISOR_TRAINING
    title = factory.Sequence(lambda n: f"Handledarutbildning {n}")
    description = "En dag om handledning."
    support_area_id = "supervisor-training"
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=14))
    ends_at = factory.LazyAttribute(lambda event: event.starts_at + timedelta(hours=7))
    place = "Kulturens hus, Luleå"
    municipality_id = "2580"
    capacity = 10

    @factory.post_generation
    def organisers(self, create, extracted, **kwargs):
        if create:
            self.organisers.set(
                extracted or [OrganisationFactory(kind="support_actor", org_number=None)]
            )


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    name = factory.Faker("name", locale="sv_SE")
    email = factory.Sequence(lambda n: f"besokare{n}@example.test")
    status = Registration.Status.CONFIRMED
