import factory

from lotsen.core.identifiers import fictitious_org_number
from lotsen.organisations.models import Organisation


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    kind = Organisation.Kind.SOCIAL_ENTERPRISE
    name = factory.Sequence(lambda n: f"Testföretaget {n} ek. för.")
    # The 7697 series keeps test numbers apart from the demo world's 7696 series.
    org_number = factory.Sequence(lambda n: fictitious_org_number(n, series="7697"))
    municipality_id = "2580"
