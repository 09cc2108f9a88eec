import datetime

from django.utils import timezone

from lotsen.core.inbox import sections_for

from ..models import FollowUp, Referral
from .factories import OpeningFactory, activate, drafted, enterprise_of, propose, register


def _titles(user) -> dict[str, int]:
    return {str(section.title): len(section.items) for section in sections_for(user)}


def test_the_coordinator_inbox_shows_everything_waiting_with_its_age(
    client, coordinator, caseworker, enterprise_user
):
    participant = register(caseworker)
    Referral.objects.filter(participant=participant).update(
        received_at=timezone.now() - datetime.timedelta(days=4)
    )
    opening = OpeningFactory(enterprise=enterprise_of(enterprise_user), capacity=5)
    propose(coordinator, caseworker, opening)
    placement = activate(
        propose(coordinator, caseworker, opening),
        enterprise_user=enterprise_user,
        caseworker=caseworker,
        coordinator=coordinator,
    )
    assert not FollowUp.objects.exists()  # started 30 days ago, never followed up
    sections = {str(s.title): s for s in sections_for(coordinator)}
    assert sections["Nya anvisningar"].items[0].age_days == 4
    assert len(sections["Förslag utan svar"].items) == 1
    assert sections["Uppföljningar att göra"].items[0].url == placement.get_absolute_url()
    client.force_login(coordinator)
    page = client.get("/oversikt/").text
    assert participant.code in page, page[page.find("<main") :][:3000]
    assert "4 dagar gammal" in page, page[page.find("<main") :][:2500]


def test_a_follow_up_due_past_the_reminder_and_the_alert_is_overdue(
    coordinator, caseworker, enterprise_user
):
    placement = activate(
        propose(coordinator, caseworker, OpeningFactory(enterprise=enterprise_of(enterprise_user))),
        enterprise_user=enterprise_user,
        caseworker=caseworker,
        coordinator=coordinator,
    )

    def follow_ups():
        return {str(s.title): s for s in sections_for(coordinator)}["Uppföljningar att göra"].items

    # Started 30 days ago: due today, not yet overdue.
    assert [item.overdue for item in follow_ups()] == [False]
    # Due three weeks ago: past any reminder and alert of working days.
    placement.started_on -= datetime.timedelta(days=21)
    placement.save(update_fields=["started_on"])
    assert [item.overdue for item in follow_ups()] == [True]


def test_the_enterprise_inbox_shows_proposals_to_answer(
    coordinator, caseworker, enterprise_user, provider
):
    propose(coordinator, caseworker, OpeningFactory(enterprise=enterprise_of(enterprise_user)))
    assert _titles(enterprise_user)["Förslag att svara på"] == 1
    assert "Förslag att svara på" not in _titles(provider)


def test_the_caseworker_inbox_shows_agreements_to_approve(coordinator, caseworker, enterprise_user):
    drafted(coordinator, caseworker, enterprise_user)
    assert _titles(caseworker)["Överenskommelser att godkänna"] == 1
