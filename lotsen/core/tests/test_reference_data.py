from django.apps import apps

from lotsen.core.models import County, Industry, Municipality, Occupation
from lotsen.core.reference_data import load_reference_data


def test_it_loads_every_county_and_municipality_of_scb(db):
    assert County.objects.count() == 21
    assert Municipality.objects.count() == 290
    lulea = Municipality.objects.get(code="2580")
    assert lulea.name == "Luleå"
    assert lulea.county.name == "Norrbottens län"
    assert Municipality.objects.filter(county_id="25").count() == 14


def test_it_loads_the_whole_sni_2007_and_ssyk_2012_trees(db):
    assert Industry.objects.count() == 1817
    assert Occupation.objects.count() == 633
    carpentry = Industry.objects.get(code="16239")
    assert carpentry.parent.parent.parent.code == "16"
    assert carpentry.display_code == "16.239"
    assert Occupation.objects.get(code="0110").parent.code == "011"


def test_loading_again_duplicates_nothing(db):
    load_reference_data(apps)
    assert Municipality.objects.count() == 290
    assert Industry.objects.count() == 1817


def test_it_loads_the_support_areas_of_the_study_in_both_languages(db):
    from django.utils import translation

    from lotsen.core.models import SupportArea

    assert SupportArea.objects.count() == 13
    supervisor_training = SupportArea.objects.get(code="supervisor-training")
    assert supervisor_training.serves_enterprises and supervisor_training.serves_public_sector
    with translation.override("sv"):
        assert str(supervisor_training) == "Handledarutbildning"
    with translation.override("en"):
        assert str(supervisor_training) == "Supervisor training"
    assert not SupportArea.objects.get(code="asf-school").serves_public_sector
