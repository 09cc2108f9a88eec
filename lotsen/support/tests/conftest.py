import pytest

from lotsen.accounts.models import Role
from lotsen.organisations.models import Organisation
from lotsen.organisations.tests.factories import OrganisationFactory

from .factories import OfferFactory, SupportRequestFactory


@pytest.fixture
def provider_organisation(provider):
    return Organisation.objects.where_user_holds(provider, Role.PROVIDER).get()


@pytest.fixture
def enterprise(enterprise_user):
    return Organisation.objects.where_user_holds(enterprise_user, Role.ENTERPRISE).get()


@pytest.fixture
def offer(provider_organisation):
    return OfferFactory(provider=provider_organisation)


@pytest.fixture
def assigned_request(enterprise, enterprise_user, offer):
    """A request by the enterprise persona, triaged to the provider persona's offer."""
    return SupportRequestFactory(
        requester=enterprise_user,
        requester_organisation=enterprise,
        channel="signed_in",
        contact_name="",
        contact_email="",
        status="triaged",
        outcome="assigned",
        offer=offer,
        assigned_provider=offer.provider,
    )


@pytest.fixture
def other_providers_request(enterprise, enterprise_user):
    other = OfferFactory()
    return SupportRequestFactory(
        requester_organisation=OrganisationFactory(),
        status="triaged",
        outcome="assigned",
        offer=other,
        assigned_provider=other.provider,
    )
