"""Load and soak of the production stack on the national-scale world (locust, headless).

Builds the national world of bench/national.py in its own PostgreSQL database
(lotsen_bench_load) with accounts to sign in as (bench/stack.py), warms the effect
figures as a deploy does, starts the production stack of deploy/stack.py on 127.0.0.1
(gunicorn with several workers on port 8711, DEBUG off, Redis database 11, the task
worker, static files through WhiteNoise) and runs the roles' journeys of
bench/locustfile.py with 50 concurrent users for a bounded time. The figures count
after a warm-up (the ramp-up and everyone's sign-in); the workers' resident memory is
sampled then and at the end.

    python bench/load.py                 # a smoke: 60 s after the warm-up
    python bench/load.py --soak          # 10 minutes
    python bench/load.py --reuse --keep  # the world of an earlier --keep run

``--database``, ``--port`` and ``--redis-db`` keep a run apart from another one.

Prints a table of each kind of page (requests, failures, p50, p95, max) and ends with
``RESULT users=… rps=… p50_ms=… p95_ms=… errors=… rss_growth_pct=…``. Targets: no
errors, p95 under 500 ms for every kind of page, memory growing under 10 % in the soak.
"""

from __future__ import annotations

import argparse
import csv
import os
import subprocess
import sys
import time
from pathlib import Path

import stack

DATABASE = "lotsen_bench_load"
REDIS_DB = 11
PORT = 8711
P95_TARGET_MS = 500
RSS_TARGET_PCT = 10


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=int, default=60, help="seconds counted")
    parser.add_argument("--soak", action="store_true", help="count 10 minutes")
    parser.add_argument("--warmup", type=int, default=90, help="seconds before counting")
    parser.add_argument("--spawn-rate", type=float, default=1.0, help="users started a second")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--scale", type=float, default=1.0, help="of the national world")
    parser.add_argument("--database", default=DATABASE, help="made and dropped for the run")
    parser.add_argument("--reuse", action="store_true", help="use the database as it is")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--port", type=int, default=PORT, help="gunicorn's, on 127.0.0.1")
    parser.add_argument("--redis-db", type=int, default=REDIS_DB, help="the cache's, emptied")
    args = parser.parse_args()
    duration = 600 if args.soak else args.duration

    world = () if args.reuse else (stack.national_world_step(args.scale),)
    with stack.scratch_dir() as tmp:
        production = stack.ProductionStack(
            database=args.database,
            reuse_database=args.reuse,
            keep_database=args.keep,
            seed=(*world, empty_cache, warm_impact_figures),
            port=args.port,
            web_workers=args.workers,
            web_timeout=60,
            redis_db=args.redis_db,
            # The scheduler's jobs would run beside the journeys; the load is the pages'.
            scheduler=False,
            log_dir=Path(tmp),
            settings={
                **stack.BENCH_SECRETS,
                # No TLS proxy in front: the load generator plays nginx, sending the
                # client's address but plain HTTP.
                "SECURE_SSL_REDIRECT": "0",
                "TRUSTED_PROXY_COUNT": "1",
            },
        )
        with production as running:
            if world:
                built = running.timings["migrate"] + running.timings["national_world"]
                print(f"world built in {built:.0f} s", flush=True)
            rows, rss = run_locust(running, args, duration, Path(tmp))
    report(rows, rss, args.users, duration)


def empty_cache(running: stack.ProductionStack) -> None:
    """No figures cached by an earlier run, on another world."""
    subprocess.run(
        ["redis-cli", "-u", running.env["REDIS_URL"], "flushdb"], check=True, capture_output=True
    )


def warm_impact_figures(running: stack.ProductionStack) -> None:
    """As after each deploy (README, "Production shape")."""
    running.manage("warm_impact_figures")


def run_locust(running: stack.ProductionStack, args, duration: int, tmp: Path):
    """Run the journeys; the stats rows of locust's CSV and the workers' RSS samples."""
    prefix = tmp / "locust"
    locust_env = {**os.environ, "BENCH_WARMUP": str(args.warmup)}
    command = [
        str(Path(sys.executable).with_name("locust")),
        "--locustfile",
        str(Path(__file__).with_name("locustfile.py")),
        "--headless",
        "--host",
        running.base_url,
        "--users",
        str(args.users),
        "--spawn-rate",
        str(args.spawn_rate),
        "--run-time",
        f"{args.warmup + duration}s",
        "--stop-timeout",
        "10",
        "--csv",
        str(prefix),
        "--only-summary",
        "--loglevel",
        "WARNING",
    ]
    started = time.monotonic()
    locust = subprocess.Popen(command, cwd=stack.ROOT, env=locust_env)
    time.sleep(max(0.0, started + args.warmup - time.monotonic()))
    before = worker_rss(running)
    locust.wait()
    after = worker_rss(running)
    with open(f"{prefix}_stats.csv", newline="") as stats:
        rows = list(csv.DictReader(stats))
    if locust.returncode not in (0, 1):  # 1: some requests failed, reported below
        raise SystemExit(f"locust ended with {locust.returncode}")
    return rows, (before, after)


def worker_rss(running: stack.ProductionStack) -> dict[int, int]:
    return {pid: stack.rss_bytes(pid) for pid in running.worker_pids()}


def report(rows: list[dict], rss: tuple[dict, dict], users: int, duration: int) -> None:
    before, after = rss
    total = next(row for row in rows if row["Name"] == "Aggregated")
    # Kinds asked for only during the warm-up (the sign-in) have no figures counted.
    kinds = sorted(
        (row for row in rows if row["Name"] != "Aggregated" and int(row["Request Count"])),
        key=lambda r: r["Name"],
    )
    width = max(len(row["Name"]) for row in kinds)
    print(f"\n{'kind of page':<{width}}  requests  failures  p50 ms  p95 ms  max ms")
    missed = []
    for row in kinds:
        p95 = float(row["95%"])
        flag = "" if p95 < P95_TARGET_MS else "  misses"
        if flag:
            missed.append(row["Name"])
        print(
            f"{row['Name']:<{width}}  {row['Request Count']:>8}  {row['Failure Count']:>8}"
            f"  {float(row['50%']):>6.0f}  {p95:>6.0f}  {float(row['Max Response Time']):>6.0f}"
            f"{flag}"
        )
    # A worker that was replaced in between is left out; the growth is of those that ran.
    same = [pid for pid in before if pid in after]
    growth = (
        100
        * (sum(after[p] for p in same) - sum(before[p] for p in same))
        / sum(before[p] for p in same)
        if same
        else float("nan")
    )
    print(
        f"\nworkers' RSS after the warm-up: {sum(before.values()) / 2**20:.0f} MiB "
        f"({len(before)} workers), at the end: {sum(after.values()) / 2**20:.0f} MiB "
        f"over {duration} s"
    )
    errors = int(total["Failure Count"])
    p95_verdict = "met" if not missed else "missed by " + ", ".join(missed)
    print(
        "targets: "
        f"errors {'met' if errors == 0 else 'missed'}; "
        f"p95 under {P95_TARGET_MS} ms {p95_verdict}; "
        f"memory growth under {RSS_TARGET_PCT} % {'met' if growth < RSS_TARGET_PCT else 'missed'}"
    )
    print(
        f"RESULT users={users} rps={float(total['Requests/s']):.1f} "
        f"p50_ms={float(total['50%']):.0f} p95_ms={float(total['95%']):.0f} "
        f"errors={errors} rss_growth_pct={growth:.1f}"
    )


if __name__ == "__main__":
    main()
