from io import StringIO

import pytest
from django.core.management import call_command

from lotsen.organisations.models import ActorMapping, SocialEnterprise


@pytest.fixture
def demo_world(db):
    call_command("seed_demo", stdout=StringIO())
    call_command("seed_demo", stdout=StringIO())  # safe to repeat


def test_the_demo_has_enough_companies_for_filters_and_pagination(demo_world):
    profiles = list(SocialEnterprise.objects.with_related())
    assert len(profiles) > 10
    eligible = [profile for profile in profiles if profile.eligible_for_reserved_procurement]
    assert 0 < len(eligible) < len(profiles)
    assert 0 < sum(profile.is_certified for profile in profiles) < len(profiles)
    assert 0 < sum(profile.takes_trainees for profile in profiles) < len(profiles)


def test_the_demo_carpentry_in_pitea_takes_trainees(demo_world):
    profile = SocialEnterprise.objects.get(organisation__name="Snickeriet i Piteå ek. för.")
    assert profile.organisation.municipality.name == "Piteå"
    assert profile.takes_trainees
    assert "43320" in {industry.code for industry in profile.industries.all()}


def test_the_demo_mapping_holds_the_studys_judgements(demo_world):
    almi = ActorMapping.objects.get(organisation__name="Almi Företagspartner Nord")
    incubator = ActorMapping.objects.get(organisation__name="Arctic Business Incubator")
    ltu = ActorMapping.objects.get(organisation__name="LTU Business")
    assert almi.knowledge == 1 and "utbildning för företagsfrämjare" in almi.notes
    assert incubator.interest == 1
    assert ltu.knowledge > almi.knowledge and ltu.interest > incubator.interest
    assert ActorMapping.objects.filter(support_role="business_office").count() == 4
