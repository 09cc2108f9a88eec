"""Links in e-mail, feeds and open data point where the site is served."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def site_url(**environment) -> str:
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "DEBUG": "1", **environment}
    result = subprocess.run(
        [sys.executable, "-c", "from lotsen import settings; print(settings.SITE_URL)"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def test_it_follows_the_port_the_development_server_serves():
    assert site_url(PORT="8791") == "http://127.0.0.1:8791"


def test_it_defaults_to_port_8000():
    assert site_url() == "http://127.0.0.1:8000"


def test_an_explicit_site_url_wins_over_the_port():
    assert site_url(PORT="8791", SITE_URL="https://lotsen.example.se/") == (
        "https://lotsen.example.se"
    )


def test_make_run_serves_and_links_on_the_same_port():
    # Feeds, calendars, JSON-LD and open data take their links from SITE_URL (decision
    # 0206): `make run` sets it from PORT even where the shell holds another.
    (run,) = [line for line in (ROOT / "Makefile").read_text().splitlines() if "runserver" in line]
    assert "SITE_URL=http://127.0.0.1:$(PORT)" in run
    assert run.rstrip().endswith("runserver 127.0.0.1:$(PORT)")
