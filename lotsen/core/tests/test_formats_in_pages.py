"""Every page speaks its language's dates and numbers, not the other language's.

The demo world is seeded once; each role walks its navigation and the links of
its pages in Swedish and in English, one page per kind of address. Only what a
reader sees is checked: text and the values of visible inputs, never URLs,
scripts or code samples.
"""

import re
from collections import deque
from html.parser import HTMLParser
from io import StringIO
from urllib.parse import urlsplit

import pytest
import time_machine
from django.conf import settings
from django.core.management import call_command

from lotsen.accounts.models import User

DEMO_LOGINS = [
    "samordnare@lotsen.test",
    "handlaggare@lotsen.test",
    "foretag@lotsen.test",
    "stodaktor@lotsen.test",
    "styrgrupp@lotsen.test",
    "admin@lotsen.test",
]
START = ["/", "/oversikt/"]
NOT_WALKED = ("/konto/logout/", "/i18n/", "/static/", "/media/", "/admin/")
MAX_PAGES_PER_ROLE = 60

MONTHS_EN = "January|February|March|April|May|June|July|August|September|October|November|December"
MONTHS_EN_SHORT = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
MONTHS_SV = "januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december"
MONTHS_SV_SHORT = "jan|feb|mars|apr|maj|juni|juli|aug|sep|okt|nov|dec"

# References that are written with a point in either language: a section of a cited
# source (avsnitt 8.2, §9.1), a licence or standard version (CC0 1.0, WCAG 2.1) and the
# SNI 2007 industry codes (56.100). They are codes, not numbers.
REFERENCES = re.compile(
    r"(?:avsnitt|section|§) ?\d+(?:\.\d+)+(?: (?:och|and) \d+(?:\.\d+)+)*"
    r"|\b(?:CC0|WCAG) \d\.\d\b|(?<![\d.,])\d{2}\.\d{3}(?![\d.,])"
)
# Text that people wrote in Swedish (a knowledge article, a parameter's description)
# stays Swedish on the English pages; it is not the platform's formatting.
SWEDISH_LETTERS = re.compile(r"[åäöÅÄÖ]")

# A year is part of every pattern: prose may name a month ("the May meeting"), a
# formatted date carries its year.
FOREIGN_IN_SWEDISH = {
    "English date": re.compile(
        rf"\b\d{{1,2}} (?:{MONTHS_EN}|{MONTHS_EN_SHORT})\.? \d{{4}}\b"
        rf"|\b(?:{MONTHS_EN}|{MONTHS_EN_SHORT})\.? \d{{1,2}}, \d{{4}}\b"
    ),
    "English short date": re.compile(r"\b\d{1,2}/\d{1,2}/\d{4}\b"),
    # 3.56 or 8.5, but not a version (2.1.0), a standard (WCAG 2.1) or a time.
    "decimal point": re.compile(r"(?<![\w.,/:-])\d+\.\d+(?![\w.,/:-])"),
    "thousands comma": re.compile(r"(?<![\w.,/:-])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\w,/:-])"),
}
FOREIGN_IN_ENGLISH = {
    "Swedish date": re.compile(rf"\b\d{{1,2}} (?:{MONTHS_SV}|{MONTHS_SV_SHORT})\.? \d{{4}}\b"),
    "decimal comma": re.compile(r"(?<![\w.,/:-])\d+,\d{1,2}(?![\w,/:-]|\d)"),
    "space-grouped thousands": re.compile(r"\b\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?\b"),
}


class VisibleText(HTMLParser):
    """The text a reader sees, with the values of visible inputs, and the page's links."""

    SKIPPED = {"script", "style", "code", "pre", "template"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.links: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in self.SKIPPED:
            self.skipping += 1
        elif tag == "a" and attributes.get("href") and "download" not in attributes:
            self.links.append(attributes["href"])
        elif tag == "input" and attributes.get("type", "text") in ("text", "search"):
            self.parts.append(attributes.get("value") or "")

    def handle_endtag(self, tag):
        if tag in self.SKIPPED and self.skipping:
            self.skipping -= 1

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def shape(path: str) -> str:
    """/placeringar/12/ and /placeringar/13/ are one kind of page."""
    return re.sub(r"\d+", "#", path)


def walk(client) -> dict[str, list[str]]:
    """Each kind of page the user reaches from the start pages, as its visible texts."""
    queue, seen_shapes, texts = deque(START), {shape(p) for p in START}, {}
    while queue and len(texts) < MAX_PAGES_PER_ROLE:
        path = queue.popleft()
        response = client.get(path)
        if response.status_code != 200 or "text/html" not in response["Content-Type"]:
            continue
        parser = VisibleText()
        parser.feed(response.content.decode())
        texts[path] = parser.parts
        for href in parser.links:
            url = urlsplit(href)
            if url.scheme or url.netloc or not url.path.startswith("/"):
                continue
            if url.path.startswith(NOT_WALKED) or shape(url.path) in seen_shapes:
                continue
            seen_shapes.add(shape(url.path))
            queue.append(url.path + (f"?{url.query}" if url.query else ""))
    return texts


def offences(
    texts: dict[str, list[str]], patterns: dict[str, re.Pattern], *, skip_swedish: bool
) -> list[str]:
    found = []
    for path, parts in texts.items():
        for part in parts:
            if skip_swedish and SWEDISH_LETTERS.search(part):
                continue
            # Each piece of text apart: two numbers in neighbouring cells are not one.
            text = REFERENCES.sub("", " ".join(part.split()))
            found += [
                f"{path}: {name} in {text[max(0, match.start() - 40) : match.end() + 40]!r}"
                for name, pattern in patterns.items()
                for match in pattern.finditer(text)
            ]
    return found


@pytest.fixture
def demo_world(db, settings):
    settings.DEBUG = True
    with time_machine.travel("2026-11-16 10:00 +01:00", tick=False):
        call_command("seed_demo", stdout=StringIO())
        yield


@pytest.mark.parametrize(
    ("language", "patterns"), [("sv", FOREIGN_IN_SWEDISH), ("en", FOREIGN_IN_ENGLISH)]
)
def test_every_page_writes_dates_and_numbers_in_its_language(
    client, demo_world, language, patterns
):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    found, walked = [], 0
    for email in DEMO_LOGINS:
        client.force_login(User.objects.get(email=email))
        texts = walk(client)
        walked += len(texts)
        found += offences(texts, patterns, skip_swedish=language == "en")
    assert walked > 100
    assert found == [], "\n".join(found)
