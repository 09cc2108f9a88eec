"""The public directory at /foretag/: time and queries per page with few and many companies.

The page shows ten companies whatever the number in the directory, so its queries stay
the same and its time should grow far slower than the data. Prints both measurements
and their ratio, measured in the same run on a fresh test database.
"""

import os
import statistics
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lotsen.test_settings")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    setup_test_environment,
)

FEW, MANY, ROUNDS = 20, 2000, 15
URLS = [
    "/foretag/",
    "/foretag/?q=snickeri+möbler&praktik=on",
    "/foretag/?kommun=2581&sortering=namn",
]


def add_profiles(count: int, start: int) -> None:
    from lotsen.core.models import Industry
    from lotsen.organisations.models import Service
    from lotsen.organisations.tests.factories import OrganisationFactory, SocialEnterpriseFactory

    industry = Industry.objects.get(code="43320")
    services = Service.from_names(["snickeri", "möbler", "städning"])
    for number in range(start, start + count):
        profile = SocialEnterpriseFactory(
            organisation=OrganisationFactory(
                name=f"Företag {number:05d}", municipality_id="2581" if number % 3 else "2580"
            ),
            takes_trainees=number % 2 == 0,
            description="Vi bygger möbler och inredning i Piteå." if number % 4 else "Vi städar.",
        )
        profile.industries.set([industry])
        profile.services.set(services[: 1 + number % 3])
        profile.refresh_search_text()


def measure(client: Client) -> tuple[float, int]:
    timings, queries = [], 0
    for url in URLS:
        client.get(url)
        for _round in range(ROUNDS):
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as captured:
                assert client.get(url).status_code == 200
            timings.append(time.perf_counter() - started)
            queries = max(queries, len(captured))
    return statistics.median(timings) * 1000, queries


def main() -> None:
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, keepdb=False)
    try:
        client = Client()
        add_profiles(FEW, 0)
        few_ms, few_queries = measure(client)
        add_profiles(MANY - FEW, FEW)
        many_ms, many_queries = measure(client)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    print(f"directory, {FEW} companies:   median {few_ms:.1f} ms per page, {few_queries} queries")
    print(f"directory, {MANY} companies: median {many_ms:.1f} ms per page, {many_queries} queries")
    print(
        f"ratio: time x{many_ms / few_ms:.2f} for x{MANY / FEW:.0f} data; "
        f"queries {many_queries} vs {few_queries}"
    )


if __name__ == "__main__":
    main()
