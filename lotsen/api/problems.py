"""Errors as problem details (RFC 9457), in the language the client asked for.

Every error of the API is a JSON object of media type `application/problem+json` with
`type`, `title`, `status`, `detail` and `instance`; a refused input adds `errors`, one
entry per field (`field`, `detail`). `type` is "about:blank" (RFC 9457 §4.2.1): the HTTP
status says what kind of problem it is, and `title` names it in the client's language.
DRF's own exceptions come through `exception_handler`; what the layers around the views
answer (an unknown address, `BadInputMiddleware`'s 400, a 405 from Django) is rewritten
by `lotsen.api.middleware.ApiMiddleware` with `problem_response`.
"""

from http import HTTPStatus

from django.http import JsonResponse
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.views import exception_handler as drf_exception_handler

PROBLEM_MEDIA_TYPE = "application/problem+json"


def titles() -> dict[int, str]:
    """Each status's title, translated at the time of the request."""
    return {
        400: _("The request is not valid"),
        401: _("Authentication is needed"),
        403: _("Access is denied"),
        404: _("Not found"),
        405: _("The method is not allowed"),
        406: _("The requested format cannot be given"),
        409: _("Conflict"),
        413: _("The request is too large"),
        415: _("The media type is not supported"),
        429: _("Too many requests"),
        500: _("Something went wrong on our side"),
    }


def default_details() -> dict[int, str]:
    return {
        400: _(
            "The address or the request contained characters that are not allowed, "
            "or a value that was too long."
        ),
        404: _("There is nothing at this address, or it is not public."),
        405: _("This address does not take that method."),
        500: _("The error has been logged. Please try again later."),
    }


def problem(status: int, request, detail: str = "", errors: list[dict] | None = None) -> dict:
    body = {
        "type": "about:blank",
        "title": titles().get(status) or HTTPStatus(status).phrase,
        "status": status,
        "detail": detail or default_details().get(status) or HTTPStatus(status).description,
        "instance": request.get_full_path(),
    }
    if errors is not None:
        body["errors"] = errors
    return body


def problem_response(status: int, request, detail: str = "") -> JsonResponse:
    return JsonResponse(
        problem(status, request, detail),
        status=status,
        content_type=PROBLEM_MEDIA_TYPE,
        json_dumps_params={"ensure_ascii": False},
    )


def field_errors(detail, prefix: str = "") -> list[dict]:
    """DRF's nested error details as a flat list of {field, detail}."""
    if isinstance(detail, dict):
        return [
            error
            for name, value in detail.items()
            for error in field_errors(value, f"{prefix}.{name}" if prefix else str(name))
        ]
    if isinstance(detail, list):
        return [error for value in detail for error in field_errors(value, prefix)]
    return [{"field": prefix or "non_field_errors", "detail": str(detail)}]


def exception_handler(exc, context):
    """DRF's handler, with its answer rewritten as problem details."""
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    request = context["request"]
    if isinstance(exc, exceptions.ValidationError):
        body = problem(
            response.status_code,
            request,
            _("One or more values are not valid."),
            errors=field_errors(exc.detail),
        )
    else:
        detail = exc.detail if isinstance(exc, exceptions.APIException) else ""
        body = problem(response.status_code, request, str(detail) if detail else "")
    response.data = body
    response.content_type = PROBLEM_MEDIA_TYPE
    return response
