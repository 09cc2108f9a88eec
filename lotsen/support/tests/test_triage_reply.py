"""A reply written at triage reaches the requester, whatever the decision (issue 15, §3)."""

import re
from urllib.parse import urlsplit

import pytest

from lotsen.events.tests.factories import EventFactory
from lotsen.organisations.tests.factories import OrganisationFactory
from lotsen.support.forms import TriageForm
from lotsen.support.models import Message, SupportRequest

from .factories import OfferFactory, SupportRequestFactory

pytestmark = pytest.mark.django_db

OUTCOMES = [value for value, _label in TriageForm.base_fields["outcome"].choices]
REPLY = "Hej! Vi har hittat en rådgivare som kan hjälpa er med anbudet."
LINK = re.compile(r"https?://\S+")


def _decision(outcome: str) -> dict:
    """What the coordinator chooses besides the reply, for each decision."""
    if outcome == SupportRequest.Outcome.ASSIGNED:
        return {"offer": OfferFactory().pk}
    if outcome == SupportRequest.Outcome.EVENT:
        return {"event": EventFactory().pk}
    return {}


def _triage(client, coordinator, support_request, outcome, capture, **extra):
    client.force_login(coordinator)
    with capture(execute=True):
        response = client.post(
            f"/stod/arenden/{support_request.pk}/triagera/",
            {"outcome": outcome, "area": "procurement", **_decision(outcome), **extra},
        )
    client.logout()
    return response


def test_the_form_offers_every_outcome_but_the_conversion():
    assert set(OUTCOMES) == set(SupportRequest.Outcome.values) - {"referral"}


@pytest.mark.parametrize("outcome", OUTCOMES)
def test_a_public_requester_gets_the_reply_by_mail_and_on_their_page(
    client, coordinator, mailoutbox, django_capture_on_commit_callbacks, outcome
):
    support_request = SupportRequestFactory()
    response = _triage(
        client,
        coordinator,
        support_request,
        outcome,
        django_capture_on_commit_callbacks,
        answer=REPLY,
        note="Ring gärna först.",
    )
    assert response.status_code == 302
    stored = Message.objects.get(request=support_request, is_internal=False)
    assert (stored.body, stored.author) == (REPLY, coordinator)
    (sent,) = [m for m in mailoutbox if support_request.reference in m.subject]
    assert sent.to == ["kim@example.test"]
    assert REPLY in sent.body
    assert "Ring gärna först." not in sent.body
    assert support_request.description not in sent.body
    (link,) = LINK.findall(sent.body)
    page = client.get(urlsplit(link).path).text
    assert REPLY in page
    assert "Ring gärna först." not in page
    assert "Inga meddelanden" not in page


@pytest.mark.parametrize("outcome", OUTCOMES)
def test_a_signed_in_requester_gets_the_reply_by_mail_and_on_their_page(
    client, coordinator, enterprise_user, mailoutbox, django_capture_on_commit_callbacks, outcome
):
    support_request = SupportRequestFactory(
        requester=enterprise_user, contact_name="", contact_email="", channel="signed_in"
    )
    _triage(
        client,
        coordinator,
        support_request,
        outcome,
        django_capture_on_commit_callbacks,
        answer=REPLY,
    )
    assert Message.objects.get(request=support_request, is_internal=False).body == REPLY
    (sent,) = [m for m in mailoutbox if support_request.reference in m.subject]
    assert sent.to == [enterprise_user.email]
    assert REPLY in sent.body
    client.force_login(enterprise_user)
    assert REPLY in client.get(support_request.get_absolute_url()).text


@pytest.mark.parametrize("outcome", ["assigned", "event"])
def test_without_a_reply_no_message_is_made_and_the_mail_says_what_happened(
    client, coordinator, mailoutbox, django_capture_on_commit_callbacks, outcome
):
    support_request = SupportRequestFactory()
    _triage(client, coordinator, support_request, outcome, django_capture_on_commit_callbacks)
    assert not support_request.messages.exists()
    (sent,) = [m for m in mailoutbox if support_request.reference in m.subject]
    assert "Vårt svar" not in sent.body


@pytest.mark.parametrize(
    ("outcome", "field", "value"),
    [
        ("answered", "provider", lambda: OrganisationFactory(kind="support_actor").pk),
        ("answered", "offer", lambda: OfferFactory().pk),
        ("event", "offer", lambda: OfferFactory().pk),
        ("assigned", "event", lambda: EventFactory().pk),
    ],
)
def test_a_choice_the_decision_would_drop_is_refused_not_lost(
    client, coordinator, outcome, field, value
):
    support_request = SupportRequestFactory()
    client.force_login(coordinator)
    data = {"outcome": outcome, "area": "procurement", "answer": REPLY, **_decision(outcome)}
    response = client.post(
        f"/stod/arenden/{support_request.pk}/triagera/", {**data, field: value()}
    )
    assert response.status_code == 200
    assert "Rensa" in response.text
    support_request.refresh_from_db()
    assert support_request.status == "new"
    assert not support_request.messages.exists()


def test_the_area_of_a_request_cannot_be_cleared_unseen(client, coordinator):
    support_request = SupportRequestFactory()
    client.force_login(coordinator)
    url = f"/stod/arenden/{support_request.pk}/triagera/"
    response = client.post(url, {"outcome": "answered", "answer": REPLY, "area": ""})
    assert response.status_code == 200
    support_request.refresh_from_db()
    assert (support_request.status, support_request.area_id) == ("new", "procurement")


@pytest.mark.parametrize("persona", ["provider", "enterprise_user", "outsider"])
def test_only_the_coordinator_writes_a_triage_reply(client, request, persona):
    support_request = SupportRequestFactory()
    client.force_login(request.getfixturevalue(persona))
    response = client.post(
        f"/stod/arenden/{support_request.pk}/triagera/", {"outcome": "answered", "answer": REPLY}
    )
    assert response.status_code in (403, 404)
    assert not support_request.messages.exists()


def test_a_forged_requester_link_shows_nothing(client):
    support_request = SupportRequestFactory()
    Message.objects.create(request=support_request, body=REPLY)
    response = client.get("/kontakt/arende/forged-token/")
    assert response.status_code == 404
    assert REPLY not in response.text
