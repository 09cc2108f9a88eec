import pytest
from django import forms
from django.contrib.messages import constants, get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from lotsen.core.steps import show_refusal, step_into_form, take_step


class DoorError(ValidationError):
    """A domain error, as the apps raise for a refused transition."""


class Door:
    def __init__(self, status: str) -> None:
        self.status = status

    def lock(self) -> str:
        if self.status != "closed":
            raise DoorError("An open door cannot be locked.", code="open")
        self.status = "locked"
        return "key 1"


class NoteForm(forms.Form):
    note = forms.CharField()


@pytest.fixture
def request_(rf):
    request = rf.post("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def _messages(request) -> list[tuple[int, str]]:
    return [(message.level, str(message)) for message in get_messages(request)]


def test_a_step_taken_gives_the_success_message(request_):
    door = Door("closed")

    step = take_step(request_, door.lock, success="The door is locked.")

    assert step
    assert step.result == "key 1"
    assert door.status == "locked"
    assert _messages(request_) == [(constants.SUCCESS, "The door is locked.")]


def test_a_step_taken_without_a_success_message_says_nothing(request_):
    assert take_step(request_, Door("closed").lock)
    assert _messages(request_) == []


def test_a_refused_step_is_not_taken_and_gives_one_message_for_each_reason(request_):
    def step() -> None:
        raise ValidationError(["The first reason.", "The second reason."])

    refused = take_step(request_, step, success="Done.")

    assert not refused
    assert refused.result is None

    assert _messages(request_) == [
        (constants.ERROR, "The first reason."),
        (constants.ERROR, "The second reason."),
    ]


def test_it_fills_in_the_parameters_of_a_message(request_):
    show_refusal(request_, ValidationError("%(n)s left.", code="left", params={"n": 3}))

    assert _messages(request_) == [(constants.ERROR, "3 left.")]


@pytest.mark.parametrize("status", ["open", "closed"])
def test_with_a_target_it_redirects_there_either_way(request_, status):
    response = take_step(request_, Door(status).lock, success="Locked.", target="/doors/1/")

    assert response.status_code == 302
    assert response.url == "/doors/1/"


def test_a_refusal_of_another_kind_is_not_caught_when_the_view_names_its_own(request_):
    def step() -> None:
        raise ValidationError("Not a door's refusal.")

    with pytest.raises(ValidationError):
        take_step(request_, step, refusal=DoorError)
    assert _messages(request_) == []


@pytest.mark.parametrize("field", ["note", None])
def test_a_refused_step_becomes_an_error_on_its_field_or_else_on_the_whole_form(field):
    form = NoteForm({"note": "Lock it"})
    assert form.is_valid()

    assert not step_into_form(form, field, Door("open").lock)

    assert form.errors == {field or NON_FIELD_ERRORS: ["An open door cannot be locked."]}
    assert form.has_error(field or NON_FIELD_ERRORS, code="open")


def test_a_step_taken_leaves_the_form_without_errors():
    form = NoteForm({"note": "Lock it"})
    assert form.is_valid()
    door = Door("closed")

    step = step_into_form(form, "note", door.lock)

    assert (step.taken, step.result) == (True, "key 1")
    assert door.status == "locked"
    assert form.errors == {}


def test_the_refusal_may_choose_its_field():
    form = NoteForm({"note": "Lock it"})
    assert form.is_valid()

    step_into_form(form, lambda error: "note" if error.code == "open" else None, Door("open").lock)

    assert form.errors == {"note": ["An open door cannot be locked."]}
