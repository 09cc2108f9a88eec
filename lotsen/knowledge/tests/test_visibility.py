"""Drafts and resources waiting for their publish date are seen by their editors only."""

import pytest
from django.utils import timezone

from lotsen.accounts.models import Role
from lotsen.knowledge.models import Resource
from lotsen.knowledge.tests.factories import ResourceFactory
from lotsen.organisations.models import Organisation
from lotsen.organisations.tests.factories import OrganisationFactory

EVERY_ROLE = [
    "coordinator",
    "caseworker",
    "enterprise",
    "provider",
    "steering",
    "admin",
    "outsider",
]


@pytest.fixture
def provider_organisation(provider):
    return Organisation.objects.where_user_holds(provider, Role.PROVIDER).get()


@pytest.fixture
def resources(provider_organisation):
    other = OrganisationFactory(kind=Organisation.Kind.SUPPORT_ACTOR, org_number=None)
    return {
        "published": ResourceFactory(title="Publicerad vägledning"),
        "own_draft": ResourceFactory(
            title="Stödaktörens utkast", draft=True, author_organisation=provider_organisation
        ),
        "other_draft": ResourceFactory(
            title="Annan aktörs utkast", draft=True, author_organisation=other
        ),
        "scheduled": ResourceFactory(
            title="Kommande rapport",
            author_organisation=other,
            published_at=timezone.now() + timezone.timedelta(days=3),
        ),
    }


# Which resources each role sees: coordinators all, providers their own organisation's.
SEES = {
    "coordinator": {"published", "own_draft", "other_draft", "scheduled"},
    "provider": {"published", "own_draft"},
    "caseworker": {"published"},
    "enterprise": {"published"},
    "steering": {"published"},
    "admin": {"published"},
    "outsider": {"published"},
}


@pytest.mark.parametrize("role", EVERY_ROLE)
def test_each_role_sees_exactly_what_it_may(client, all_personas, resources, role):
    user = all_personas[role]
    visible = set(Resource.objects.visible_to(user).values_list("pk", flat=True))
    assert visible == {resources[name].pk for name in SEES[role]}
    client.force_login(user)
    listing = client.get("/kunskap/").text
    for name, resource in resources.items():
        status = client.get(resource.get_absolute_url()).status_code
        if name in SEES[role]:
            assert status == 200, name
            assert resource.title in listing, name
        else:
            assert status == 404, name
            assert resource.title not in listing, name


def test_a_visitor_sees_only_what_is_published_and_due(client, resources):
    assert client.get(resources["published"].get_absolute_url()).status_code == 200
    for name in ("own_draft", "other_draft", "scheduled"):
        assert client.get(resources[name].get_absolute_url()).status_code == 404
    listing = client.get("/kunskap/").text
    assert "Publicerad vägledning" in listing
    assert "utkast" not in listing.lower().split("<main", 1)[1].split("</main>", 1)[0]


def test_a_scheduled_resource_becomes_public_on_its_publish_date(client, resources):
    scheduled = resources["scheduled"]
    Resource.objects.filter(pk=scheduled.pk).update(
        published_at=timezone.now() - timezone.timedelta(minutes=1)
    )
    assert client.get(scheduled.get_absolute_url()).status_code == 200
