"""Every move of the status table, allowed and refused, and each triage outcome."""

import itertools

import pytest
from django.core import mail

from lotsen.core.workflow import StatusChange, TransitionRefused
from lotsen.support import services
from lotsen.support.models import SupportError, SupportRequest

from .factories import OfferFactory, SupportRequestFactory

Status = SupportRequest.Status
ALL_PAIRS = list(itertools.product(Status.values, Status.values))
ALLOWED = [(a, b) for a, b in ALL_PAIRS if b in SupportRequest.workflow.transitions[a]]
REFUSED = [(a, b) for a, b in ALL_PAIRS if b not in SupportRequest.workflow.transitions[a]]


def test_the_table_is_the_documented_pipeline():
    assert set(ALLOWED) == {
        ("new", "triaged"),
        ("triaged", "in_progress"),
        ("triaged", "resolved"),
        ("in_progress", "resolved"),
        ("resolved", "closed"),
        ("resolved", "in_progress"),
    }


@pytest.mark.parametrize(("start", "target"), ALLOWED)
def test_an_allowed_move_changes_status_and_is_recorded(db, coordinator, start, target):
    support_request = SupportRequestFactory(status=start)
    support_request.move_to(target, actor=coordinator, reason="ok")
    support_request.refresh_from_db()
    assert support_request.status == target
    change = support_request.status_changes.get()
    assert (change.from_status, change.to_status, change.actor, change.reason) == (
        start,
        target,
        coordinator,
        "ok",
    )
    if target == Status.RESOLVED:
        assert support_request.resolved_at is not None
    if target == Status.CLOSED:
        assert support_request.closed_at is not None


@pytest.mark.parametrize(("start", "target"), REFUSED)
def test_a_refused_move_raises_and_changes_nothing(db, coordinator, start, target):
    support_request = SupportRequestFactory(status=start)
    with pytest.raises(TransitionRefused) as raised:
        support_request.move_to(target, actor=coordinator)
    assert raised.value.code == "transition"
    support_request.refresh_from_db()
    assert support_request.status == start
    assert not StatusChange.objects.exists()


def test_triage_to_an_offer_assigns_its_provider_and_tells_both_sides(
    db, coordinator, provider, django_capture_on_commit_callbacks
):
    offer = OfferFactory(provider=provider.memberships.get().organisation)
    support_request = SupportRequestFactory()
    with django_capture_on_commit_callbacks(execute=True):
        services.support_request_triage(
            support_request=support_request, actor=coordinator, outcome="assigned", offer=offer
        )
    support_request.refresh_from_db()
    assert support_request.status == Status.TRIAGED
    assert support_request.assigned_provider == offer.provider
    assert support_request.first_responded_at is not None
    recipients = {address for message in mail.outbox for address in message.to}
    assert {"kim@example.test", provider.email} <= recipients
    # No personal content travels by e-mail.
    assert all(support_request.description not in message.body for message in mail.outbox)


def test_answering_directly_posts_the_answer_and_resolves(db, coordinator):
    support_request = SupportRequestFactory()
    services.support_request_triage(
        support_request=support_request, actor=coordinator, outcome="answered", answer="Så här."
    )
    support_request.refresh_from_db()
    assert support_request.status == Status.RESOLVED
    assert support_request.messages.get().body == "Så här."
    assert list(support_request.status_changes.values_list("to_status", flat=True)) == [
        "triaged",
        "resolved",
    ]


def test_triage_cannot_make_a_referral_without_the_conversion(db, coordinator):
    support_request = SupportRequestFactory()
    with pytest.raises(SupportError) as error:
        services.support_request_triage(
            support_request=support_request, actor=coordinator, outcome="referral", note="x"
        )
    assert error.value.code == "referral_by_conversion"
    support_request.refresh_from_db()
    assert (support_request.status, support_request.outcome) == (Status.NEW, "")
    assert not support_request.messages.exists()


@pytest.mark.parametrize("status", [Status.RESOLVED, Status.CLOSED])
def test_only_an_open_request_is_resolved_as_a_referral(db, coordinator, status):
    support_request = SupportRequestFactory(status=status)
    with pytest.raises(SupportError) as error:
        services.support_request_resolve_as_referral(
            support_request=support_request, actor=coordinator
        )
    assert error.value.code == "not_open"
    assert not StatusChange.objects.exists()


def test_assigning_without_provider_is_refused_and_changes_nothing(db, coordinator):
    support_request = SupportRequestFactory()
    with pytest.raises(SupportError):
        services.support_request_triage(
            support_request=support_request, actor=coordinator, outcome="assigned"
        )
    support_request.refresh_from_db()
    assert support_request.status == Status.NEW


@pytest.mark.parametrize("status", ["new", "triaged", "in_progress", "closed"])
def test_closing_a_request_that_is_not_resolved_is_refused(db, coordinator, status):
    support_request = SupportRequestFactory(status=status)
    with pytest.raises(SupportError) as raised:
        services.support_request_close(support_request=support_request, actor=coordinator, rating=5)
    assert raised.value.code == "not_resolved"
    support_request.refresh_from_db()
    assert support_request.status == status
    assert support_request.rating is None


def test_closing_a_resolved_request_keeps_the_rating(db, coordinator):
    support_request = SupportRequestFactory(status="resolved")
    services.support_request_close(
        support_request=support_request, actor=coordinator, rating=4, comment="Bra"
    )
    support_request.refresh_from_db()
    assert (support_request.status, support_request.rating) == ("closed", 4)


def test_a_staff_message_on_a_triaged_request_starts_the_work(db, coordinator):
    support_request = SupportRequestFactory(status="triaged")
    services.support_request_post_message(
        support_request=support_request, author=coordinator, body="Vi ringer i morgon."
    )
    support_request.refresh_from_db()
    assert support_request.status == Status.IN_PROGRESS


def test_a_closed_request_takes_no_messages(db, coordinator):
    support_request = SupportRequestFactory(status="closed")
    with pytest.raises(SupportError):
        services.support_request_post_message(
            support_request=support_request, author=coordinator, body="Hej"
        )
    assert not support_request.messages.exists()


@pytest.mark.parametrize(
    ("start", "target", "text"),
    [
        ("triaged", "in_progress", "har påbörjats"),
        ("in_progress", "resolved", "är löst"),
    ],
)
def test_the_requester_hears_of_each_step_by_mail(
    db, coordinator, django_capture_on_commit_callbacks, start, target, text
):
    support_request = SupportRequestFactory(status=start)
    with django_capture_on_commit_callbacks(execute=True):
        services.support_request_move(
            support_request=support_request, actor=coordinator, status=target
        )
    (message,) = mail.outbox
    assert message.to == ["kim@example.test"]
    assert text in message.body
    assert "/kontakt/arende/" in message.body


def test_staff_hear_when_the_requester_closes(
    db, enterprise_user, provider, assigned_request, django_capture_on_commit_callbacks
):
    SupportRequest.objects.filter(pk=assigned_request.pk).update(status="resolved")
    assigned_request.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        services.support_request_close(
            support_request=assigned_request, actor=enterprise_user, rating=5
        )
    recipients = {address for message in mail.outbox for address in message.to}
    assert recipients == {provider.email, "samordnare@lotsen.test"}
