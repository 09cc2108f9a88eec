"""The W3C Nu HTML checker (vnu), run locally on the pages the crawl collected.

The checker is the `vnu-jar` package from npm, pinned in package-lock.json, run with the
system's headless Java (decision 0207). Java starts slowly, so every page collected in a
test session is checked in one invocation at its end.
"""

import hashlib
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def checker_missing() -> str:
    """Why the checker cannot run here, or an empty string when it can."""
    if shutil.which("java") is None:
        return "java is not installed (Debian: default-jre-headless)"
    if not VNU_JAR.exists():
        return f"{VNU_JAR} is missing (make installs it with npm ci)"
    return ""


class Pages:
    """The HTML bodies the server answered, by the address and role that asked for them.

    Identical bodies are checked once; the first address they were met at names them."""

    def __init__(self) -> None:
        self.bodies: dict[str, str] = {}
        self.names: dict[str, str] = {}

    def add(self, name: str, body: str) -> None:
        digest = hashlib.sha256(body.encode()).hexdigest()
        self.bodies.setdefault(digest, body)
        self.names.setdefault(digest, name)

    def __len__(self) -> int:
        return len(self.bodies)


def errors(pages: Pages) -> list[str]:
    """Every error vnu reports, as "page:line: message", in one run of the checker."""
    if not pages.bodies:
        return []
    with tempfile.TemporaryDirectory() as folder:
        for digest, body in pages.bodies.items():
            (Path(folder) / f"{digest}.html").write_text(body, encoding="utf-8")
        result = subprocess.run(
            [
                "java",
                "-Xss4m",
                "-jar",
                str(VNU_JAR),
                "--errors-only",
                "--exit-zero-always",
                "--format",
                "json",
                *sorted(str(Path(folder) / f"{digest}.html") for digest in pages.bodies),
            ],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "LC_ALL": "C.UTF-8"},
        )
    report = json.loads(result.stderr or result.stdout)
    return [
        f"{pages.names[Path(message['url']).stem]}:{message.get('lastLine', '?')}:"
        f" {message['message']}"
        + (f" [{message['extract'].strip()}]" if message.get("extract") else "")
        for message in report["messages"]
        if message.get("type") == "error" or message.get("subType") == "fatal"
    ]
