"""The support function under load: the coordinator's request list and the time bank.

Prints, for the request list, queries and time per page with 30 and with 3,000
requests (the ratio should stay near 1: the page reads one page of rows), and
for the time bank, the time of one locked hours entry against a plain insert of
the same row (the price of the row lock and the balance check).
"""

import os
import tempfile
import time
from decimal import Decimal
from pathlib import Path

_folder = tempfile.mkdtemp(prefix="lotsen-bench-")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{Path(_folder) / 'bench.sqlite3'}")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lotsen.test_settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from lotsen.accounts.models import Membership, Role, User  # noqa: E402
from lotsen.organisations.models import Organisation  # noqa: E402
from lotsen.support import services  # noqa: E402
from lotsen.support.models import (  # noqa: E402
    Offer,
    SupportRequest,
    TimeBankAccount,
    TimeBankEntry,
)

ROUNDS = 20


def add_requests(count: int, enterprise, offer) -> None:
    today = timezone.localdate()
    SupportRequest.objects.bulk_create(
        SupportRequest(
            subject=f"Fråga {n}",
            description="Text",
            channel="signed_in",
            requester_organisation=enterprise,
            area_id="procurement",
            offer=offer,
            assigned_provider=offer.provider,
            status="in_progress",
            first_response_due=today,
            resolution_due=today,
        )
        for n in range(count)
    )


def time_page(client: Client, url: str) -> tuple[int, float]:
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    # Counted now: every later request empties the connection's query log.
    query_count = len(queries)
    started = time.perf_counter()
    for _ in range(ROUNDS):
        client.get(url)
    return query_count, (time.perf_counter() - started) / ROUNDS * 1000


def main() -> None:
    call_command("migrate", verbosity=0)
    coordinator_org = Organisation.objects.create(kind="party", name="Förbundet")
    enterprise = Organisation.objects.create(kind="social_enterprise", name="Företaget")
    provider = Organisation.objects.create(kind="support_actor", name="Stödaktören")
    user = User.objects.create_user("samordnare@bench.test", "x")
    Membership.objects.create(user=user, organisation=coordinator_org, role=Role.COORDINATOR)
    offer = Offer.objects.create(
        provider=provider,
        area_id="procurement",
        title="Anbudsstöd",
        description="-",
        format="advice",
        cost="free",
        audience="enterprises",
    )
    client = Client()
    client.force_login(user)

    add_requests(30, enterprise, offer)
    few_queries, few_ms = time_page(client, "/stod/arenden/")
    add_requests(2970, enterprise, offer)
    many_queries, many_ms = time_page(client, "/stod/arenden/")
    print(f"request list, 30 requests:    {few_queries} queries, {few_ms:.1f} ms per page")
    print(f"request list, 3000 requests:  {many_queries} queries, {many_ms:.1f} ms per page")
    print(f"  ratio 3000/30: queries {many_queries / few_queries:.2f}, time {many_ms / few_ms:.2f}")

    support_request = SupportRequest.objects.first()
    account = TimeBankAccount.objects.create(
        enterprise=enterprise, year=timezone.localdate().year, offer=offer, balance=10_000
    )
    rounds = 200
    started = time.perf_counter()
    for _ in range(rounds):
        services.time_bank_log_hours(
            support_request=support_request, hours=Decimal("1"), actor=user
        )
    locked_ms = (time.perf_counter() - started) / rounds * 1000
    started = time.perf_counter()
    for _ in range(rounds):
        TimeBankEntry.objects.create(
            account=account, kind="delivery", hours=-1, balance_after=0, request=support_request
        )
    plain_ms = (time.perf_counter() - started) / rounds * 1000
    print(f"time bank: locked entry {locked_ms:.2f} ms, plain insert {plain_ms:.2f} ms")
    print(f"  ratio locked/plain: {locked_ms / plain_ms:.2f}")


if __name__ == "__main__":
    main()
