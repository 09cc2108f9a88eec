"""Free-text search of the directory: Swedish stemming on PostgreSQL, a plain fallback elsewhere.

PostgreSQL's full-text search with the "swedish" configuration finds "snickerier"
when the profile says "snickeriet". SQLite has no such thing; there every word
the visitor typed must occur somewhere in the profile's text (compared
case-folded in Python's sense, so "PITEÅ" finds "Piteå", which SQLite's own
case-insensitive LIKE would not).
"""

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import QuerySet

SEARCH_CONFIG = "swedish"


def uses_full_text_search() -> bool:
    return connection.vendor == "postgresql"


def search_profiles(queryset: QuerySet, text: str) -> QuerySet:
    """Return the profiles matching `text`, annotated with `rank` (higher is better)."""
    words = text.split()
    if not words:
        return queryset
    if uses_full_text_search():
        vector = SearchVector(
            "organisation__name", weight="A", config=SEARCH_CONFIG
        ) + SearchVector("search_text", weight="B", config=SEARCH_CONFIG)
        query = SearchQuery(text, config=SEARCH_CONFIG, search_type="websearch")
        return queryset.annotate(search=vector, rank=SearchRank(vector, query)).filter(search=query)
    for word in words:
        queryset = queryset.filter(search_text__contains=word.casefold())
    return queryset
