import pytest

from lotsen.knowledge.models import Resource
from lotsen.knowledge.tests.factories import ResourceFactory


@pytest.fixture
def library(db):
    ResourceFactory(
        title="Handledarutbildning i Piteå",
        kind=Resource.Kind.REPORT,
        audience=Resource.Audience.PUBLIC_SECTOR,
        support_areas=["supervisor-training"],
        body="Om handledare i företagen.",
    )
    ResourceFactory(
        title="Sälj för sociala företag",
        kind=Resource.Kind.GUIDE,
        audience=Resource.Audience.ENTERPRISES,
        support_areas=["sales-marketing"],
    )
    ResourceFactory(title="Alla tiders företag", kind=Resource.Kind.GUIDE)


def shown(response) -> set[str]:
    main = response.text.split("<main", 1)[1]
    return {
        title
        for title in (
            "Handledarutbildning i Piteå",
            "Sälj för sociala företag",
            "Alla tiders företag",
        )
        if title in main
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"Handledarutbildning i Piteå", "Sälj för sociala företag", "Alla tiders företag"}),
        ("?kind=report", {"Handledarutbildning i Piteå"}),
        ("?area=sales-marketing", {"Sälj för sociala företag"}),
        ("?audience=enterprises", {"Sälj för sociala företag", "Alla tiders företag"}),
        ("?audience=public_sector", {"Handledarutbildning i Piteå", "Alla tiders företag"}),
        ("?q=f%C3%B6retagen&kind=guide", {"Sälj för sociala företag", "Alla tiders företag"}),
        (
            "?q=f%C3%B6retagen&kind=guide&audience=enterprises",
            {"Sälj för sociala företag", "Alla tiders företag"},
        ),
        ("?q=handledarna&kind=&area=&audience=", {"Handledarutbildning i Piteå"}),
    ],
)
def test_the_list_searches_and_filters_by_url(client, library, query, expected):
    response = client.get(f"/kunskap/{query}")
    assert response.status_code == 200
    assert shown(response) == expected


def test_the_filters_are_kept_in_the_form_so_the_address_can_be_shared(client, library):
    response = client.get("/kunskap/?q=f%C3%B6retagen&kind=guide&area=sales-marketing")
    assert 'value="företagen"' in response.text
    assert '<option value="guide" selected>' in response.text
    assert '<option value="sales-marketing" selected>' in response.text
    assert "1 resurs hittades" in response.text


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?kind=essay", "Välj ett giltigt alternativ."),
        ("?area=finns-inte", "Okänt stödområde. Välj ett i listan."),
        ("?audience=alla", "Välj ett giltigt alternativ."),
        ("?q=" + "x" * 201, "som mest 200 tecken"),
    ],
)
def test_bad_filter_values_get_a_message_not_an_error(client, library, query, message):
    response = client.get(f"/kunskap/{query}")
    assert response.status_code == 200
    assert "Sökningen innehåller fel" in response.text
    assert message in response.text
    assert shown(response) == set()


def test_an_empty_search_says_so(client, library):
    response = client.get("/kunskap/?q=kvantfysik")
    assert "Inget matchar sökningen." in response.text


def test_the_list_is_paginated(client, db):
    ResourceFactory.create_batch(12)
    first = client.get("/kunskap/")
    assert "Sida 1 av 2" in first.text
    second = client.get("/kunskap/?page=2")
    assert second.status_code == 200
    assert "Sida 2 av 2" in second.text
    assert client.get("/kunskap/?page=banan").status_code == 200


def test_the_pagination_keeps_the_search(client, db):
    ResourceFactory.create_batch(12, body="Om företag.")
    response = client.get("/kunskap/?q=f%C3%B6retagen&kind=guide")
    assert "?q=f%C3%B6retagen&amp;kind=guide&amp;page=2" in response.text


def add_resources(n: int) -> None:
    for _ in range(n):
        ResourceFactory(support_areas=["advice", "training"], body="Om företag och handledare.")
        ResourceFactory(draft=True, support_areas=["advice"])


@pytest.mark.parametrize(
    "url",
    ["/kunskap/", "/kunskap/?q=f%C3%B6retagen", "/kunskap/?q=handledare&kind=guide&area=advice"],
)
def test_the_query_count_does_not_grow_for_a_visitor(client, db, assert_constant_queries, url):
    assert_constant_queries(url, add_resources)


@pytest.mark.parametrize("role", ["coordinator", "provider", "outsider"])
def test_the_query_count_does_not_grow_for_a_logged_in_user(
    client, all_personas, assert_constant_queries, role
):
    client.force_login(all_personas[role])
    assert_constant_queries("/kunskap/?q=f%C3%B6retagen", add_resources)


def test_turning_pages_of_the_full_list_is_not_a_search(client, db):
    ResourceFactory.create_batch(12)
    response = client.get("/kunskap/?page=2")
    assert "Senaste resurserna" in response.text
    assert "Rensa sökningen" not in response.text
