"""What the load and backup benchmarks add to the production stack of deploy/stack.py.

The stack itself (a PostgreSQL database, the environment of production, gunicorn with
several workers and the task worker on 127.0.0.1) is `ProductionStack`, the one
`make production-check` starts; importing this module makes it importable. Here is only
what is the benchmarks' own: the national-scale world with accounts to sign in as, the
secrets a kept world is read with again, a scratch folder, and the resident memory of a
process.

``python bench/stack.py world`` is what the world's seeding step runs in a subprocess to
build the world in the database of DATABASE_URL (Django is never imported by the
benchmark's own process, which runs locust or pg_dump next to it).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from deploy.stack import (  # noqa: E402 (deploy/ is importable once ROOT is on the path)
    PYTHON,
    ProductionStack,
    create_database,
    database_url,
    drop_database,
)

__all__ = [
    "BENCH_SECRETS",
    "PYTHON",
    "ROOT",
    "ProductionStack",
    "create_database",
    "database_url",
    "drop_database",
    "national_world_step",
    "rss_bytes",
    "scratch_dir",
]

# Accounts the load signs in as: the demo users' organisations and roles, several of each,
# since a second-factor code works once per user (lotsen/demo/accounts.py).
BENCH_ACCOUNT_DOMAIN = "last.test"
BENCH_ROLES = ("coordinator", "caseworker", "enterprise", "steering")

# The same secrets in every run, over the stack's fresh ones: a world kept by one run
# (its identities encrypted, its audit trail signed) is read by the next.
BENCH_SECRETS = {
    "SECRET_KEY": "bench-secret-key-for-a-throwaway-database-only",
    "IDENTITY_ENCRYPTION_KEY": "ZogZRwbKZBnv4Y3U86wMfU-ciQHGxB8gZcnlL6CLT88=",
    "IDENTITY_HASH_KEY": "bench-identity-hash-key",
    "AUDIT_CHAIN_KEY": "bench-audit-chain-key",
}


def national_world_step(scale: float) -> Callable[[ProductionStack], None]:
    """The seeding step that builds the world in the stack's database, after migrate."""

    def national_world(stack: ProductionStack) -> None:
        subprocess.run(
            [PYTHON, str(HERE / "stack.py"), "world", str(scale)], env=stack.env, check=True
        )

    return national_world


def rss_bytes(pid: int) -> int:
    """Resident memory of a process, from /proc (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


def scratch_dir() -> tempfile.TemporaryDirectory:
    """The run's folder (the stack's logs, media and audit checkpoints), removed afterwards."""
    return tempfile.TemporaryDirectory(prefix="lotsen-bench-")


# ---------------------------------------------------------------- inside the subprocess


def _seed_world(scale: float) -> None:
    """The demo's organisations and users, the national world and the load's accounts."""
    import django

    django.setup()
    import io

    import national
    from django.test import override_settings

    from lotsen.demo import accounts, organisations

    started = time.perf_counter()
    # The demo's organisations and users; its cases and plans would collide with the
    # national world's. Demo passwords and authenticators are made only with DEBUG on.
    with override_settings(DEBUG=True):
        organisations.seed(io.StringIO())
        accounts.seed(io.StringIO())
    _bench_accounts()
    world = national.populate(scale=scale)
    print(f"world: demo organisations and accounts, then {world.summary()}")
    print(f"world built in {time.perf_counter() - started:.1f} s")


def _bench_accounts(per_role: int = 30) -> None:
    """Copies of the demo user of each role, in the same organisation, with the demo
    password and authenticator secret: each load user signs in as its own account."""
    from allauth.mfa.totp.internal.auth import TOTP
    from django.contrib.auth.hashers import make_password

    from lotsen.accounts.models import Membership, User
    from lotsen.demo.accounts import DEMO_PASSWORD, DEMO_TOTP_SECRET

    password = make_password(DEMO_PASSWORD)
    for role in BENCH_ROLES:
        template = Membership.objects.filter(
            role=role, user__email__endswith="@lotsen.test"
        ).first()
        assert template is not None, f"the demo world has no {role}"
        for number in range(per_role):
            user = User.objects.create(
                email=f"{role}{number}@{BENCH_ACCOUNT_DOMAIN}",
                full_name=f"Last {role} {number}",
                password=password,
            )
            Membership.objects.create(user=user, organisation=template.organisation, role=role)
            TOTP.activate(user, DEMO_TOTP_SECRET)


if __name__ == "__main__":
    if sys.argv[1:2] != ["world"]:
        raise SystemExit("usage: DATABASE_URL=… python bench/stack.py world [scale]")
    os.environ["DJANGO_SETTINGS_MODULE"] = "lotsen.settings"
    _seed_world(float(sys.argv[2]) if len(sys.argv) > 2 else 1.0)
