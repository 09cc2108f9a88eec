"""A buyer publishes, closes and cancels on the one workflow; the steps are kept."""

import datetime

import pytest
from django.utils import timezone

from lotsen.procurement.models import Opportunity
from lotsen.procurement.policies import buyer_organisations

from .factories import OpportunityFactory


@pytest.fixture
def own_draft(client, buyer):
    client.force_login(buyer)
    return OpportunityFactory(draft=True, buyer=buyer_organisations(buyer).get())


def move(client, opportunity, status):
    return client.post(f"/upphandling/{opportunity.slug}/status/", {"status": status})


def test_the_buyer_publishes_and_the_step_is_kept(client, buyer, own_draft):
    page = client.get(own_draft.get_absolute_url())
    assert [action.status for action in page.context["moves"]] == ["published", "cancelled"]
    response = move(client, own_draft, "published")
    assert response.status_code == 302
    own_draft.refresh_from_db()
    assert own_draft.status == Opportunity.Status.PUBLISHED
    assert own_draft.published_at is not None
    change = own_draft.status_changes.get()
    assert (change.from_status, change.to_status, change.actor) == ("draft", "published", buyer)
    assert "Historik" in client.get(own_draft.get_absolute_url()).text


def test_the_buyer_closes_and_cancels(client, own_draft):
    move(client, own_draft, "published")
    move(client, own_draft, "closed")
    move(client, own_draft, "cancelled")
    own_draft.refresh_from_db()
    assert own_draft.status == Opportunity.Status.CANCELLED
    assert list(own_draft.status_changes.values_list("to_status", flat=True)) == [
        "published",
        "closed",
        "cancelled",
    ]


def test_awarding_is_not_offered_here(client, own_draft):
    move(client, own_draft, "published")
    move(client, own_draft, "closed")
    page = client.get(own_draft.get_absolute_url())
    assert [action.status for action in page.context["moves"]] == ["cancelled"]
    assert move(client, own_draft, "awarded").status_code == 403


def test_publishing_with_a_deadline_in_the_past_is_refused(client, own_draft):
    Opportunity.objects.filter(pk=own_draft.pk).update(
        questions_until=None, tenders_due=timezone.now() - datetime.timedelta(hours=1)
    )
    response = move(client, own_draft, "published")
    own_draft.refresh_from_db()
    assert own_draft.status == Opportunity.Status.DRAFT
    assert not own_draft.status_changes.exists()
    messages = [str(message) for message in response.wsgi_request._messages]
    assert messages == ["Sista dag för anbud har passerat. Flytta den innan du publicerar."]


def test_a_step_the_table_does_not_hold_is_a_message(client, own_draft):
    move(client, own_draft, "closed")
    own_draft.refresh_from_db()
    assert own_draft.status == Opportunity.Status.DRAFT


def test_another_buyer_cannot_move(client, make_persona):
    opportunity = OpportunityFactory()
    client.force_login(make_persona("buyer"))
    assert move(client, opportunity, "cancelled").status_code == 403
    opportunity.refresh_from_db()
    assert opportunity.status == Opportunity.Status.PUBLISHED


def test_the_coordinator_moves_any(client, coordinator):
    opportunity = OpportunityFactory()
    client.force_login(coordinator)
    move(client, opportunity, "closed")
    opportunity.refresh_from_db()
    assert opportunity.status == Opportunity.Status.CLOSED
