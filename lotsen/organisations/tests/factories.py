import factory

from lotsen.core.identifiers import fictitious_org_number
from lotsen.organisations.models import Organisation, SocialEnterprise


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    kind = Organisation.Kind.SOCIAL_ENTERPRISE
    name = factory.Sequence(lambda n: f"Testföretaget {n} ek. för.")
    # The 7697 series keeps test numbers apart from the demo world's 7696 series.
    org_number = factory.Sequence(lambda n: fictitious_org_number(n, series="7697"))
    municipality_id = "2580"


class SocialEnterpriseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SocialEnterprise
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    legal_form = "economic_association"
    purpose_work_integration = True
    staff_participation = True
    profits_reinvested = True
    independent_of_public_sector = True
    staff_count = 10
    staff_from_target_group = 4
    description = "Vi bygger möbler."

    @factory.post_generation
    def search(self, create, extracted, **kwargs):
        if create:
            self.refresh_search_text()
