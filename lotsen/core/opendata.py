"""What every open dataset's answer shares: a schema served beside it, named in a header.

A dataset names its schema in `Link: <…>; rel="describedby"` (RFC 8288, as the W3C's
CSV on the web and the Frictionless specs suggest), so a program that holds only the
file's address can find its types (decision 0206)."""

import json

from django.http import HttpResponse

from .public_url import public_url

TABLE_SCHEMA = "application/json"  # Frictionless Table Schema has no media type of its own
JSON_SCHEMA = "application/schema+json"
CC0 = "http://creativecommons.org/publicdomain/zero/1.0/"


def described_by(response: HttpResponse, schema: str, media_type: str) -> HttpResponse:
    """`schema` is a path from the site's root or an absolute address."""
    address = schema if "://" in schema else public_url(schema)
    response["Link"] = f'<{address}>; rel="describedby"; type="{media_type}"'
    return response


def schema_response(schema: dict, media_type: str) -> HttpResponse:
    return HttpResponse(
        json.dumps(schema, ensure_ascii=False, indent=2),
        content_type=f"{media_type}; charset=utf-8",
    )
