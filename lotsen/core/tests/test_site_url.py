"""Links in e-mail point where the site is served."""

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
