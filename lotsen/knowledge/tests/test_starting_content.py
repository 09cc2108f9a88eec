from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from lotsen.knowledge import starting_content
from lotsen.knowledge.models import Resource
from lotsen.organisations.models import Organisation
from lotsen.organisations.tests.factories import OrganisationFactory


@pytest.fixture
def association(db):
    return OrganisationFactory(
        name="Samordningsförbundet Södra Norrbotten", kind=Organisation.Kind.PARTY, org_number=None
    )


def test_the_starting_content_covers_what_the_region_asked_for():
    slugs = {entry.slug for entry in starting_content.ENTRIES}
    assert {
        "vad-ar-ett-arbetsintegrerande-socialt-foretag",
        "regeringens-strategi-for-sociala-foretag",
        "eus-fyra-pelare-for-sociala-foretags-ekosystem",
        "tva-modeller-for-en-gemensam-stodstruktur",
        "sa-fungerar-reserverad-upphandling",
        "vad-ger-en-handledarutbildning",
        "vad-stodstrukturen-erbjuder",
        "sa-kommer-du-i-kontakt-med-stodstrukturen",
    } <= slugs
    assert len(starting_content.ENTRIES) >= 20
    assert {entry.kind for entry in starting_content.ENTRIES} >= set(Resource.Kind.values) - {
        Resource.Kind.PODCAST
    }


def test_every_resource_cites_its_source():
    for entry in starting_content.ENTRIES:
        assert len(entry.source) > 10, entry.slug


def test_the_command_loads_it_published_and_running_it_again_duplicates_nothing(association):
    call_command("load_starting_content", organisation=association.name, stdout=StringIO())
    count = Resource.objects.count()
    assert count == len(starting_content.ENTRIES)
    assert Resource.objects.public().count() == count
    call_command("load_starting_content", organisation=association.name, stdout=StringIO())
    assert Resource.objects.count() == count
    criteria = Resource.objects.get(slug="vad-ar-ett-arbetsintegrerande-socialt-foretag")
    assert "Tillväxtverket" in criteria.source
    assert criteria.related.filter(slug="sa-fungerar-reserverad-upphandling").exists()
    procurement = Resource.objects.get(slug="sa-fungerar-reserverad-upphandling")
    assert "4 kap. 18 §" in procurement.source
    assert "30 procent" in procurement.body


def test_the_command_refuses_an_unknown_organisation(db):
    with pytest.raises(CommandError, match="No organisation is named"):
        call_command("load_starting_content", organisation="Finns inte", stdout=StringIO())
    assert not Resource.objects.exists()


def test_the_demo_world_has_the_starting_content_a_podcast_and_a_draft(db, settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=StringIO())
    call_command("seed_demo", stdout=StringIO())
    assert Resource.objects.count() == len(starting_content.ENTRIES) + len(
        starting_content.DEMO_ENTRIES
    )
    assert Resource.objects.filter(status=Resource.Status.DRAFT).count() == 1
    assert Resource.objects.filter(kind=Resource.Kind.PODCAST).exists()
