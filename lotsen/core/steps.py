"""Taking a step that the domain may refuse.

A refused step raises a domain error, a `ValidationError` subclass with a code. A view
turns the refusal into a message for the user (`take_step`) or into an error on the form
that asked for the step (`step_into_form`); nothing else is caught.
"""

from collections.abc import Callable
from typing import Any, overload

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import redirect

Refusal = type[ValidationError] | tuple[type[ValidationError], ...]


@overload
def take_step(
    request: HttpRequest,
    step: Callable[[], object],
    *,
    success: str | None = None,
    target: None = None,
    refusal: Refusal = ValidationError,
) -> bool: ...


@overload
def take_step(
    request: HttpRequest,
    step: Callable[[], object],
    *,
    success: str | None = None,
    target: Any,
    refusal: Refusal = ValidationError,
) -> HttpResponseRedirect: ...


def take_step(
    request: HttpRequest,
    step: Callable[[], object],
    *,
    success: str | None = None,
    target: Any = None,
    refusal: Refusal = ValidationError,
) -> bool | HttpResponseRedirect:
    """Run `step()`. A refusal becomes one error message per message of the error; a step
    taken gives the `success` message, when there is one.

    Returns whether the step was taken, or, given a `target` (anything `redirect` takes),
    a redirect there either way. `refusal` narrows what counts as a refusal, for a view
    that turns only its own domain error into a message."""
    try:
        step()
    except refusal as error:
        show_refusal(request, error)
        taken = False
    else:
        if success is not None:
            messages.success(request, success)
        taken = True
    if target is not None:
        return redirect(target)
    return taken


def show_refusal(request: HttpRequest, error: ValidationError) -> None:
    """One error message per message of a refused step's error, for a view that needs the
    step's result and so catches the refusal itself."""
    for message in error.messages:
        messages.error(request, message)


def step_into_form(
    form: BaseForm,
    field: str | None,
    step: Callable[[], object],
    *,
    refusal: Refusal = ValidationError,
) -> bool:
    """Run `step()`; a refusal becomes an error on the form's `field` (`None` for the
    form as a whole). Returns whether the step was taken."""
    try:
        step()
    except refusal as error:
        form.add_error(field, error)
        return False
    return True
