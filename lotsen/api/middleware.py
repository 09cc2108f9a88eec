"""What every answer under /api/ shares: language, problem details, conditional GET."""

from django.conf import settings
from django.middleware.http import ConditionalGetMiddleware
from django.utils import translation
from django.utils.cache import patch_vary_headers

from .problems import PROBLEM_MEDIA_TYPE, problem_response

API_PREFIX = "/api/"


def language_of(request) -> str:
    """The first supported language of Accept-Language, otherwise Swedish.

    A machine client says what it wants in the header; the site's own pages use the
    language switch's cookie instead (PreferredLanguageMiddleware).
    """
    header = request.META.get("HTTP_ACCEPT_LANGUAGE", "")
    for code, _quality in translation.trans_real.parse_accept_lang_header(header):
        if code == "*":
            break
        try:
            return translation.get_supported_language_variant(code)
        except LookupError:
            continue
    return settings.LANGUAGE_CODE


class ApiMiddleware:
    """For the API's addresses only.

    - Activates the language of Accept-Language (Swedish by default).
    - Turns every error answered below it that is not yet a problem (an unknown
      address, a refusal by BadInputMiddleware, Django's 405) into problem details, so a
      client never has to read an HTML page.
    - Answers a conditional GET with 304 (ETag from the body, Last-Modified as the view
      set it), as Django's ConditionalGetMiddleware does for the whole site elsewhere.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.conditional = ConditionalGetMiddleware(get_response)

    def __call__(self, request):
        if not request.path.startswith(API_PREFIX):
            return self.get_response(request)
        language = language_of(request)
        request.LANGUAGE_CODE = language
        # Only for this answer: the thread's next request, or a test after this one,
        # starts from the site's own language again.
        with translation.override(language):
            response = self.get_response(request)
            if response.status_code >= 400 and not response.get("Content-Type", "").startswith(
                PROBLEM_MEDIA_TYPE
            ):
                response = self._as_problem(request, response)
            else:
                response = self.conditional.process_response(request, response)
        response.headers["Content-Language"] = language
        patch_vary_headers(response, ["Accept-Language"])
        return response

    @staticmethod
    def _as_problem(request, response):
        problem = problem_response(response.status_code, request)
        for header in ("Allow", "Retry-After", "Vary"):
            if header in response:
                problem[header] = response[header]
        return problem
