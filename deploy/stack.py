"""The production stack on this machine, started and stopped as one (decision 0200).

`ProductionStack` is a context manager: on entry it makes sure PostgreSQL and Redis
answer (starting the local cluster, or a Redis of its own on a free port, when they do
not), makes a fresh database, migrates it, seeds it, collects the static files, and starts
gunicorn with several workers, the task worker (`db_worker`) and the scheduler
(`run_scheduler`) with production settings (DEBUG off). On exit it stops everything it
started, also after a failure. `deploy/production_check.py` drives smoke journeys through
it. The load and backup benchmarks (bench/load.py, bench/backup.py) use it too, with their
own seeding: the load on an existing database if asked, a chosen port, worker count and
Redis database, without the scheduler; the backup with the database and environment only,
nothing served (decision 0202).

The settings are those of production except the secrets, made fresh for each run. TLS is
the proxy's work in production: clients of this stack send `X-Forwarded-Proto: https` as
nginx does, so `SECURE_SSL_REDIRECT` and the secure cookies stay as in production. A caller
may set variables over them: the load keeps its secrets from run to run, so that a world
kept with its encrypted identities can be used again, and plays the proxy itself.
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
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
POSTGRES = "postgres://postgres@127.0.0.1:5432"
PG_CLIENT = ["-h", "127.0.0.1", "-U", "postgres"]
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


def create_database(name: str) -> None:
    """A new, empty database of that name; one there already is dropped first."""
    drop_database(name)
    subprocess.run(["createdb", *PG_CLIENT, name], check=True)


def drop_database(name: str) -> None:
    subprocess.run(["dropdb", *PG_CLIENT, "--if-exists", "--force", name], check=True)


def database_url(name: str) -> str:
    return f"{POSTGRES}/{name}"


def wait_for(what: str, ready, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not ready():
        if time.monotonic() > deadline:
            raise RuntimeError(f"{what} did not become ready within {timeout:.0f} s")
        time.sleep(0.2)


# A step of the seeding: a management command (its arguments), run with DEBUG on; or a
# function given the stack, for what is no management command (the benchmarks' world).
SeedStep = Sequence[str] | Callable[["ProductionStack"], object]


class ProductionStack:
    """Start the production stack on entry, stop what it started on exit.

    `seed`: what fills the database after the migrations; the demo world by default, with
    its demo passwords (made only with DEBUG on, so a management command of the seed alone
    runs with it). A function in it is called with the stack and timed by its name.
    `reuse_database`: migrate and seed the database as it is instead of a fresh one.
    `keep_database`: keep the database on exit, to look into (by default); or drop it.
    `port`, `web_workers`, `web_timeout`: gunicorn's (a free port by default).
    `redis_db`: the number of the Redis database of the cache.
    `scheduler`: start `run_scheduler` beside the task worker.
    `serve`: start the processes at all; without, the stack is the database and the
    environment only, for commands run with `manage`.
    `settings`: environment variables over those of production (made for the run).
    """

    def __init__(
        self,
        *,
        database: str = "lotsen_production_check",
        web_workers: int = 3,
        seed: Sequence[SeedStep] = (("seed_demo",),),
        log_dir: Path | None = None,
        port: int | None = None,
        web_timeout: int | None = None,
        reuse_database: bool = False,
        keep_database: bool = True,
        redis_db: int = 0,
        scheduler: bool = True,
        serve: bool = True,
        settings: Mapping[str, str] | None = None,
    ) -> None:
        self.database = database
        self.web_workers = web_workers
        self.web_timeout = web_timeout
        self.seed = seed
        self.reuse_database = reuse_database
        self.keep_database = keep_database
        self.redis_db = redis_db
        self.scheduler = scheduler
        self.serve = serve
        self.settings = dict(settings or {})
        self.log_dir = log_dir or Path(tempfile.mkdtemp(prefix="lotsen-stack-"))
        self.port = port or free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.database_url = database_url(database)
        self.processes: dict[str, subprocess.Popen] = {}
        self.timings: dict[str, float] = {}
        self._logs: list = []
        self._has_database = False

    # The environment of every process: production settings, fresh secrets.
    def environment(self, redis_url: str) -> dict[str, str]:
        fernet_key = base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()
        environment = {
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
            **self.settings,
        }
        # manage.py and the WSGI module choose the production settings themselves.
        environment.pop("DJANGO_SETTINGS_MODULE", None)
        return environment

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
        if not self.keep_database and self._has_database:
            drop_database(self.database)

    def _timed(self, step: str, function, *args, **kwargs) -> None:
        started = time.monotonic()
        function(*args, **kwargs)
        self.timings[step] = time.monotonic() - started

    def _start(self) -> None:
        self._timed("postgresql", self._ensure_postgresql)
        redis_url = self._ensure_redis()
        self.env = self.environment(redis_url)
        for folder in ("AUDIT_CHECKPOINT_DIR", "MEDIA_ROOT"):
            Path(self.env[folder]).mkdir(parents=True, exist_ok=True)
        if not self.reuse_database:
            self._timed("database", create_database, self.database)
        self._has_database = True
        if not self.serve:
            self._prepare_database()
            return
        # Collecting (and compressing) the static files needs no database: it runs beside
        # the migrations and the seeding.
        collecting = subprocess.Popen(
            [PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=self.env
        )
        collect_started = time.monotonic()
        try:
            self._prepare_database()
            if collecting.wait() != 0:
                raise RuntimeError("collectstatic failed")
        finally:
            if collecting.poll() is None:
                collecting.kill()
                collecting.wait()
        self.timings["collectstatic (beside the above)"] = time.monotonic() - collect_started
        started = time.monotonic()
        gunicorn = [
            GUNICORN,
            "lotsen.wsgi",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            str(self.web_workers),
            "--access-logfile",
            "-",
            # Its control socket is one per user by default, shared with other stacks.
            "--no-control-socket",
        ]
        if self.web_timeout is not None:
            gunicorn += ["--timeout", str(self.web_timeout)]
        self.spawn("gunicorn", gunicorn)
        self.spawn("worker", [PYTHON, "manage.py", "db_worker", "--interval", "0.5"])
        if self.scheduler:
            self.spawn("scheduler", [PYTHON, "manage.py", "run_scheduler"])
        # Several workers load Django at once, on a machine that may be busy.
        wait_for("gunicorn", self._healthy, timeout=180)
        self.timings["processes"] = time.monotonic() - started

    def _prepare_database(self) -> None:
        self._timed("migrate", self.manage, "migrate", "--noinput", "-v0")
        for step in self.seed:
            if callable(step):
                self._timed(step.__name__, step, self)
            else:
                # Demo passwords are made only with DEBUG on; the served stack runs without.
                self._timed(step[0], self.manage, *step, env={"DEBUG": "1"})

    def manage(
        self, *args: str, env: Mapping[str, str] | None = None, **kwargs
    ) -> subprocess.CompletedProcess:
        """Run a management command against the stack's database, as a release would.

        `env`: variables over the stack's environment; other keywords go to subprocess.run.
        """
        return subprocess.run(
            [PYTHON, "manage.py", *args],
            cwd=ROOT,
            env={**self.env, **(env or {})},
            check=True,
            **kwargs,
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

    def worker_pids(self) -> list[int]:
        """gunicorn's web workers: the children of its master process (Linux)."""
        master = self.processes["gunicorn"].pid
        try:
            return [
                int(pid)
                for pid in Path(f"/proc/{master}/task/{master}/children").read_text().split()
            ]
        except OSError:
            return []

    def _healthy(self) -> bool:
        for name, process in self.processes.items():
            if process.poll() is not None:
                raise RuntimeError(f"{name} stopped at start:\n{self.log(name)[-3000:]}")
        request = urllib.request.Request(self.base_url + "/healthz", headers=PROXY_HEADERS)
        try:
            with urllib.request.urlopen(request, timeout=2) as response:
                if response.status != 200:
                    return False
        except OSError:
            return False
        # Every web worker booted, so none is still loading when the first clients come.
        return len(self.worker_pids()) == self.web_workers

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
            return f"redis://127.0.0.1:{REDIS_PORT}/{self.redis_db}"
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
        return f"redis://127.0.0.1:{port}/{self.redis_db}"
