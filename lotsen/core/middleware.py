import logging
import time

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers

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
