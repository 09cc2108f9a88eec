"""A personnummer typed into a form is no oracle: look-ups are scoped, audited, limited."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from lotsen.accounts.models import Role
from lotsen.audit.models import AuditEvent

from .. import identity
from ..models import Participant
from .factories import identity_number, register
from .test_support_conversion import conversion_data, url_of
from .test_views import BORN_ON, registration_data

REGISTER_URL = "/lotsning/deltagare/ny/"
SEARCH_URL = "/lotsning/deltagare/"
NUMBER = identity_number(BORN_ON, "482")


@pytest.fixture
def other_caseworker(make_persona):
    """A caseworker of another party (Försäkringskassan beside Arbetsförmedlingen)."""
    return make_persona(Role.CASEWORKER, email="fk@example.test")


@pytest.fixture
def known(other_caseworker):
    """A participant referred by the other party."""
    return register(other_caseworker, number=NUMBER)


def look_ups_of(user):
    return AuditEvent.objects.filter(actor=user, reason__startswith="look-up by personnummer")


def test_a_caseworker_of_another_party_learns_no_code(
    client, caseworker, known, django_capture_on_commit_callbacks
):
    client.force_login(caseworker)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(REGISTER_URL, registration_data(caseworker))
    assert response.status_code == 200
    assert known.code not in response.text
    assert "Samordnaren har fått veta det och kopplar" in response.text
    assert Participant.objects.count() == 1


def test_the_coordinator_is_told_of_the_duplicate(
    client, caseworker, coordinator, known, django_capture_on_commit_callbacks
):
    client.force_login(caseworker)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(REGISTER_URL, registration_data(caseworker))
    (message,) = mail.outbox
    assert message.to == [coordinator.email]
    assert known.code in message.subject
    assert known.code in message.body
    assert known.get_absolute_url() in message.body
    assert NUMBER not in message.body


def test_within_the_users_scope_the_code_is_named_and_nobody_is_mailed(
    client, caseworker, django_capture_on_commit_callbacks
):
    own = register(caseworker, number=NUMBER)
    client.force_login(caseworker)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(REGISTER_URL, registration_data(caseworker))
    assert response.status_code == 200
    assert own.code in response.text
    assert not mail.outbox


def test_the_coordinator_converting_a_request_sees_the_code(client, coordinator, caseworker, known):
    from lotsen.support.tests.factories import SupportRequestFactory

    support_request = SupportRequestFactory()
    client.force_login(coordinator)
    response = client.post(
        url_of(support_request),
        conversion_data(caseworker, **{"identity-identity_number": NUMBER}),
    )
    assert response.status_code == 200
    assert known.code in response.text
    assert look_ups_of(coordinator).filter(reason__contains="support request").exists()


def test_a_look_up_is_audited_with_or_without_a_match(client, caseworker, known):
    client.force_login(caseworker)
    client.post(REGISTER_URL, registration_data(caseworker))
    client.post(
        REGISTER_URL,
        registration_data(caseworker, **{"identity-identity_number": identity_number(BORN_ON)}),
    )
    matched, unmatched = look_ups_of(caseworker).order_by("id")
    assert (matched.action, matched.object_label) == ("view", known.code)
    assert matched.reason == "look-up by personnummer (registration): match"
    assert unmatched.object_label == ""
    assert unmatched.reason == "look-up by personnummer (registration): no match"
    # The audit trail keeps no personnummer.
    assert not AuditEvent.objects.filter(reason__contains=NUMBER[:6]).exists()


def test_a_search_by_number_is_audited_even_when_nobody_is_found(client, caseworker, known):
    client.force_login(caseworker)
    response = client.get(SEARCH_URL, {"q": str(identity.parse_identity_number(NUMBER))})
    assert response.status_code == 200
    assert list(response.context["page"].object_list) == []
    (event,) = look_ups_of(caseworker)
    assert event.reason == "look-up by personnummer (participant search): match"


def test_the_limit_refuses_further_look_ups_with_a_clear_message(client, caseworker, settings):
    settings.IDENTITY_LOOKUP_LIMIT = 2
    client.force_login(caseworker)
    query = {"q": str(identity.parse_identity_number(NUMBER))}
    for _ in range(2):
        assert "För många" not in client.get(SEARCH_URL, query).text
    response = client.get(SEARCH_URL, query)
    assert response.status_code == 200
    assert "Du har gjort för många sökningar på personnummer" in response.text
    response = client.post(REGISTER_URL, registration_data(caseworker))
    assert "Du har gjort för många sökningar på personnummer" in response.text
    assert not Participant.objects.exists()
    assert look_ups_of(caseworker).filter(action="view").count() == 2
    assert AuditEvent.objects.filter(actor=caseworker, action="denied").count() == 2


def test_the_limit_is_per_user_and_ends_with_its_window(
    client, caseworker, other_caseworker, settings, time_machine
):
    settings.IDENTITY_LOOKUP_LIMIT = 1
    query = {"q": str(identity.parse_identity_number(NUMBER))}
    # The start of a window, a little ahead of now.
    window = settings.IDENTITY_LOOKUP_WINDOW_SECONDS
    start = (int(timezone.now().timestamp()) // window + 1) * window
    time_machine.move_to(datetime.datetime.fromtimestamp(start, datetime.UTC), tick=False)
    client.force_login(caseworker)
    client.get(SEARCH_URL, query)
    assert "för många" in client.get(SEARCH_URL, query).text
    client.force_login(other_caseworker)
    assert "för många" not in client.get(SEARCH_URL, query).text
    time_machine.move_to(datetime.datetime.fromtimestamp(start + window, datetime.UTC), tick=False)
    client.force_login(caseworker)
    assert "för många" not in client.get(SEARCH_URL, query).text


def test_an_outsider_cannot_look_up_at_all(client, make_persona):
    outsider = make_persona(Role.STEERING)
    client.force_login(outsider)
    assert client.post(REGISTER_URL, {}).status_code == 403
    assert not look_ups_of(outsider).exists()
