import pytest

from lotsen.accounts.models import Role
from lotsen.knowledge.tests.factories import ResourceFactory
from lotsen.organisations.models import Organisation


@pytest.fixture
def drafts(provider):
    own = Organisation.objects.where_user_holds(provider, Role.PROVIDER).get()
    return {
        "own": ResourceFactory(title="Coompanions utkast", draft=True, author_organisation=own),
        "other": ResourceFactory(title="Någon annans utkast", draft=True),
    }


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("coordinator", {"Coompanions utkast", "Någon annans utkast"}),
        ("provider", {"Coompanions utkast"}),
        ("caseworker", set()),
        ("enterprise", set()),
        ("steering", set()),
        ("admin", set()),
        ("outsider", set()),
    ],
)
def test_editors_find_their_drafts_on_their_overview(client, all_personas, drafts, role, expected):
    client.force_login(all_personas[role])
    text = client.get("/oversikt/").text
    assert ("Utkast i kunskapsnoden" in text) == bool(expected)
    assert {title for title in ("Coompanions utkast", "Någon annans utkast") if title in text} == (
        expected
    )


def test_the_overview_query_count_does_not_grow_with_the_drafts(
    client, coordinator, assert_constant_queries
):
    client.force_login(coordinator)
    assert_constant_queries("/oversikt/", lambda n: ResourceFactory.create_batch(n, draft=True))
