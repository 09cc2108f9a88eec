"""`make production-check`: the production stack on this machine, proven over real HTTP.

Starts `ProductionStack` (deploy/stack.py: PostgreSQL, Redis, gunicorn with several
workers and DEBUG off, the task worker, the scheduler, WhiteNoise's static files), runs
smoke journeys against it, stops everything it started, and prints PASS or FAIL with the
time of each step (decision 0200). Exits non-zero on any failure.
"""

import http.cookiejar
import os
import re
import sys
import time
import traceback
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from deploy.stack import PROXY_HEADERS, ProductionStack

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
STYLESHEET = re.compile(r'href="(/static/core/lotsen\.[0-9a-f]{12}\.css)"')
# The task worker and the scheduler's first runs: the jobs of a fresh database at start.
WORKER_TIMEOUT = 120


class BehindTheProxy(http.cookiejar.DefaultCookiePolicy):
    """Send secure cookies over the local plain connection, as the browser does over the
    TLS connection that nginx ends before passing the request on."""

    def return_ok_secure(self, cookie, request) -> bool:
        return True


class Client:
    """A browser of the smoke journeys: cookies, the proxy's header, forms with CSRF."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        origin = "https://" + urllib.parse.urlsplit(base_url).netloc
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar(BehindTheProxy()))
        )
        self.opener.addheaders = [
            *PROXY_HEADERS.items(),
            ("Origin", origin),
            ("Referer", origin + "/"),
            ("Accept-Language", "sv"),
        ]

    def get(self, path: str, headers: dict[str, str] | None = None):
        request = urllib.request.Request(self.base_url + path, headers=headers or {})
        try:
            return self.opener.open(request, timeout=30)
        except urllib.error.HTTPError as error:
            return error

    def post_form(self, path: str, fields: dict[str, str]):
        """Fetch the form's page for its CSRF token, then post the fields."""
        page = self.get(path).read().decode()
        token = CSRF.search(page)
        assert token, f"no CSRF token on {path}"
        data = urllib.parse.urlencode({"csrfmiddlewaretoken": token.group(1), **fields})
        return self.opener.open(self.base_url + path, data=data.encode(), timeout=30)


def expect(response, status: int = 200, path: str | None = None) -> str:
    body = response.read().decode(errors="replace")
    assert response.status == status, f"{response.url}: {response.status}, not {status}"
    if path is not None:
        assert urllib.parse.urlsplit(response.url).path == path, f"ended at {response.url}"
    return body


def wait_until(what: str, done: Callable[[], bool]) -> None:
    deadline = time.monotonic() + WORKER_TIMEOUT
    while not done():
        assert time.monotonic() < deadline, f"{what}: not within {WORKER_TIMEOUT} s"
        time.sleep(1)


def journeys(stack: ProductionStack) -> list[tuple[str, Callable[[], None]]]:
    """The smoke journeys, in order; Django is set up here only to read the database."""
    os.environ.update(stack.env)
    os.environ["DJANGO_SETTINGS_MODULE"] = "lotsen.settings"
    import django

    django.setup()
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from lotsen.demo.accounts import DEMO_PASSWORD, DEMO_TOTP_SECRET
    from lotsen.scheduling.models import JobRun
    from lotsen.scheduling.schedule import JOBS

    coordinator = Client(stack.base_url)
    visitor = Client(stack.base_url)

    def deployment_checks() -> None:
        stack.manage("check", "--deploy", "--fail-level", "WARNING")

    def sign_in_with_the_second_factor() -> None:
        answer = coordinator.post_form(
            "/konto/login/", {"login": "samordnare@lotsen.test", "password": DEMO_PASSWORD}
        )
        expect(answer, path="/konto/2fa/authenticate/")
        code = format_hotp_value(hotp_value(DEMO_TOTP_SECRET, int(time.time()) // 30))
        answer = coordinator.post_form("/konto/2fa/authenticate/", {"code": code})
        expect(answer, path="/oversikt/")

    def the_coordinators_inbox_and_lists() -> None:
        assert 'class="inbox-section"' in expect(coordinator.get("/oversikt/"))
        for path in ("/lotsning/deltagare/", "/lotsning/platser/", "/granskning/"):
            expect(coordinator.get(path))

    def a_public_page_and_a_static_file() -> None:
        home = expect(visitor.get("/foretag/"))
        stylesheet = STYLESHEET.search(home)
        assert stylesheet, "no hashed stylesheet on the directory page"
        answer = visitor.get(stylesheet.group(1), {"Accept-Encoding": "gzip"})
        expect(answer)
        assert "immutable" in answer.headers["Cache-Control"], answer.headers["Cache-Control"]
        assert answer.headers["Content-Encoding"] == "gzip", "WhiteNoise sent no compressed file"

    def the_worker_runs_an_enqueued_task() -> None:
        fields = {"page": "Startsidan", "description": "Röktest", "email": "test@lotsen.test"}
        expect(visitor.post_form("/tillganglighet/", fields), path="/tillganglighet/")
        wait_until(
            "the contact mail's task",
            DBTaskResult.objects.filter(
                task_path="lotsen.core.tasks.send_contact_mail",
                status=TaskResultStatus.SUCCESSFUL,
            ).exists,
        )

    def the_scheduler_records_every_jobs_run() -> None:
        def all_ran() -> bool:
            failed = JobRun.objects.filter(outcome=JobRun.Outcome.FAILED).first()
            assert failed is None, f"{failed.job} failed:\n{failed.error}"
            done = JobRun.objects.filter(outcome=JobRun.Outcome.SUCCEEDED)
            return done.values("job").distinct().count() == len(JOBS)

        wait_until("the scheduled jobs", all_ran)

    def health_and_readiness() -> None:
        assert '"ok"' in expect(visitor.get("/healthz"))
        ready = visitor.get("/readyz")
        assert ready.status == 200, ready.read().decode()

    return [
        ("deployment checks (check --deploy)", deployment_checks),
        ("sign in: password and authenticator code", sign_in_with_the_second_factor),
        ("the coordinator's inbox and lists", the_coordinators_inbox_and_lists),
        ("a public page, a static file through WhiteNoise", a_public_page_and_a_static_file),
        ("the worker runs an enqueued task", the_worker_runs_an_enqueued_task),
        ("the scheduler's jobs run and are recorded", the_scheduler_records_every_jobs_run),
        ("/healthz and /readyz", health_and_readiness),
    ]


def main() -> int:
    started = time.monotonic()
    results: list[tuple[str, bool, float]] = []
    stack = ProductionStack()
    print(f"Starting the production stack; logs in {stack.log_dir}", flush=True)
    try:
        with stack:
            for step, seconds in stack.timings.items():
                results.append((f"start: {step}", True, seconds))
            for name, journey in journeys(stack):
                step_started = time.monotonic()
                try:
                    journey()
                    ok = True
                except Exception:  # every failure is reported, then the next journey runs
                    traceback.print_exc()
                    ok = False
                results.append((name, ok, time.monotonic() - step_started))
                print(f"{'PASS' if ok else 'FAIL'}  {name}", flush=True)
    except Exception:  # the stack did not start: say so, with what it had done
        traceback.print_exc()
        results.append(("the stack starts", False, time.monotonic() - started))
    passed = all(ok for _name, ok, _seconds in results)
    print("\nproduction-check summary")
    for name, ok, seconds in results:
        print(f"  {'PASS' if ok else 'FAIL'}  {seconds:6.1f} s  {name}")
    total = time.monotonic() - started
    print(f"production-check: {'PASS' if passed else 'FAIL'} in {total:.0f} s")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
