import json
import re

import pytest

from lotsen.core.models import Industry
from lotsen.organisations.models import Service, SocialEnterprise
from lotsen.organisations.search import uses_full_text_search
from lotsen.organisations.tests.factories import OrganisationFactory, SocialEnterpriseFactory


def _names(response) -> list[str]:
    return re.findall(r'<h3><a href="[^"]+">([^<]+)</a></h3>', response.text)


@pytest.fixture
def carpentry_in_pitea(db):
    profile = SocialEnterpriseFactory(
        organisation=OrganisationFactory(
            name="Snickeriet i Piteå ek. för.", municipality_id="2581"
        ),
        takes_trainees=True,
        trainee_capacity=2,
        description="Vi bygger inredning och renoverar snickerier.",
    )
    profile.industries.set([Industry.objects.get(code="43320")])
    profile.services.set(Service.from_names(["snickeri"]))
    profile.refresh_search_text()
    return profile


def test_the_directory_lists_public_profiles_only(client, carpentry_in_pitea):
    SocialEnterpriseFactory(organisation=OrganisationFactory(name="Dolda AB"), is_public=False)
    OrganisationFactory(name="Bodens kommun", kind="party", org_number=None)
    response = client.get("/foretag/")
    assert _names(response) == ["Snickeriet i Piteå ek. för."]


def test_filters_find_a_carpentry_in_pitea_that_takes_trainees(client, carpentry_in_pitea):
    SocialEnterpriseFactory(
        organisation=OrganisationFactory(name="Möbler i Luleå", municipality_id="2580"),
        takes_trainees=True,
    )
    SocialEnterpriseFactory(
        organisation=OrganisationFactory(name="Träet i Piteå", municipality_id="2581"),
        takes_trainees=False,
    )
    response = client.get("/foretag/?kommun=2581&bransch=43320&praktik=on")
    assert _names(response) == ["Snickeriet i Piteå ek. för."]
    assert _names(client.get("/foretag/?kommun=2581")) == [
        "Snickeriet i Piteå ek. för.",
        "Träet i Piteå",
    ]
    assert _names(client.get("/foretag/?tjanst=snickeri")) == ["Snickeriet i Piteå ek. för."]


@pytest.mark.parametrize("query", ["snickeri", "PITEÅ", "inredning snickeri"])
def test_free_text_search_matches_words_in_the_profile(client, carpentry_in_pitea, query):
    SocialEnterpriseFactory(organisation=OrganisationFactory(name="Kaféet"), description="Fika")
    assert _names(client.get("/foretag/", {"q": query})) == ["Snickeriet i Piteå ek. för."]


@pytest.mark.skipif(not uses_full_text_search(), reason="Swedish stemming needs PostgreSQL")
def test_postgresql_finds_other_forms_of_a_swedish_word(client, carpentry_in_pitea):
    # The profile says "inredning"; Swedish stemming finds it for "inredningen" too,
    # which the SQLite fallback cannot.
    assert _names(client.get("/foretag/", {"q": "inredningen"})) == ["Snickeriet i Piteå ek. för."]


def test_a_search_without_match_says_so(client, carpentry_in_pitea):
    response = client.get("/foretag/", {"q": "rymdraketer"})
    assert "Inget företag matchar" in response.text


def test_the_reserved_procurement_filter_needs_thirty_per_cent(client, db):
    SocialEnterpriseFactory(
        organisation=OrganisationFactory(name="Precis"), staff_count=10, staff_from_target_group=3
    )
    SocialEnterpriseFactory(
        organisation=OrganisationFactory(name="Under"), staff_count=10, staff_from_target_group=2
    )
    SocialEnterpriseFactory(
        organisation=OrganisationFactory(name="Okänt"),
        staff_count=None,
        staff_from_target_group=None,
    )
    assert _names(client.get("/foretag/?reserverad=on")) == ["Precis"]
    assert SocialEnterprise.objects.get(organisation__name="Precis").target_group_share == 30


def test_an_unknown_filter_value_is_reported_not_a_500(client, carpentry_in_pitea):
    response = client.get("/foretag/?kommun=9999&sortering=hackad&page=abc&praktik=on")
    assert response.status_code == 200
    assert "Välj ett giltigt alternativ" in response.text
    # The valid filters still apply.
    assert _names(response) == ["Snickeriet i Piteå ek. för."]


def test_the_directory_paginates_and_keeps_the_filters(client, db):
    for number in range(12):
        SocialEnterpriseFactory(
            organisation=OrganisationFactory(name=f"Företag {number:02d}"), takes_trainees=True
        )
    first = client.get("/foretag/?praktik=on&sortering=namn")
    assert len(_names(first)) == 10
    assert "praktik=on" in re.search(r'href="([^"]*)" rel="next"', first.text).group(1)
    second = client.get("/foretag/?praktik=on&sortering=namn&page=2")
    assert _names(second) == ["Företag 10", "Företag 11"]


def test_the_directory_query_count_does_not_grow(client, db, assert_constant_queries):
    def add(count):
        for profile in SocialEnterpriseFactory.create_batch(count):
            profile.services.set(Service.from_names(["städning", f"tjänst {profile.pk}"]))
            profile.industries.set([Industry.objects.get(code="81210")])

    add(1)
    assert_constant_queries("/foretag/?praktik=&q=", add)


def test_the_profile_page_has_organization_json_ld(client, carpentry_in_pitea):
    response = client.get("/foretag/snickeriet-i-pitea-ek-for/")
    assert response.status_code == 200
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', response.text, re.S).group(
            1
        )
    )
    assert data["@type"] == "Organization"
    assert data["name"] == "Snickeriet i Piteå ek. för."
    assert data["url"].endswith("/foretag/snickeriet-i-pitea-ek-for/")
    assert data["numberOfEmployees"]["value"] == 10
    assert "Kan inte" not in response.text
    assert "minst 30 %" in response.text


def test_json_ld_cannot_close_its_script_element(client, db):
    SocialEnterpriseFactory(
        organisation=OrganisationFactory(name="Elak"), description="</script><script>alert(1)"
    )
    response = client.get("/foretag/elak/")
    assert "</script><script>alert(1)" not in response.text


def test_a_hidden_profile_is_404_to_visitors_and_outsiders(client, outsider):
    SocialEnterpriseFactory(organisation=OrganisationFactory(name="Dold"), is_public=False)
    assert client.get("/foretag/dold/").status_code == 404
    client.force_login(outsider)
    assert client.get("/foretag/dold/").status_code == 404


def test_the_coordinator_sees_hidden_profiles_marked(client, coordinator):
    SocialEnterpriseFactory(organisation=OrganisationFactory(name="Dold"), is_public=False)
    client.force_login(coordinator)
    response = client.get("/foretag/")
    assert "Dold" in response.text
    assert "Dold för allmänheten" in response.text
