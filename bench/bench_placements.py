"""The pilot function's pages stay as fast with ten times the participants.

Builds a throwaway test database, measures the coordinator's participant list,
placement list and inbox with a small world (baseline) and with ten times as
many participants, and prints milliseconds per request and the ratio.
"""

import datetime
import os
import statistics
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lotsen.test_settings")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

SMALL, FACTOR, REPEAT = 30, 10, 15
PAGES = ["/lotsning/deltagare/", "/lotsning/placeringar/", "/oversikt/"]


def build_world(count: int, personas: dict, opening) -> None:
    from lotsen.placements import services
    from lotsen.placements.tests.factories import activate, propose

    for _ in range(count):
        placement = propose(personas["coordinator"], personas["caseworker"], opening)
        if _ % 2:
            activate(
                placement,
                enterprise_user=personas["enterprise"],
                caseworker=personas["caseworker"],
                coordinator=personas["coordinator"],
            )
            services.placement_end(
                actor=personas["coordinator"],
                placement=placement,
                ended_on=datetime.date.today(),
                exit_reason="completed",
                outcome="studies",
                income_source_after="none",
            )


def timed(client: Client, url: str) -> float:
    client.get(url)
    samples = []
    for _ in range(REPEAT):
        started = time.perf_counter()
        client.get(url)
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def main() -> None:
    from lotsen.accounts.models import Role
    from lotsen.accounts.tests.factories import MembershipFactory, UserFactory
    from lotsen.organisations.models import Organisation
    from lotsen.organisations.tests.factories import OrganisationFactory
    from lotsen.placements.tests.factories import OpeningFactory

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        personas = {}
        for role, kind in [
            (Role.COORDINATOR, Organisation.Kind.PARTY),
            (Role.CASEWORKER, Organisation.Kind.PARTY),
            (Role.ENTERPRISE, Organisation.Kind.SOCIAL_ENTERPRISE),
        ]:
            user = UserFactory()
            MembershipFactory(user=user, organisation=OrganisationFactory(kind=kind), role=role)
            personas[role.value] = user
        enterprise = personas["enterprise"].organisations_with_role(Role.ENTERPRISE).get()
        opening = OpeningFactory(enterprise=enterprise, capacity=50)
        client = Client()
        client.force_login(personas["coordinator"])

        build_world(SMALL, personas, opening)
        baseline = {url: timed(client, url) for url in PAGES}
        build_world(SMALL * (FACTOR - 1), personas, opening)
        grown = {url: timed(client, url) for url in PAGES}
        print(f"{'page':28} {SMALL:>5} pers. ms {SMALL * FACTOR:>5} pers. ms  ratio")
        for url in PAGES:
            print(
                f"{url:28} {baseline[url]:14.1f} {grown[url]:14.1f}  "
                f"{grown[url] / baseline[url]:5.2f}"
            )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
