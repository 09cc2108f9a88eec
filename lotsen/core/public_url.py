"""The public address Lotsen is reached at, for every absolute link it hands out.

Open data, feeds, calendar files and JSON-LD are read away from the request that made
them: their links come from the configured address (SITE_URL, which `make run` sets
from PORT), never from the Host header of whoever asked (decision 0206)."""

from django.conf import settings


def public_url(path: str) -> str:
    """`path` (from the site's root, e.g. reverse(...)) under the configured address."""
    return settings.SITE_URL + path
