"""Load and soak of the production stack on the national-scale world (locust, headless).

Builds the national world of bench/national.py in its own PostgreSQL database
(lotsen_bench_load) with accounts to sign in as (bench/stack.py), warms the effect
figures as a deploy does, starts the production stack on 127.0.0.1 (gunicorn with
several workers, DEBUG off, Redis, the task worker, static files through WhiteNoise)
and runs the roles' journeys of bench/locustfile.py with 50 concurrent users for a
bounded time. The figures count after a warm-up (the ramp-up and everyone's sign-in);
the workers' resident memory is sampled then and at the end.

    python bench/load.py                 # a smoke: 60 s after the warm-up
    python bench/load.py --soak          # 10 minutes
    python bench/load.py --reuse --keep  # the world of an earlier --keep run

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
    args = parser.parse_args()
    duration = 600 if args.soak else args.duration

    with stack.scratch_dirs() as (tmp, media, checkpoints):
        env = stack.production_env(
            args.database, redis_db=REDIS_DB, media_root=media, checkpoints=checkpoints
        )
        # Nginx adds the client's address; the load generator plays that part.
        env["TRUSTED_PROXY_COUNT"] = "1"
        try:
            if not args.reuse:
                stack.create_database(args.database)
                print(f"world built in {stack.build_world(env, args.scale):.0f} s", flush=True)
            subprocess.run(
                ["redis-cli", "-h", "127.0.0.1", "-n", str(REDIS_DB), "flushdb"],
                check=True,
                capture_output=True,
            )
            # As after each deploy (README, "Production shape").
            stack.manage(env, "warm_impact_figures")
            with stack.Stack(env, port=PORT, workers=args.workers) as running:
                rows, rss = run_locust(running, env, args, duration, tmp)
        finally:
            if not args.keep:
                stack.drop_database(args.database)
    report(rows, rss, args.users, duration)


def run_locust(running: stack.Stack, env: dict, args, duration: int, tmp: Path):
    """Run the journeys; the stats rows of locust's CSV and the workers' RSS samples."""
    prefix = tmp / "locust"
    locust_env = {**os.environ, "BENCH_WARMUP": str(args.warmup)}
    command = [
        str(Path(sys.executable).with_name("locust")),
        "--locustfile",
        str(stack.HERE / "locustfile.py"),
        "--headless",
        "--host",
        running.url,
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


def worker_rss(running: stack.Stack) -> dict[int, int]:
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
