"""Swedish search of the knowledge node against the plain list, on the configured database.

Adds a library of generated resources inside a transaction that is rolled back, then
times the first page of /kunskap/'s query with a search and, as the baseline, without.
"""

import os
import statistics
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lotsen.settings")
os.environ.setdefault("DEBUG", "1")
django.setup()

from django.db import connection, transaction  # noqa: E402

from lotsen.knowledge.models import Resource  # noqa: E402
from lotsen.knowledge.search import stems_of  # noqa: E402
from lotsen.organisations.models import Organisation  # noqa: E402

SIZES = (1_000, 10_000)
REPEATS = 15
WORDS = [
    *("företag", "handledare", "arbetsträning", "upphandling", "kooperativ", "nätverk"),
    *("utbildning", "kommun", "deltagare", "anställda", "styrelse", "försäljning"),
    *("region", "stöd", "samordning", "mentor", "anbud"),
]


class Rollback(Exception):
    pass


def make_resources(count: int, author: Organisation) -> None:
    resources = []
    for number in range(count):
        words = [WORDS[(number * 7 + offset) % len(WORDS)] for offset in range(60)]
        resource = Resource(
            kind=Resource.Kind.values[number % len(Resource.Kind.values)],
            title=f"Resurs {number} om {words[0]} och {words[1]}",
            slug=f"bench-{number}",
            summary=" ".join(words[:15]),
            body=" ".join(words * 3),
            author_organisation=author,
            status=Resource.Status.PUBLISHED,
            published_at="2026-01-01T09:00:00+01:00",
        )
        resource.search_title_stems = stems_of(resource.title)
        resource.search_stems = stems_of(f"{resource.title} {resource.summary} {resource.body}")
        resources.append(resource)
    Resource.objects.bulk_create(resources, batch_size=1_000)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE knowledge_resource")


def median_ms(run) -> float:
    timings = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        run()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def first_page(queryset) -> None:
    list(queryset.select_related("author_organisation")[:10])
    queryset.count()


def measure() -> tuple[float, float]:
    public = Resource.objects.public()
    baseline = median_ms(lambda: first_page(public.filter(kind="guide")))
    searched = median_ms(lambda: first_page(public.search("företagen handledare")))
    return baseline, searched


def main() -> None:
    print(f"database: {connection.vendor}")
    for size in SIZES:
        try:
            with transaction.atomic():
                author = Organisation.objects.create(name="Benchmark", kind="other")
                make_resources(size, author)
                baseline, searched = measure()
                print(
                    f"{size:>6} resources: list {baseline:6.1f} ms, "
                    f"search {searched:6.1f} ms, ratio {searched / baseline:4.1f}"
                )
                raise Rollback
        except Rollback:
            pass


if __name__ == "__main__":
    main()
