"""On whose behalf a user may offer support, asked of the support function's policies."""

import pytest

from lotsen.organisations.models import Organisation
from lotsen.organisations.tests.factories import OrganisationFactory
from lotsen.support import policies


@pytest.fixture
def support_actors(db):
    return Organisation.objects.filter(kind=Organisation.Kind.SUPPORT_ACTOR)


def test_the_coordinator_may_offer_support_for_any_provider(
    coordinator, provider_organisation, support_actors
):
    other = OrganisationFactory(kind=Organisation.Kind.SUPPORT_ACTOR)

    providers = policies.offer_providers_for(coordinator, support_actors)

    assert {provider_organisation, other} <= set(providers)


def test_a_provider_may_offer_support_only_for_their_own_organisation(
    provider, provider_organisation, support_actors
):
    OrganisationFactory(kind=Organisation.Kind.SUPPORT_ACTOR)

    providers = policies.offer_providers_for(provider, support_actors)

    assert list(providers) == [provider_organisation]
