"""The production stack on this machine, started and stopped as one (decision 0200).

`ProductionStack` is a context manager: on entry it makes sure PostgreSQL and Redis
answer (starting the local cluster, or a Redis of its own on a free port, when they do
not), makes a fresh database, migrates it, seeds it, collects the static files, and starts
gunicorn with several workers, the task worker (`db_worker`) and the scheduler
(`run_scheduler`) with production settings (DEBUG off). On exit it stops everything it
started, also after a failure. `deploy/production_check.py` drives smoke journeys through
it; a load test uses it the same way.

The settings are those of production except the secrets, made fresh for each run. TLS is
the proxy's work in production: clients of this stack send `X-Forwarded-Proto: https` as
nginx does, so `SECURE_SSL_REDIRECT` and the secure cookies stay as in production.
"""

import base64
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
POSTGRES = "postgres://postgres@127.0.0.1:5432"
REDIS_PORT = 6379
# What nginx adds in front of gunicorn: the original request was HTTPS.
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def port_answers(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(1)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def wait_for(what: str, ready, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not ready():
        if time.monotonic() > deadline:
            raise RuntimeError(f"{what} did not become ready within {timeout:.0f} s")
        time.sleep(0.2)


class ProductionStack:
    """Start the production stack on entry, stop what it started on exit.

    `seed`: the management commands (each a list of arguments) that fill the fresh
    database; the demo world by default, with its demo passwords (made only with DEBUG on,
    so that step alone runs with it).
    """

    def __init__(
        self,
        *,
        database: str = "lotsen_production_check",
        web_workers: int = 3,
        seed: Sequence[Sequence[str]] = (("seed_demo",),),
        log_dir: Path | None = None,
    ) -> None:
        self.database = database
        self.web_workers = web_workers
        self.seed = seed
        self.log_dir = log_dir or Path(tempfile.mkdtemp(prefix="lotsen-stack-"))
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.database_url = f"{POSTGRES}/{database}"
        self.processes: dict[str, subprocess.Popen] = {}
        self.timings: dict[str, float] = {}
        self._logs: list = []

    # The environment of every process: production settings, fresh secrets.
    def environment(self, redis_url: str) -> dict[str, str]:
        fernet_key = base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()
        return {
            **os.environ,
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SITE_URL": f"https://127.0.0.1:{self.port}",
            "IDENTITY_ENCRYPTION_KEY": fernet_key,
            "IDENTITY_HASH_KEY": secrets.token_urlsafe(32),
            "AUDIT_CHAIN_KEY": secrets.token_urlsafe(32),
            "AUDIT_CHECKPOINT_DIR": str(self.log_dir / "audit-checkpoints"),
            "MEDIA_ROOT": str(self.log_dir / "media"),
            "DATABASE_URL": self.database_url,
            "REDIS_URL": redis_url,
            "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
            "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
            "LOG_LEVEL": "WARNING",
            "PYTHONDONTWRITEBYTECODE": "1",
        }

    def __enter__(self) -> "ProductionStack":
        try:
            self._start()
        except BaseException:
            self.__exit__(*sys.exc_info())
            raise
        return self

    def __exit__(self, *exc_info) -> None:
        # The last started stops first: the scheduler and worker before the app.
        for name, process in reversed(self.processes.items()):
            self._stop(name, process)
        self.processes.clear()
        for log in self._logs:
            log.close()
        self._logs.clear()

    def _timed(self, step: str, function, *args) -> None:
        started = time.monotonic()
        function(*args)
        self.timings[step] = time.monotonic() - started

    def _start(self) -> None:
        self._timed("postgresql", self._ensure_postgresql)
        redis_url = self._ensure_redis()
        self.env = self.environment(redis_url)
        self._timed("database", self._fresh_database)
        # Collecting (and compressing) the static files needs no database: it runs beside
        # the migrations and the seeding.
        collecting = subprocess.Popen(
            [PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=self.env
        )
        collect_started = time.monotonic()
        try:
            self._timed("migrate", self.manage, "migrate", "--noinput", "-v0")
            for command in self.seed:
                # Demo passwords are made only with DEBUG on; the served stack runs without.
                self._timed(command[0], self.manage, *command, {"DEBUG": "1"})
            if collecting.wait() != 0:
                raise RuntimeError("collectstatic failed")
        finally:
            if collecting.poll() is None:
                collecting.kill()
                collecting.wait()
        self.timings["collectstatic (beside the above)"] = time.monotonic() - collect_started
        started = time.monotonic()
        self.spawn(
            "gunicorn",
            [
                GUNICORN,
                "lotsen.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(self.web_workers),
                "--access-logfile",
                "-",
            ],
        )
        self.spawn("worker", [PYTHON, "manage.py", "db_worker", "--interval", "0.5"])
        self.spawn("scheduler", [PYTHON, "manage.py", "run_scheduler"])
        wait_for("gunicorn", self._healthy, timeout=60)
        self.timings["processes"] = time.monotonic() - started

    def manage(self, *args) -> None:
        """Run a management command against the stack's database, as a release would."""
        extra = args[-1] if args and isinstance(args[-1], dict) else {}
        command = [a for a in args if not isinstance(a, dict)]
        subprocess.run(
            [PYTHON, "manage.py", *command], cwd=ROOT, env={**self.env, **extra}, check=True
        )

    def spawn(
        self, name: str, command: list[str], env: dict[str, str] | None = None
    ) -> subprocess.Popen:
        """Start a long-running process in its own process group, its output to a log."""
        log = open(self.log_dir / f"{name}.log", "wb")  # noqa: SIM115 closed on exit
        self._logs.append(log)
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env or self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.processes[name] = process
        return process

    def log(self, name: str) -> str:
        return (self.log_dir / f"{name}.log").read_text(errors="replace")

    def _healthy(self) -> bool:
        for name, process in self.processes.items():
            if process.poll() is not None:
                raise RuntimeError(f"{name} stopped at start:\n{self.log(name)[-3000:]}")
        request = urllib.request.Request(self.base_url + "/healthz", headers=PROXY_HEADERS)
        try:
            with urllib.request.urlopen(request, timeout=2) as response:
                return response.status == 200
        except OSError:
            return False

    def _stop(self, name: str, process: subprocess.Popen) -> None:
        if process.poll() is None:
            try:
                os.killpg(process.pid, signal.SIGTERM)
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=5)
            except ProcessLookupError:
                pass

    def _ensure_postgresql(self) -> None:
        if subprocess.run(["pg_isready", "-h", "127.0.0.1", "-p", "5432", "-q"]).returncode:
            # As CI does: the Debian cluster of the installed version.
            version = sorted(os.listdir("/etc/postgresql"))[-1]
            subprocess.run(
                ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "start"],
                check=True,
            )
        wait_for(
            "PostgreSQL",
            lambda: not subprocess.run(["pg_isready", "-h", "127.0.0.1", "-q"]).returncode,
            timeout=30,
        )

    def _ensure_redis(self) -> str:
        """The local Redis when it answers; otherwise one of the stack's own, in memory."""
        if port_answers(REDIS_PORT):
            return f"redis://127.0.0.1:{REDIS_PORT}/0"
        server = shutil.which("redis-server")
        if server is None:
            raise RuntimeError("redis-server is missing (Debian: apt-get install redis-server)")
        port = free_port()
        self.spawn(
            "redis",
            [server, "--port", str(port), "--bind", "127.0.0.1", "--save", ""],
            env=dict(os.environ),
        )
        wait_for("Redis", lambda: port_answers(port), timeout=15)
        return f"redis://127.0.0.1:{port}/0"

    def _fresh_database(self) -> None:
        for command in ("dropdb", "createdb"):
            arguments = [command, "-h", "127.0.0.1", "-U", "postgres"]
            if command == "dropdb":
                arguments += ["--if-exists", "--force"]
            subprocess.run([*arguments, self.database], check=True)
