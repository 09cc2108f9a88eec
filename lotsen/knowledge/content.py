"""The knowledge node's starting content: Markdown files read and loaded as resources.

Each file in `data/starting_content/` is one resource written for Lotsen in its own
words, citing the public document it builds on; `data/demo_content/` adds what only the
demo world has. A file is named `<position>-<slug>.md`: the slug is the natural key
(loading again updates the resource with that slug and creates nothing twice) and the
position keeps the order the resources are created in. The file opens with front matter,
one `key: value` a line between two `---` lines, and the Markdown body follows.
`manage.py load_starting_content` loads the starting content into a live service;
`seed_demo` loads both into the demo world (decisions 0072 and 0193).
"""

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from django.db import transaction

from lotsen.organisations.models import Organisation

from .models import Resource

DATA = Path(__file__).resolve().parent / "data"
STARTING_CONTENT = DATA / "starting_content"
DEMO_CONTENT = DATA / "demo_content"

STOCKHOLM = ZoneInfo("Europe/Stockholm")
PUBLISHED_FORMAT = "%Y-%m-%d %H:%M"
FILE_NAME = re.compile(r"(?P<position>\d+)-(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)\.md")
FENCE = "---"
REQUIRED_KEYS = frozenset({"kind", "title", "summary", "audience", "author", "source"})
# Without `published` the resource is a draft; the others are empty when absent.
OPTIONAL_KEYS = frozenset({"areas", "related", "url", "source_url", "published"})


class ContentFileError(ValueError):
    """A content file that cannot be read as a resource; the message names the file."""


@dataclass(frozen=True)
class Entry:
    slug: str
    kind: str
    title: str
    summary: str
    body: str
    audience: str
    author: str
    source: str
    published: datetime | None = None
    areas: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    url: str = ""
    source_url: str = ""


def read(directory: Path) -> list[Entry]:
    """Read every content file in `directory`, in the order of their positions."""
    return [read_file(path) for path in sorted(directory.glob("*.md"), key=_position)]


def _position(path: Path) -> tuple[int, str]:
    # A misnamed file still sorts, so that `read_file` refuses it with a message naming it.
    name = FILE_NAME.fullmatch(path.name)
    return (int(name["position"]) if name else -1, path.name)


def read_file(path: Path) -> Entry:
    """Read one content file; refuse anything but the exact shape with a `ContentFileError`."""

    def refuse(reason: str) -> ContentFileError:
        return ContentFileError(f"{path}: {reason}")

    name = FILE_NAME.fullmatch(path.name)
    if name is None:
        raise refuse("the file name is not <position>-<slug>.md")
    lines = path.read_text(encoding="utf-8").split("\n")
    if lines[0] != FENCE or FENCE not in lines[1:]:
        raise refuse(f"the file does not open with front matter between two {FENCE!r} lines")
    end = lines.index(FENCE, 1)
    fields: dict[str, str] = {}
    for number, line in enumerate(lines[1:end], start=2):
        key, separator, value = line.partition(": ")
        if not separator or not value.strip():
            raise refuse(f"line {number} is not 'key: value'")
        if key not in REQUIRED_KEYS | OPTIONAL_KEYS:
            raise refuse(f"line {number} has the unknown key {key!r}")
        if key in fields:
            raise refuse(f"line {number} repeats the key {key!r}")
        fields[key] = value.strip()
    missing = sorted(REQUIRED_KEYS - fields.keys())
    if missing:
        raise refuse(f"the front matter lacks {', '.join(map(repr, missing))}")
    if fields["kind"] not in Resource.Kind.values:
        raise refuse(f"the kind {fields['kind']!r} is not one of {Resource.Kind.values}")
    if fields["audience"] not in Resource.Audience.values:
        raise refuse(
            f"the audience {fields['audience']!r} is not one of {Resource.Audience.values}"
        )
    published = None
    if "published" in fields:
        try:
            published = datetime.strptime(fields["published"], PUBLISHED_FORMAT)
        except ValueError:
            raise refuse(f"published is not written as {PUBLISHED_FORMAT}") from None
    return Entry(
        slug=name["slug"],
        kind=fields["kind"],
        title=fields["title"],
        summary=fields["summary"],
        body="\n".join(lines[end + 1 :]),
        audience=fields["audience"],
        author=fields["author"],
        source=fields["source"],
        published=published.replace(tzinfo=STOCKHOLM) if published else None,
        areas=_list(fields.get("areas", "")),
        related=_list(fields.get("related", "")),
        url=fields.get("url", ""),
        source_url=fields.get("source_url", ""),
    )


def _list(value: str) -> tuple[str, ...]:
    return tuple(item.strip() for item in value.split(",") if item.strip())


@transaction.atomic
def load(entries: list[Entry], *, author: Organisation | None = None) -> int:
    """Create or update each entry; with `author`, that organisation writes them all."""
    organisations = {organisation.name: organisation for organisation in Organisation.objects.all()}
    resources = {}
    for entry in entries:
        resource, _created = Resource.objects.update_or_create(
            slug=entry.slug,
            defaults={
                "kind": entry.kind,
                "title": entry.title,
                "summary": entry.summary,
                "body": entry.body.strip() + "\n",
                "audience": entry.audience,
                "author_organisation": author or organisations[entry.author],
                "url": entry.url,
                "source": entry.source,
                "source_url": entry.source_url,
                "status": Resource.Status.PUBLISHED if entry.published else Resource.Status.DRAFT,
                "published_at": entry.published,
            },
        )
        resource.full_clean()
        resource.support_areas.set(entry.areas)
        resources[entry.slug] = resource
    for entry in entries:
        if entry.related:
            resources[entry.slug].related.add(
                *(resources[slug] for slug in entry.related if slug in resources)
            )
    return len(resources)
