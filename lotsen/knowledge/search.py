"""Swedish search of the knowledge node.

PostgreSQL: full-text search with the built-in `swedish` configuration
(Snowball stemmer and stop words) on `Resource.search_document`, which a trigger
keeps (title A, summary B, body C, source D), ranked, through a GIN index.
SQLite has no Swedish full text, so each resource keeps the Snowball stems of
its text (`Resource.search_stems`) and a query matches when every stem of the
query, stop words removed, starts a stored word; title hits rank higher. Both
databases stem with the same Snowball algorithm, so "företagen" finds
"företag" on each.
"""

import re
from functools import cache
from pathlib import Path

import snowballstemmer
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connections
from django.db.models import Case, F, IntegerField, Q, Value, When

SEARCH_CONFIG = "swedish"
WORD = re.compile(r"\w+", re.UNICODE)
STOP_WORDS_FILE = Path(__file__).resolve().parent / "data" / "swedish.stop"
MAX_QUERY_TERMS = 12


@cache
def _stemmer():
    return snowballstemmer.stemmer("swedish")


@cache
def stop_words() -> frozenset[str]:
    # The Snowball project's Swedish stop words, the list PostgreSQL's `swedish` uses.
    return frozenset(STOP_WORDS_FILE.read_text(encoding="utf-8").split())


def terms_of(text: str) -> list[str]:
    return [word for word in WORD.findall(text.casefold()) if word not in stop_words()]


def stems_of(text: str) -> str:
    """The text as space-separated stems, with a leading space so a stem can match a word start."""
    stems = _stemmer().stemWords(terms_of(text))
    return " " + " ".join(stems) + " " if stems else ""


def search_resources(queryset, text: str):
    text = text.strip()
    if not text:
        return queryset
    if connections[queryset.db].vendor == "postgresql":
        query = SearchQuery(text, config=SEARCH_CONFIG, search_type="websearch")
        return (
            queryset.filter(search_document=query)
            .annotate(rank=SearchRank(F("search_document"), query))
            .order_by("-rank", "-published_at", "title")
        )
    stems = list(dict.fromkeys(_stemmer().stemWords(terms_of(text))))[:MAX_QUERY_TERMS]
    if not stems:
        return queryset.none()
    matches_all = Q()
    title_hits = Value(0)
    for stem in stems:
        matches_all &= Q(search_stems__contains=f" {stem}")
        title_hits += Case(
            When(search_title_stems__contains=f" {stem}", then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
    return (
        queryset.filter(matches_all)
        .annotate(rank=title_hits)
        .order_by("-rank", "-published_at", "title")
    )
