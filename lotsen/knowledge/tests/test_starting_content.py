import hashlib
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from lotsen.knowledge import content
from lotsen.knowledge.models import Resource
from lotsen.organisations.models import Organisation
from lotsen.organisations.tests.factories import OrganisationFactory


@pytest.fixture
def association(db):
    return OrganisationFactory(
        name="Samordningsförbundet Södra Norrbotten", kind=Organisation.Kind.PARTY, org_number=None
    )


# Read once for the module: the entries are frozen and no test changes the lists.
@pytest.fixture(scope="module")
def entries():
    return content.read(content.STARTING_CONTENT)


@pytest.fixture(scope="module")
def demo_entries():
    return content.read(content.DEMO_CONTENT)


def test_the_starting_content_covers_what_the_region_asked_for(entries):
    slugs = {entry.slug for entry in entries}
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
    assert len(entries) >= 20
    assert {entry.kind for entry in entries} >= set(Resource.Kind.values) - {Resource.Kind.PODCAST}


def test_every_resource_cites_its_source(entries):
    for entry in entries:
        assert len(entry.source) > 10, entry.slug


def test_the_command_loads_it_published_and_running_it_again_duplicates_nothing(
    association, entries
):
    call_command("load_starting_content", organisation=association.name, stdout=StringIO())
    count = Resource.objects.count()
    assert count == len(entries)
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


def test_the_demo_world_has_the_starting_content_a_podcast_and_a_draft(
    db, settings, entries, demo_entries
):
    settings.DEBUG = True
    call_command("seed_demo", stdout=StringIO())
    call_command("seed_demo", stdout=StringIO())
    assert Resource.objects.count() == len(entries) + len(demo_entries)
    assert Resource.objects.filter(status=Resource.Status.DRAFT).count() == 1
    assert Resource.objects.filter(kind=Resource.Kind.PODCAST).exists()


def _fingerprint() -> str:
    records = [
        {
            "slug": resource.slug,
            "kind": resource.kind,
            "title": resource.title,
            "summary": resource.summary,
            "body": resource.body,
            "audience": resource.audience,
            "author": resource.author_organisation.name,
            "url": resource.url,
            "source": resource.source,
            "source_url": resource.source_url,
            "status": resource.status,
            "published_at": resource.published_at.isoformat() if resource.published_at else None,
            "areas": sorted(resource.support_areas.values_list("code", flat=True)),
            "related": sorted(resource.related.values_list("slug", flat=True)),
        }
        for resource in Resource.objects.order_by("pk")
    ]
    text = json.dumps(records, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


def test_the_files_load_the_records_the_python_module_loaded(db, entries, demo_entries):
    # The digest was taken from the records the former Python module loaded, when the
    # content moved to files (decision 0193); a deliberate edit of a file changes it.
    for name in ("Samordningsförbundet Södra Norrbotten", "Coompanion Norrbotten"):
        OrganisationFactory(name=name, kind=Organisation.Kind.PARTY, org_number=None)
    content.load(entries + demo_entries)
    assert list(Resource.objects.order_by("pk").values_list("slug", flat=True)) == [
        "vad-ar-ett-arbetsintegrerande-socialt-foretag",
        "regeringens-strategi-for-sociala-foretag",
        "eus-fyra-pelare-for-sociala-foretags-ekosystem",
        "tva-modeller-for-en-gemensam-stodstruktur",
        "sa-fungerar-reserverad-upphandling",
        "vad-ger-en-handledarutbildning",
        "vad-stodstrukturen-erbjuder",
        "sa-kommer-du-i-kontakt-med-stodstrukturen",
        "forstudien-plattform-for-sociala-foretag",
        "timbanken-i-halland",
        "leverantorsnatverk-i-dalarna",
        "samordningsforbundet-som-dorroppnare",
        "skottland-en-tioarig-strategi",
        "tillvaxtverket-om-socialt-foretagande",
        "skr-ny-vag-till-innovativa-valfardslosningar",
        "policyrekommendationer-better-entrepreneurship",
        "associationsformer-for-sociala-foretag",
        "ideburet-offentligt-partnerskap",
        "place-and-train-fran-anvisning-till-arbetstraning",
        "mall-overenskommelse-om-arbetstraning",
        "skoopi-och-certifiering",
        "lotsenpodden-avsnitt-1-att-starta-ett-asf",
        "checklista-salj-och-marknadsforing",
    ]
    assert _fingerprint() == "f87cfff3eb202a9ed90498e47bf9520e8c639ec05524d6db49ba2483d1754dbe"


def test_a_file_without_a_required_key_is_refused_naming_the_file(tmp_path):
    path = tmp_path / "01-utan-kalla.md"
    path.write_text(
        "---\nkind: guide\ntitle: Utan källa\nsummary: Saknar källan.\naudience: everyone\n"
        "author: Coompanion Norrbotten\n---\n\nText.\n",
        encoding="utf-8",
    )
    with pytest.raises(content.ContentFileError, match=r"01-utan-kalla\.md: .*lacks 'source'"):
        content.read(tmp_path)


@pytest.mark.parametrize(
    ("name", "text", "reason"),
    [
        ("utan-position.md", "---\n---\n", "file name"),
        ("01-a.md", "kind: guide\n", "front matter"),
        ("01-a.md", "---\nkind guide\n---\n", "line 2 is not 'key: value'"),
        ("01-a.md", "---\ncolour: blue\n---\n", "unknown key 'colour'"),
        ("01-a.md", "---\nkind: guide\nkind: link\n---\n", "repeats the key 'kind'"),
    ],
)
def test_a_malformed_file_is_refused(tmp_path, name, text, reason):
    (tmp_path / name).write_text(text, encoding="utf-8")
    with pytest.raises(content.ContentFileError, match=reason):
        content.read(tmp_path)


def test_the_command_refuses_a_malformed_file_and_loads_nothing(association, tmp_path, monkeypatch):
    (tmp_path / "01-a.md").write_text("---\nkind: guide\n---\n", encoding="utf-8")
    monkeypatch.setattr(content, "STARTING_CONTENT", tmp_path)
    with pytest.raises(CommandError, match=r"01-a\.md"):
        call_command("load_starting_content", organisation=association.name, stdout=StringIO())
    assert not Resource.objects.exists()
