"""The apps depend one way: each imports only the apps before it in LAYERS (decision 0195).

Read from the source with `ast` (tests and migrations aside), imports inside functions
included, so a lazy import cannot hide a cycle. Where a lower app must learn of a higher
one, the lower app offers an extension point (a registry, a signal or a hook) and the
higher app fills it: `funding` registers the sources it reads, the pilot function the
conversion of support requests, the audit trail the exports core announces.
"""

import ast
from pathlib import Path

LOTSEN = Path(__file__).resolve().parents[2]

# Lowest first. An app may import the apps before it, never one after it.
LAYERS = (
    "core",
    "scheduling",
    "accounts",
    "organisations",
    "audit",
    "federation",
    "surveys",
    "events",
    "support",
    "knowledge",
    "placements",
    "integrations",
    "my_page",
    "procurement",
    "matching",
    "funding",
    "impact",
    "socioeconomics",
    "yearly_report",
    "api",
    "opendata",
    "demo",
)


def lotsen_apps() -> set[str]:
    return {path.parent.name for path in LOTSEN.glob("*/apps.py")}


def imported_apps(app: str) -> dict[str, set[str]]:
    """The other Lotsen apps `app` imports, each with the files that import it."""
    found: dict[str, set[str]] = {}
    apps = lotsen_apps()
    for path in (LOTSEN / app).rglob("*.py"):
        if {"tests", "migrations"} & set(path.relative_to(LOTSEN / app).parts):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules = [node.module]
            elif isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            else:
                continue
            for module in modules:
                parts = module.split(".")
                if parts[0] == "lotsen" and len(parts) > 1 and parts[1] in apps - {app}:
                    found.setdefault(parts[1], set()).add(str(path.relative_to(LOTSEN)))
    return found


def test_every_app_has_its_place_in_the_layers():
    assert lotsen_apps() == set(LAYERS)


def test_no_app_imports_an_app_above_it():
    upward = [
        f"{app} imports {other} ({', '.join(sorted(files))})"
        for app in LAYERS
        for other, files in imported_apps(app).items()
        if LAYERS.index(other) > LAYERS.index(app)
    ]
    assert not upward, "Imports against the layers (decision 0195):\n" + "\n".join(upward)
