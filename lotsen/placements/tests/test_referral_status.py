"""Changing a referral's status by its form: a reason for declining is never dropped."""

from django.contrib.messages import get_messages

from ..models import Referral
from .factories import register


def _post(client, referral, **data):
    return client.post(f"/lotsning/anvisningar/{referral.pk}/status/", data)


def _messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_declining_keeps_the_reason_and_shows_it(client, coordinator, caseworker):
    referral = register(caseworker).referrals.get()
    client.force_login(coordinator)
    response = _post(client, referral, status="declined", decline_reason="Behöver vård först")
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.status == Referral.Status.DECLINED
    assert referral.decline_reason == "Behöver vård först"
    page = client.get(referral.get_absolute_url())
    assert "Behöver vård först" in page.content.decode()


def test_a_reason_written_with_another_status_is_refused_and_nothing_changes(
    client, coordinator, caseworker
):
    referral = register(caseworker).referrals.get()
    client.force_login(coordinator)
    response = _post(client, referral, status="intake", decline_reason="Behöver vård först")
    assert response.status_code == 302
    assert response.url == referral.get_absolute_url()
    assert any("sparas bara när anvisningen avslås" in m for m in _messages(response))
    referral.refresh_from_db()
    assert referral.status == Referral.Status.RECEIVED
    assert referral.decline_reason == ""


def test_a_status_change_without_a_reason_goes_through(client, coordinator, caseworker):
    referral = register(caseworker).referrals.get()
    client.force_login(coordinator)
    _post(client, referral, status="intake", decline_reason="  ")
    referral.refresh_from_db()
    assert referral.status == Referral.Status.INTAKE


def test_a_too_long_reason_is_explained(client, coordinator, caseworker):
    referral = register(caseworker).referrals.get()
    client.force_login(coordinator)
    response = _post(client, referral, status="declined", decline_reason="x" * 301)
    assert any("300" in m for m in _messages(response))
    referral.refresh_from_db()
    assert referral.status == Referral.Status.RECEIVED


def test_an_outsider_cannot_change_the_status(client, outsider, caseworker):
    referral = register(caseworker).referrals.get()
    client.force_login(outsider)
    response = _post(client, referral, status="declined", decline_reason="Nej")
    assert response.status_code in (403, 404)
    referral.refresh_from_db()
    assert referral.status == Referral.Status.RECEIVED
