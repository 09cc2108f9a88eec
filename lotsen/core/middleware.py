import logging
import re
import time
from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

request_logger = logging.getLogger("lotsen.request")


class PreferredLanguageMiddleware:
    """Activate the language the user chose, otherwise Swedish.

    Unlike Django's LocaleMiddleware this ignores the browser's
    Accept-Language: a Swedish public service speaks Swedish until the
    visitor asks for another language with the language switch.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ["Cookie"])
        return response


class RequestLogMiddleware:
    """Write one structured log line per request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.monotonic()
        response = self.get_response(request)
        request_logger.info(
            "%s %s %s",
            request.method,
            request.path,
            response.status_code,
            extra={
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": round((time.monotonic() - started) * 1000, 1),
                "user_id": getattr(getattr(request, "user", None), "pk", None),
            },
        )
        return response


# No address, search or filter of Lotsen needs a longer value: a longer one is an
# accident or an attack, and would reach the database as a pattern it cannot handle.
MAX_PATH_LENGTH = 1_000
MAX_QUERY_VALUE_LENGTH = 1_000
# Beyond a 64-bit integer no column of either database holds the number, and SQLite
# fails on it in a query (Django leaves `__in` lookups unchecked) instead of finding nothing.
LARGEST_INTEGER = 2**63 - 1
LONG_INTEGER = re.compile(r"\s*[-+]?0*([1-9][0-9]{18,})\s*")


def _is_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _encoded_form_is_utf8(encoded: bytes) -> bool:
    """Whether every name and value of a query string or urlencoded body is UTF-8."""
    return all(
        _is_utf8(unquote_to_bytes(part))
        for pair in encoded.replace(b"+", b" ").split(b"&")
        for part in pair.split(b"=", 1)
    )


def _is_out_of_range(value: str) -> bool:
    number = LONG_INTEGER.fullmatch(value)
    # More than 19 digits is out of range; Python refuses to convert very long ones.
    return bool(number) and (len(number[1]) > 19 or int(number[1]) > LARGEST_INTEGER)


def _is_unusable(value: str) -> bool:
    return "\x00" in value or _is_out_of_range(value)


def _has_unusable(data) -> bool:
    return any(_is_unusable(value) for key in data for value in [key, *data.getlist(key)])


class BadInputMiddleware:
    """Refuse with 400 a request carrying input that no page of Lotsen can use.

    A path with a number beyond 64 bits answers 404 instead: it names nothing.
    NUL bytes and invalid UTF-8 in the path, the query string or a form; in the
    query string or a form, an integer beyond 64 bits; a path longer than any
    address of the site, and a query-string value longer than any search or
    filter. Checked once here so that no view hands such a value to the
    database: PostgreSQL refuses NUL bytes in text, SQLite a LIKE pattern that
    long or such a number. Form fields keep their own `max_length`.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if any(_is_out_of_range(segment) for segment in request.path.split("/")):
            # An id no table can hold names nothing; a key that is a one-to-one
            # relation would otherwise reach SQLite unchecked.
            raise Http404
        if self._is_bad(request):
            return render(
                request,
                "400.html",
                {
                    "reason": _(
                        "The address or the form contained characters that are not allowed, "
                        "or a value that was too long."
                    )
                },
                status=400,
            )
        return self.get_response(request)

    def _is_bad(self, request) -> bool:
        if len(request.path) > MAX_PATH_LENGTH or "\x00" in request.path:
            return True
        # Django re-quotes the bytes of a path that are not UTF-8 ("%FF"); no address
        # of Lotsen holds a percent sign, so unquoting once more finds them.
        if not _is_utf8(unquote_to_bytes(request.path)):
            return True
        query = request.META.get("QUERY_STRING", "").encode("latin-1", "replace")
        if not _encoded_form_is_utf8(query) or _has_unusable(request.GET):
            return True
        if any(
            len(value) > MAX_QUERY_VALUE_LENGTH
            for key in request.GET
            for value in [key, *request.GET.getlist(key)]
        ):
            return True
        if request.method != "POST":
            return False
        if request.content_type == "application/x-www-form-urlencoded" and not (
            _encoded_form_is_utf8(request.body)
        ):
            return True
        return _has_unusable(request.POST)


class NoStoreMiddleware:
    """Keep pages out of browser and proxy caches unless a public view says otherwise.

    Nearly every page of Lotsen shows personal data to a signed-in user, and the pages
    reached by a signed link (a support requester's page, a survey answer link) show it
    to a visitor who is not signed in. So every response rendered here is `no-store,
    private`; a view may set its own Cache-Control only for visitors who are not signed
    in. Static files are served by WhiteNoise before this runs and keep their caching.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "Cache-Control" not in response or request.user.is_authenticated:
            response["Cache-Control"] = "no-store, private"
        return response
