"""Swedish search on whichever database the suite runs (CI runs SQLite and PostgreSQL)."""

import pytest
from django.db import connection

from lotsen.knowledge.models import Resource
from lotsen.knowledge.search import stems_of
from lotsen.knowledge.tests.factories import ResourceFactory


def titles(query: str, **filters) -> list[str]:
    return [resource.title for resource in Resource.objects.filter(**filters).search(query)]


@pytest.fixture
def library(db):
    return {
        "asf": ResourceFactory(
            title="Vad är ett socialt företag?",
            summary="Om arbetsintegrering.",
            body="Ett företag som ger arbete åt den som står långt från arbetsmarknaden.",
        ),
        "supervisor": ResourceFactory(
            title="Handledarutbildning för kommuner",
            summary="Handledaren stöttar deltagaren.",
            body="Utbildningen ger trygghet.",
            kind=Resource.Kind.REPORT,
        ),
        "procurement": ResourceFactory(
            title="Reserverad upphandling",
            summary="LOU 4 kap. 18 §.",
            body="Minst 30 procent av de anställda. Företagens anbud kan lämnas gemensamt.",
        ),
        "store": ResourceFactory(
            title="Återbruket i Boden",
            summary="Ett gott exempel.",
            body="Butiken säljer begagnade möbler.",
        ),
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("företagen", {"Vad är ett socialt företag?", "Reserverad upphandling"}),
        ("företagens", {"Vad är ett socialt företag?", "Reserverad upphandling"}),
        ("handledaren", {"Handledarutbildning för kommuner"}),
        ("handledarutbildningen", {"Handledarutbildning för kommuner"}),
        ("upphandlingar", {"Reserverad upphandling"}),
        ("reserverade upphandlingen", {"Reserverad upphandling"}),
        ("ÅTERBRUKET", {"Återbruket i Boden"}),
        ("butikens möbler", {"Återbruket i Boden"}),
        ("upphandlingen och anbuden", {"Reserverad upphandling"}),
    ],
)
def test_swedish_inflections_find_the_base_form(library, query, expected):
    assert set(titles(query)) == expected


def test_every_word_must_match(library):
    assert titles("upphandling möbler") == []


def test_a_query_of_stop_words_or_punctuation_finds_nothing(library):
    assert titles("och att det") == []
    assert titles("!!! ???") == []


def test_hostile_query_text_is_only_text(library):
    assert titles("'; DROP TABLE knowledge_resource; --") == []
    assert titles("100% _ & | !") == []
    assert Resource.objects.count() == 4


def test_a_title_hit_ranks_above_a_body_hit(library):
    ResourceFactory(title="Upphandling för kommuner", summary="Köp av tjänster.", body="")
    ranked = titles("upphandlingen")
    assert ranked[0] in {"Reserverad upphandling", "Upphandling för kommuner"}
    assert set(ranked[:2]) == {"Reserverad upphandling", "Upphandling för kommuner"}
    ResourceFactory(title="Samverkan", summary="Text", body="Något om upphandling.")
    assert titles("upphandling")[-1] == "Samverkan"


def test_stems_are_snowball_swedish_without_stop_words():
    assert stems_of("Företagen och Handledarutbildningen") == " företag handledarutbildning "
    assert stems_of("och det att") == ""


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the GIN index is PostgreSQL's")
def test_postgresql_searches_through_the_swedish_gin_index(library):
    queryset = Resource.objects.search("företagen")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = queryset.explain()
    assert "resource_swedish_search" in plan


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL ranks with ts_rank")
def test_postgresql_ranks_with_the_swedish_configuration(library):
    sql = str(Resource.objects.search("företagen").query)
    assert "websearch_to_tsquery" in sql
    assert "swedish" in sql
    assert "ts_rank" in sql


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's")
def test_postgresql_keeps_the_document_current_also_after_a_queryset_update(library):
    Resource.objects.filter(pk=library["store"].pk).update(title="Kooperativen i Boden")
    assert titles("kooperativens") == ["Kooperativen i Boden"]
    assert titles("återbruket") == []
