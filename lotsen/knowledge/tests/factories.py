import factory
from django.utils import timezone

from lotsen.knowledge.models import Resource
from lotsen.organisations.models import Organisation
from lotsen.organisations.tests.factories import OrganisationFactory


class ResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resource
        skip_postgeneration_save = True

    kind = Resource.Kind.GUIDE
    title = factory.Sequence(lambda n: f"Vägledning nummer {n}")
    summary = "En kort sammanfattning."
    body = "Text om arbetsträning."
    audience = Resource.Audience.EVERYONE
    author_organisation = factory.SubFactory(
        OrganisationFactory, kind=Organisation.Kind.SUPPORT_ACTOR, org_number=None
    )
    status = Resource.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timezone.timedelta(days=1))

    class Params:
        draft = factory.Trait(status=Resource.Status.DRAFT, published_at=None)

    @factory.post_generation
    def support_areas(self, create, codes, **kwargs):
        if create and codes:
            self.support_areas.set(codes)
