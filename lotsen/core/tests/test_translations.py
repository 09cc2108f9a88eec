"""The Swedish catalogues are complete: nothing untranslated, nothing fuzzy, nothing missing."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2]
ROOT = PACKAGE.parent
APPS = sorted(path.parent for path in PACKAGE.glob("*/apps.py"))
pytestmark = pytest.mark.skipif(shutil.which("msgfmt") is None, reason="gettext is not installed")


def statistics(po_file: Path) -> str:
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(po_file)],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stderr


@pytest.mark.parametrize("app", APPS, ids=lambda path: path.name)
def test_every_app_has_a_complete_swedish_catalogue(app):
    po_file = app / "locale" / "sv" / "LC_MESSAGES" / "django.po"
    assert po_file.exists(), f"{app.name} has no Swedish catalogue"
    report = statistics(po_file)
    assert "untranslated" not in report and "fuzzy" not in report, f"{app.name}: {report}"


@pytest.mark.parametrize("app", APPS, ids=lambda path: path.name)
def test_makemessages_finds_no_string_without_translation(app, tmp_path):
    copy = tmp_path / app.name
    shutil.copytree(app, copy)
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "manage.py"),
            "makemessages",
            "-l",
            "sv",
            "--no-obsolete",
            "--no-location",
            "-v0",
        ],
        cwd=copy,
        check=True,
        env={"DEBUG": "1", "PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "lotsen.settings"},
    )
    report = statistics(copy / "locale" / "sv" / "LC_MESSAGES" / "django.po")
    assert "untranslated" not in report and "fuzzy" not in report, f"{app.name}: {report}"


def catalogue_entries(po_file: Path) -> dict[tuple[str | None, str], str]:
    """(context, msgid) → msgstr of one catalogue."""
    import json
    import re

    entries = {}
    for block in po_file.read_text(encoding="utf-8").split("\n\n")[1:]:
        fields, current = {}, None
        for line in block.splitlines():
            match = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr\[0\]|msgstr) (".*")$', line)
            if match:
                current = match.group(1)
                fields[current] = json.loads(match.group(2))
            elif line.startswith('"') and current:
                fields[current] += json.loads(line)
        if "msgid" in fields:
            key = (fields.get("msgctxt"), fields["msgid"])
            entries[key] = fields.get("msgstr", fields.get("msgstr[0]", ""))
    return entries


def test_a_message_means_the_same_in_every_app():
    # Django merges the apps' catalogues, so one English text gets one Swedish
    # translation everywhere; where the meaning differs, the code gives a context.
    translations: dict[tuple[str | None, str], dict[str, str]] = {}
    for app in APPS:
        po_file = app / "locale" / "sv" / "LC_MESSAGES" / "django.po"
        for key, text in catalogue_entries(po_file).items():
            translations.setdefault(key, {})[app.name] = text
    clashes = {key: apps for key, apps in translations.items() if len(set(apps.values())) > 1}
    assert clashes == {}
