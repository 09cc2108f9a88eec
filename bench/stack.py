"""The production stack on this machine, for the load and backup benchmarks.

A small starter, kept apart so the shared production stack can replace it: a
PostgreSQL database made for the run, the environment of production (DEBUG off,
Redis cache, tasks in the database), the national-scale world with accounts to sign
in as, and gunicorn with several workers plus a task worker, on 127.0.0.1 only.

``python bench/stack.py world`` is what the others run in a subprocess to build the
world in the database of DATABASE_URL (Django is never imported by the benchmark's
own process, which runs locust or pg_dump next to it).
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PYTHON = sys.executable
POSTGRES = "postgres://postgres@127.0.0.1:5432"
PG = ["-h", "127.0.0.1", "-U", "postgres"]

# Accounts the load signs in as: the demo users' organisations and roles, several of each,
# since a second-factor code works once per user (lotsen/demo/accounts.py).
BENCH_ACCOUNT_DOMAIN = "last.test"
BENCH_ROLES = ("coordinator", "caseworker", "enterprise", "steering")


def database_url(name: str) -> str:
    return f"{POSTGRES}/{name}"


def create_database(name: str) -> None:
    drop_database(name)
    subprocess.run(["createdb", *PG, name], check=True)


def drop_database(name: str) -> None:
    subprocess.run(["dropdb", *PG, "--if-exists", "--force", name], check=True)


def production_env(database: str, *, redis_db: int, media_root: Path, checkpoints: Path) -> dict:
    """The environment of production, as the README's table names it, on 127.0.0.1."""
    env = dict(os.environ)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.update(
        DEBUG="0",
        SECRET_KEY="bench-secret-key-for-a-throwaway-database-only",
        IDENTITY_ENCRYPTION_KEY="ZogZRwbKZBnv4Y3U86wMfU-ciQHGxB8gZcnlL6CLT88=",
        IDENTITY_HASH_KEY="bench-identity-hash-key",
        AUDIT_CHAIN_KEY="bench-audit-chain-key",
        AUDIT_CHECKPOINT_DIR=str(checkpoints),
        ALLOWED_HOSTS="127.0.0.1",
        # No TLS proxy in front locally; production keeps the redirect on.
        SECURE_SSL_REDIRECT="0",
        DATABASE_URL=database_url(database),
        REDIS_URL=f"redis://127.0.0.1:6379/{redis_db}",
        TASKS_BACKEND="django_tasks_db.DatabaseBackend",
        MEDIA_ROOT=str(media_root),
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        LOG_LEVEL="WARNING",
        PYTHONDONTWRITEBYTECODE="1",
    )
    return env


def manage(env: dict, *args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, **kwargs)


def build_world(env: dict, scale: float) -> float:
    """Migrate and build the world in the environment's database; the seconds it took."""
    started = time.perf_counter()
    manage(env, "migrate", "--noinput", "-v0")
    subprocess.run([PYTHON, str(HERE / "stack.py"), "world", str(scale)], env=env, check=True)
    return time.perf_counter() - started


class Stack:
    """gunicorn (several workers) and the task worker, stopped on leaving the block."""

    def __init__(self, env: dict, *, port: int, workers: int) -> None:
        self.env, self.port, self.workers = env, port, workers
        self.processes: list[subprocess.Popen] = []
        self.url = f"http://127.0.0.1:{port}"

    def __enter__(self) -> Stack:
        manage(self.env, "collectstatic", "--noinput", "-v0")
        self.gunicorn = self._start(
            [
                str(Path(PYTHON).with_name("gunicorn")),
                "lotsen.wsgi",
                f"--bind=127.0.0.1:{self.port}",
                f"--workers={self.workers}",
                "--timeout=60",
                # Its control socket is one per user by default, shared with other stacks.
                "--no-control-socket",
            ]
        )
        self._start([PYTHON, "manage.py", "db_worker"])
        try:
            self._wait_ready()
        except BaseException:
            self.__exit__()  # leave nothing running behind a stack that did not start
            raise
        return self

    def __exit__(self, *exc) -> None:
        for process in reversed(self.processes):
            process.terminate()
        for process in self.processes:
            try:
                process.wait(20)
            except subprocess.TimeoutExpired:
                process.kill()

    def _start(self, command: list[str]) -> subprocess.Popen:
        process = subprocess.Popen(command, cwd=ROOT, env=self.env)
        self.processes.append(process)
        return process

    def _wait_ready(self, timeout: float = 300) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with (
                contextlib.suppress(OSError),
                urllib.request.urlopen(f"{self.url}/healthz", timeout=5) as response,
            ):
                if response.status == 200 and len(self.worker_pids()) == self.workers:
                    return
            if self.gunicorn.poll() is not None:
                raise SystemExit("gunicorn stopped while starting")
            time.sleep(0.5)
        raise SystemExit(f"the stack did not answer {self.url}/healthz in {timeout:.0f} s")

    def worker_pids(self) -> list[int]:
        """gunicorn's workers: the children of its master process."""
        path = Path(f"/proc/{self.gunicorn.pid}/task/{self.gunicorn.pid}/children")
        with contextlib.suppress(OSError):
            return [int(pid) for pid in path.read_text().split()]
        return []


def rss_bytes(pid: int) -> int:
    """Resident memory of a process, from /proc (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


@contextlib.contextmanager
def scratch_dirs():
    """Media and audit checkpoint folders of the run, removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="lotsen-bench-") as tmp:
        media, checkpoints = Path(tmp, "media"), Path(tmp, "checkpoints")
        media.mkdir()
        checkpoints.mkdir()
        yield Path(tmp), media, checkpoints


# ---------------------------------------------------------------- inside the subprocess


def _seed_world(scale: float) -> None:
    """The demo's organisations and users, the national world and the load's accounts."""
    import django

    sys.path.insert(0, str(ROOT))
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
