from datetime import timedelta

from django.utils import timezone

from lotsen.core import inbox


def test_registered_sections_appear_on_the_overview_with_their_age(client, coordinator):
    def waiting_referrals(user):
        since = timezone.now() - timedelta(days=3)
        yield inbox.InboxSection(
            "Nya anvisningar",
            [inbox.InboxItem("Anvisning D-0042", "/oversikt/", since, overdue=True)],
        )

    inbox.register(waiting_referrals)
    try:
        client.force_login(coordinator)
        text = client.get("/oversikt/").text
    finally:
        inbox._providers.remove(waiting_referrals)
    assert "Nya anvisningar" in text
    assert "Anvisning D-0042" in text
    assert "3 dagar gammal" in text
    assert "Försenad" in text


def test_a_section_with_a_total_shows_the_total_not_the_listed_items(client, coordinator):
    since = timezone.now()

    def many_requests(user):
        yield inbox.InboxSection(
            "Ärenden att fördela",
            [inbox.InboxItem("Ärende S-1", "/oversikt/", since)],
            total=12,
            more_url="/oversikt/",
        )

    inbox.register(many_requests)
    try:
        client.force_login(coordinator)
        text = client.get("/oversikt/").text
    finally:
        inbox._providers.remove(many_requests)
    assert 'Ärenden att fördela <span class="count">(12)</span>' in text
