"""Backup and restore of the national-scale world, proven end to end.

1. builds the national world of bench/national.py in PostgreSQL (lotsen_backup_src),
   in the environment of production (deploy/stack.py, nothing served), with an audit
   trail of signed events and a checkpoint, and a logo uploaded into MEDIA_ROOT through
   the model's file field;
2. backs it up as production does (bench/README.md, "Backup and restore"):
   ``pg_dump --format=custom`` and a tar of MEDIA_ROOT;
3. restores both into an empty database (lotsen_backup_restore, ``pg_restore
   --no-owner``) and a new media folder;
4. verifies the restored copy: ``manage.py verify_audit_trail`` against it and the
   checkpoint, ``manage.py migrate --check``, the row count of every table against the
   source, and every uploaded file the restored database names, byte for byte;
5. prints the times and drops both databases.

    python bench/backup.py [--scale 0.1] [--keep]

``--prefix`` names the databases otherwise (PREFIX_src, PREFIX_restore) and
``--redis-db`` the cache's database (12), to keep a run apart from another one.

The last line is ``RESULT build_s=… dump_s=… dump_mb=… media_s=… restore_s=…
verify_s=… tables=… rows=… audit_events=… media_files=… ok=yes|no``.
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import stack

PREFIX = "lotsen_backup"  # the databases {PREFIX}_src and {PREFIX}_restore
REDIS_DB = 12
AUDIT_EVENTS = 200_000  # at scale 1: a busy year's views and changes of personal data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="of the national world")
    parser.add_argument("--keep", action="store_true", help="keep both databases afterwards")
    parser.add_argument(
        "--prefix", default=PREFIX, help="of the databases: PREFIX_src and PREFIX_restore"
    )
    parser.add_argument("--redis-db", type=int, default=REDIS_DB, help="the cache's")
    args = parser.parse_args()
    source_name, restore_name = f"{args.prefix}_src", f"{args.prefix}_restore"
    times: dict[str, float] = {}
    build = (
        stack.national_world_step(args.scale),
        audit_trail(round(AUDIT_EVENTS * args.scale)),
        audit_checkpoint,
    )
    with stack.scratch_dir() as scratch:
        tmp = Path(scratch)
        # The database and the environment of production; nothing is served.
        source = stack.ProductionStack(
            database=source_name,
            seed=build,
            serve=False,
            keep_database=args.keep,
            redis_db=args.redis_db,
            log_dir=tmp,
        )
        with source:
            media = Path(source.env["MEDIA_ROOT"])
            times["build"] = sum(
                source.timings[step] for step in ("migrate", *(step.__name__ for step in build))
            )
            print(f"{times['build']:7.1f} s  the world, its audit trail and checkpoint", flush=True)
            restored_media = tmp / "restored-media"
            restored_media.mkdir()
            restore = {
                "DATABASE_URL": stack.database_url(restore_name),
                "MEDIA_ROOT": str(restored_media),
            }
            dump, archive = tmp / "lotsen.dump", tmp / "media.tar.gz"
            try:
                times["dump"] = timed(
                    ["pg_dump", "--format=custom", f"--file={dump}", source.database_url]
                )
                times["media"] = timed(
                    ["tar", "--create", "--gzip", f"--file={archive}", "-C", str(media), "."]
                )

                stack.create_database(restore_name)  # empty: no migrations, no reference data
                times["restore"] = timed(
                    [
                        "pg_restore",
                        "--no-owner",
                        "--exit-on-error",
                        f"--dbname={restore['DATABASE_URL']}",
                        str(dump),
                    ]
                ) + timed(["tar", "--extract", f"--file={archive}", "-C", str(restored_media)])

                started = time.perf_counter()
                audit = source.manage(
                    "verify_audit_trail", env=restore, capture_output=True, text=True
                )
                print(f"{time.perf_counter() - started:7.1f} s  {audit.stdout.strip()}", flush=True)
                source.manage("migrate", "--check", "--noinput", env=restore)
                counts = compare_counts(source_name, restore_name)
                files = inside(
                    {**source.env, **restore},
                    "check-media",
                    str(media),
                    capture_output=True,
                    text=True,
                )
                times["verify"] = time.perf_counter() - started
            finally:
                if not args.keep:
                    stack.drop_database(restore_name)

        print(files.stdout.strip())
        tables, rows, mismatches = counts
        for mismatch in mismatches:
            print(f"count differs: {mismatch}")
        print(
            f"counts: {tables} tables, {rows:,} rows, "
            f"{'all equal' if not mismatches else f'{len(mismatches)} differ'}"
        )
        events = int(audit.stdout.split("intact: ")[1].split()[0])
        media_files = int(files.stdout.split()[0])
        print(
            f"build {times['build']:.0f} s; dump {times['dump']:.1f} s "
            f"({dump.stat().st_size / 2**20:.0f} MiB); media {times['media']:.1f} s "
            f"({archive.stat().st_size / 2**10:.0f} KiB); restore {times['restore']:.1f} s; "
            f"verify {times['verify']:.1f} s"
        )
        ok = not mismatches and media_files > 0
        print(
            f"RESULT build_s={times['build']:.0f} dump_s={times['dump']:.1f} "
            f"dump_mb={dump.stat().st_size / 2**20:.0f} media_s={times['media']:.1f} "
            f"restore_s={times['restore']:.1f} verify_s={times['verify']:.1f} tables={tables} "
            f"rows={rows} audit_events={events} media_files={media_files} "
            f"ok={'yes' if ok else 'no'}"
        )
        if not ok:
            sys.exit(1)


def audit_trail(events: int) -> Callable[[stack.ProductionStack], None]:
    """The seeding step of the audit trail and the uploaded logo, after the world."""

    def audit_trail(source: stack.ProductionStack) -> None:
        inside(source.env, "seed", str(events))

    return audit_trail


def audit_checkpoint(source: stack.ProductionStack) -> None:
    source.manage("audit_checkpoint")


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True)
    seconds = time.perf_counter() - started
    # Each step as it ends, so a run that fails later still shows what it took.
    print(f"{seconds:7.1f} s  {' '.join(command)}", flush=True)
    return seconds


def inside(env: dict, *args: str, **kwargs) -> subprocess.CompletedProcess:
    """Run this script's Django part in the environment's database."""
    return subprocess.run([stack.PYTHON, __file__, *args], env=env, check=True, **kwargs)


def compare_counts(source_name: str, restore_name: str) -> tuple[int, int, list[str]]:
    """The number of tables, rows in the source, and every table whose count differs."""
    import psycopg

    def counts(database: str) -> dict[str, int]:
        with psycopg.connect(stack.database_url(database)) as connection:
            tables = [
                name
                for (name,) in connection.execute(
                    "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
                )
            ]
            return {
                table: connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
                for table in tables
            }

    source, restored = counts(source_name), counts(restore_name)
    mismatches = [
        f"{table}: {source.get(table)} in the source, {restored.get(table)} restored"
        for table in sorted(source.keys() | restored.keys())
        if source.get(table) != restored.get(table)
    ]
    return len(source), sum(source.values()), mismatches


# ---------------------------------------------------------------- inside Django


def _seed(events: int) -> None:
    """An audit trail of `events` views of participants, and an uploaded logo."""
    import io

    from django.core.files.base import ContentFile
    from PIL import Image

    from lotsen.accounts.models import User
    from lotsen.audit.services import audit_events_record
    from lotsen.organisations.models import SocialEnterprise
    from lotsen.placements.models import Participant

    coordinator = User.objects.get(email="samordnare@lotsen.test")
    participants = list(Participant.objects.order_by("pk")[:1000])
    for low in range(0, events, len(participants)):
        batch = participants[: min(len(participants), events - low)]
        audit_events_record(
            actor=coordinator,
            action="view",
            targets=batch,
            labels=[participant.code for participant in batch],
        )
    png = io.BytesIO()
    Image.new("RGB", (64, 64), (30, 90, 60)).save(png, "PNG")
    profile = SocialEnterprise.objects.get(organisation__name="Snickeriet i Piteå ek. för.")
    profile.logo.save("logotyp.png", ContentFile(png.getvalue()))


def _check_media(source_root: str) -> None:
    """Every file the restored database names is in the restored MEDIA_ROOT, unchanged."""
    from django.conf import settings

    from lotsen.organisations.models import SocialEnterprise

    names = [
        profile.logo.name for profile in SocialEnterprise.objects.exclude(logo="").only("logo")
    ]
    for name in names:
        restored, original = Path(settings.MEDIA_ROOT, name), Path(source_root, name)
        if not restored.is_file():
            raise SystemExit(f"{name} is missing from the restored media")
        if _digest(restored) != _digest(original):
            raise SystemExit(f"{name} differs from the original")
    print(f"{len(names)} uploaded files named by the restored database are restored unchanged")


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


if __name__ == "__main__":
    if sys.argv[1:2] in (["seed"], ["check-media"]):
        import os

        import django

        sys.path.insert(0, str(stack.ROOT))
        os.environ["DJANGO_SETTINGS_MODULE"] = "lotsen.settings"
        django.setup()
        if sys.argv[1] == "seed":
            _seed(int(sys.argv[2]))
        else:
            _check_media(sys.argv[2])
    else:
        main()
