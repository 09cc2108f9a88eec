"""The public read API's social enterprises: the public directory, and only it."""

import pytest
from django.urls import reverse

from lotsen.organisations.tests.factories import SocialEnterpriseFactory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/foretag/"


def test_it_lists_only_public_profiles(client):
    shown = SocialEnterpriseFactory(is_public=True)
    SocialEnterpriseFactory(is_public=False)
    response = client.get(LIST)
    assert response.status_code == 200
    body = response.json()
    assert [item["id"] for item in body["results"]] == [shown.organisation.slug]
    assert body["count"] == 1
    assert body["results"][0]["organisationsnummer"] == shown.organisation.org_number


def test_a_hidden_profile_is_not_found_by_its_slug(client):
    hidden = SocialEnterpriseFactory(is_public=False)
    response = client.get(f"{LIST}{hidden.organisation.slug}/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


def test_a_public_profile_is_found_by_its_slug(client):
    shown = SocialEnterpriseFactory(is_public=True)
    response = client.get(reverse("api:enterprise-detail", args=[shown.organisation.slug]))
    assert response.status_code == 200
    assert response.json()["namn"] == shown.organisation.name


def test_it_filters_by_municipality_code(client):
    lulea = SocialEnterpriseFactory(is_public=True, organisation__municipality_id="2580")
    SocialEnterpriseFactory(is_public=True, organisation__municipality_id="2581")
    body = client.get(LIST, {"kommun": "2580"}).json()
    assert [item["id"] for item in body["results"]] == [lulea.organisation.slug]


def test_an_enterprise_serving_the_municipality_is_listed_once(client):
    based_and_serving = SocialEnterpriseFactory(
        is_public=True, organisation__municipality_id="2580"
    )
    based_and_serving.municipalities_served.set(["2580", "2581"])
    serving_from_elsewhere = SocialEnterpriseFactory(
        is_public=True, organisation__municipality_id="2584"
    )
    serving_from_elsewhere.municipalities_served.set(["2580"])
    SocialEnterpriseFactory(is_public=True, organisation__municipality_id="2581")
    body = client.get(LIST, {"kommun": "2580"}).json()
    assert sorted(item["id"] for item in body["results"]) == sorted(
        [based_and_serving.organisation.slug, serving_from_elsewhere.organisation.slug]
    )


@pytest.mark.parametrize("code", ["43.320", "43320"])
def test_it_filters_by_sni_code_with_or_without_the_dot(client, code):
    painters = SocialEnterpriseFactory(is_public=True)
    painters.industries.set(["43320", "81210"])
    SocialEnterpriseFactory(is_public=True).industries.set(["81210"])
    body = client.get(LIST, {"sni": code}).json()
    assert [item["id"] for item in body["results"]] == [painters.organisation.slug]


def test_a_malformed_filter_is_refused_with_the_field_named(client):
    response = client.get(LIST, {"kommun": "Luleå", "uppdaterad_sedan": "igår"})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert {error["field"] for error in response.json()["errors"]} == {
        "kommun",
        "uppdaterad_sedan",
    }


def test_the_list_needs_as_many_queries_for_many_enterprises_as_for_few(
    client, assert_constant_queries
):
    assert_constant_queries(LIST, lambda n: SocialEnterpriseFactory.create_batch(n, is_public=True))
