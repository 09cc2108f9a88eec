"""Taking a step that the domain may refuse.

A refused step raises a domain error, a `ValidationError` subclass with a code (a refused
change of status raises `lotsen.core.workflow.TransitionRefused`). A view turns the
refusal into a message for the user (`take_step`) or into an error on the form that asked
for the step (`step_into_form`); nothing else is caught. Both answer with a `Step`, true
when the step was taken and holding what the step returned, so a view that goes on to the
object the step made needs no `try` of its own.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar, overload

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import redirect

Refusal = type[ValidationError] | tuple[type[ValidationError], ...]
# The form field a refusal belongs on: a name, None for the whole form, or a choice by
# the refusal (its code, say).
FieldFor = str | None | Callable[[ValidationError], str | None]

Result = TypeVar("Result")


@dataclass(frozen=True)
class Step(Generic[Result]):
    """A step taken, with what it returned, or refused (false, with no result)."""

    taken: bool
    result: Result | None = None

    def __bool__(self) -> bool:
        return self.taken


@overload
def take_step(
    request: HttpRequest,
    step: Callable[[], Result],
    *,
    success: str | None = None,
    target: None = None,
    refusal: Refusal = ValidationError,
) -> Step[Result]: ...


@overload
def take_step(
    request: HttpRequest,
    step: Callable[[], Result],
    *,
    success: str | None = None,
    target: Any,
    refusal: Refusal = ValidationError,
) -> HttpResponseRedirect: ...


def take_step(
    request: HttpRequest,
    step: Callable[[], Result],
    *,
    success: str | None = None,
    target: Any = None,
    refusal: Refusal = ValidationError,
) -> Step[Result] | HttpResponseRedirect:
    """Run `step()`. A refusal becomes one error message per message of the error; a step
    taken gives the `success` message, when there is one.

    Returns the `Step`, or, given a `target` (anything `redirect` takes), a redirect there
    either way. `refusal` narrows what counts as a refusal, for a view that turns only its
    own domain error into a message."""
    try:
        result = step()
    except refusal as error:
        show_refusal(request, error)
        outcome: Step[Result] = Step(taken=False)
    else:
        if success is not None:
            messages.success(request, success)
        outcome = Step(taken=True, result=result)
    if target is not None:
        return redirect(target)
    return outcome


def show_refusal(request: HttpRequest, error: ValidationError) -> None:
    """One error message per message of a refused step's error."""
    for message in error.messages:
        messages.error(request, message)


def step_into_form(
    form: BaseForm,
    field: FieldFor,
    step: Callable[[], Result],
    *,
    refusal: Refusal = ValidationError,
) -> Step[Result]:
    """Run `step()`; a refusal becomes an error on the form's `field` (`None` for the
    form as a whole, or a function of the refusal that names the field)."""
    try:
        result = step()
    except refusal as error:
        form.add_error(field(error) if callable(field) else field, error)
        return Step(taken=False)
    return Step(taken=True, result=result)
