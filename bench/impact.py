"""Effect measurement at national scale: the dashboard, the yearly report's data and its PDF.

Builds the national world of bench/national.py in a throwaway test database
(SQLite in memory by default, PostgreSQL with DATABASE_URL), logs a steering-group
member in with Django's test client and times, in one run, the server time of:

- a trivial page of the same site (the accessibility statement) as the baseline;
- the effect dashboard for one region-year (the whole region, this year), and for
  one Norrbotten municipality, each twice: "computed" right after a change of the
  data (the store of figures is empty, every indicator is computed) and "stored"
  on a visit while the figures are kept (decision 0130) -- the usual visit, since
  the figures are kept until the data change (at most 10 minutes for a period not
  yet over);
- the yearly report's data (lotsen.yearly_report.content.build) and its PDF.

Each figure is the median of a few runs after a warm-up. Targets (issue 10):
dashboard under 1 s and under 10× the trivial page; report data under 5 s; PDF
under 15 s. Run: ``python bench/impact.py [scale]``; the last line is
``RESULT dashboard_s=… dashboard_vs_trivial=… report_s=… pdf_s=… dashboard_computed_s=…``
where dashboard_s is the stored (usual) visit and dashboard_computed_s the visit
that computes.
"""

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import national  # sets up the path and the settings module

REPEAT = 5
SLOW_REPEAT = 3
MUNICIPALITY = "2581"  # Piteå


def timed(action, repeat: int) -> tuple[float, int]:
    """Median seconds over `repeat` runs after one warm-up, and the queries of one run."""
    from django.db import connection

    action()
    executed = []

    def count(execute, sql, params, many, context):
        executed.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        action()
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples), len(executed)


def page(client, url: str):
    def get():
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
        return response

    return get


def computed(get):
    """The page right after a change of the data: no stored figures to show."""
    from django.core.cache import cache

    from lotsen.impact import stored

    def run():
        cache.delete(stored.VERSION_KEY)
        return get()

    return run


def main() -> None:
    scale = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0
    teardown = national.throwaway_database()
    try:
        run(scale)
    finally:
        teardown()


def run(scale: float) -> None:
    from django.db import connection
    from django.test import Client
    from django.utils import translation

    from lotsen.accounts.models import Membership, Role, User
    from lotsen.organisations.models import Organisation
    from lotsen.yearly_report import content, documents

    world = national.populate(scale=scale)
    print(f"data ({connection.vendor}): {world.summary()}")
    year = world.as_of.year

    steering = User.objects.create_user("styrgrupp@nationell.test", full_name="Styrgrupp")
    Membership.objects.create(
        user=steering,
        organisation=Organisation.objects.filter(kind="party").first(),
        role=Role.STEERING,
    )
    client = Client()
    client.force_login(steering)

    trivial_s, trivial_q = timed(page(client, "/tillganglighet/"), REPEAT)
    region = f"/effekt/?kind=year&year={year}"
    local = f"{region}&municipality={MUNICIPALITY}"
    computed_s, computed_q = timed(computed(page(client, region)), SLOW_REPEAT)
    dashboard_s, dashboard_q = timed(page(client, region), REPEAT)
    local_computed_s, _queries = timed(computed(page(client, local)), SLOW_REPEAT)
    local_s, local_q = timed(page(client, local), REPEAT)
    ratio = dashboard_s / trivial_s
    computed_ratio = computed_s / trivial_s

    def verdict(seconds: float, times: float) -> str:
        return "meets" if seconds < 1 and times < 10 else "MISSES"

    print(f"trivial page: {trivial_s * 1000:.1f} ms ({trivial_q} queries)")
    print(
        f"dashboard {year}, whole region, computed (first visit after a change of data): "
        f"{computed_s:.3f} s ({computed_q} queries), {computed_ratio:.1f}x the trivial page; "
        f"{verdict(computed_s, computed_ratio)} the targets 1 s and 10x"
    )
    print(
        f"dashboard {year}, whole region, stored (usual visit): {dashboard_s:.3f} s "
        f"({dashboard_q} queries), {ratio:.1f}x the trivial page; "
        f"{verdict(dashboard_s, ratio)} the targets 1 s and 10x"
    )
    print(
        f"dashboard {year}, municipality {MUNICIPALITY}: computed {local_computed_s:.3f} s, "
        f"stored {local_s:.3f} s ({local_q} queries)"
    )

    with translation.override("sv"):
        report_s, report_q = timed(lambda: content.build(year, show_small_cells=False), SLOW_REPEAT)
        report = content.build(year, show_small_cells=False)
        pdf_s, _queries = timed(lambda: documents.pdf(report), SLOW_REPEAT)
        xlsx_s, _queries = timed(lambda: documents.xlsx(report), SLOW_REPEAT)
    print(f"yearly report data {year}: {report_s:.3f} s ({report_q} queries; target 5 s)")
    print(f"yearly report PDF: {pdf_s:.2f} s (target 15 s); workbook {xlsx_s:.2f} s")
    print(
        f"RESULT dashboard_s={dashboard_s:.3f} dashboard_vs_trivial={ratio:.1f} "
        f"report_s={report_s:.3f} pdf_s={pdf_s:.2f} dashboard_computed_s={computed_s:.3f}"
    )


if __name__ == "__main__":
    main()
