"""Alerts (bevakningar): saved searches, their digests by e-mail and the one-click way out."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from lotsen.procurement import alerts
from lotsen.procurement.models import Opportunity, SavedSearch
from lotsen.procurement.tests.factories import OpportunityFactory, SavedSearchFactory

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


@pytest.fixture
def now():
    return timezone.now()


def test_an_enterprise_user_creates_edits_and_deletes_an_alert(client, enterprise_user):
    client.force_login(enterprise_user)
    response = client.post(
        reverse("procurement:alert_create"),
        {
            "name": "Städ",
            "words": "förskola",
            "cpv_divisions": ["90"],
            "kinds": ["reserved"],
            "municipalities": ["2580"],
            "frequency": "daily",
        },
    )
    assert response.status_code == 302
    search = SavedSearch.objects.get(user=enterprise_user)
    assert (search.cpv_divisions, search.kinds) == (["90"], ["reserved"])
    assert list(search.municipalities.values_list("code", flat=True)) == ["2580"]

    edit = reverse("procurement:alert_edit", args=[search.pk])
    client.post(edit, {"name": "Städ i Luleå", "frequency": "weekly"})
    search.refresh_from_db()
    assert (search.name, search.frequency, search.cpv_divisions) == ("Städ i Luleå", "weekly", [])

    client.post(reverse("procurement:alert_delete", args=[search.pk]))
    assert not SavedSearch.objects.exists()


def test_a_bad_alert_is_refused_and_nothing_saved(client, enterprise_user):
    client.force_login(enterprise_user)
    response = client.post(
        reverse("procurement:alert_create"),
        {"name": "", "cpv_divisions": ["99"], "kinds": ["nonsense"], "frequency": "hourly"},
    )
    assert response.status_code == 400
    assert not SavedSearch.objects.exists()


def test_someone_elses_alert_is_not_found(client, enterprise_user):
    search = SavedSearchFactory()
    client.force_login(enterprise_user)
    assert client.get(reverse("procurement:alert_edit", args=[search.pk])).status_code == 404
    response = client.post(reverse("procurement:alert_delete", args=[search.pk]))
    assert response.status_code == 404
    assert SavedSearch.objects.filter(pk=search.pk).exists()


def test_the_alert_list_takes_few_queries(client, enterprise_user, assert_constant_queries):
    client.force_login(enterprise_user)

    def add(n):
        for search in SavedSearchFactory.create_batch(n, user=enterprise_user):
            search.municipalities.set(["2580", "2581"])

    assert_constant_queries(reverse("procurement:alerts"), add)


def test_a_search_matches_on_every_criterion_given():
    cleaning = OpportunityFactory(title="Lokalvård i förskolor")
    OpportunityFactory(title="Skolmat", main_cpv_id="55524000", description="Mat")
    elsewhere = OpportunityFactory(title="Lokalvård i Piteå", municipalities=["2581"])
    search = SavedSearchFactory(words="LOKALVÅRD", cpv_divisions=["90"], kinds=["reserved"])
    assert set(alerts.matching(search)) == {cleaning, elsewhere}
    search.municipalities.set(["2580"])
    assert list(alerts.matching(search)) == [cleaning]
    search.kinds = ["iop"]
    assert not alerts.matching(search).exists()


def test_an_additional_cpv_code_matches_a_division():
    opportunity = OpportunityFactory(main_cpv_id="45000000")
    opportunity.additional_cpv.set(["90911200"])
    assert list(alerts.matching(SavedSearchFactory(cpv_divisions=["90"]))) == [opportunity]


@pytest.mark.parametrize(
    ("frequency", "days_ago", "due"),
    [("daily", 1, True), ("daily", 0, False), ("weekly", 6, False), ("weekly", 7, True)],
)
def test_when_a_search_is_due(now, frequency, days_ago, due):
    search = SavedSearchFactory(frequency=frequency, last_sent_at=now - days_ago * DAY)
    assert alerts.is_due(search, now) is due
    assert alerts.is_due(SavedSearchFactory(frequency=frequency), now)


def test_the_digest_lists_new_and_closing_opportunities_with_unsubscribe_headers(
    now, mailoutbox, enterprise_user
):
    search = SavedSearchFactory(user=enterprise_user, frequency="daily", last_sent_at=now - 2 * DAY)
    new = OpportunityFactory(title="Ny städupphandling", published_at=now - DAY)
    closing = OpportunityFactory(
        title="Snart stängd", published_at=now - 10 * DAY, tenders_due=now + 3 * DAY
    )
    OpportunityFactory(title="Gammal och långt kvar", published_at=now - 10 * DAY)
    OpportunityFactory(title="Utkast", draft=True)

    count = alerts.alerts_send(now)

    assert (count.due, count.sent) == (1, 1)
    [mail] = mailoutbox
    assert mail.to == [enterprise_user.email]
    assert new.title in mail.body and closing.title in mail.body
    assert "Gammal" not in mail.body and "Utkast" not in mail.body
    assert mail.body.index(new.title) < mail.body.index(closing.title)
    url = alerts.unsubscribe_url(search)
    assert url in mail.body
    assert mail.extra_headers["List-Unsubscribe"] == f"<{url}>"
    assert mail.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    search.refresh_from_db()
    assert search.last_sent_at == now


def test_nothing_is_sent_when_nothing_matches_and_the_rhythm_is_kept(now, mailoutbox):
    search = SavedSearchFactory(frequency="weekly", last_sent_at=now - 8 * DAY)
    OpportunityFactory(published_at=now - 10 * DAY, main_cpv_id="55524000")
    assert alerts.alerts_send(now).sent == 0
    assert not mailoutbox
    search.refresh_from_db()
    assert search.last_sent_at == now
    assert alerts.alerts_send(now + DAY).due == 0


def test_a_closed_or_cancelled_opportunity_is_not_sent(now, mailoutbox):
    SavedSearchFactory(last_sent_at=now - 8 * DAY)
    OpportunityFactory(published_at=now - DAY, status=Opportunity.Status.CLOSED)
    alerts.alerts_send(now)
    assert not mailoutbox


def test_the_command_sends_the_due_digests(mailoutbox, capsys):
    SavedSearchFactory(created_at=timezone.now() - 2 * DAY)
    OpportunityFactory(published_at=timezone.now() - DAY)
    call_command("send_procurement_alerts")
    assert len(mailoutbox) == 1
    assert "sent 1 digests" in capsys.readouterr().out


def test_the_task_sends_the_due_digests(mailoutbox):
    SavedSearchFactory(created_at=timezone.now() - 2 * DAY)
    OpportunityFactory(published_at=timezone.now() - DAY)
    alerts.send_procurement_alerts.enqueue()
    assert len(mailoutbox) == 1


def test_unsubscribing_asks_first_then_deletes_the_one_search(client):
    search = SavedSearchFactory()
    other = SavedSearchFactory(user=search.user)
    url = reverse("procurement:alert_unsubscribe", args=[search.unsubscribe_key])
    response = client.get(url)
    assert response.status_code == 200
    assert SavedSearch.objects.filter(pk=search.pk).exists()
    assert client.post(url).status_code == 200
    assert not SavedSearch.objects.filter(pk=search.pk).exists()
    assert SavedSearch.objects.filter(pk=other.pk).exists()


def test_one_click_unsubscribe_works_without_a_csrf_token():
    from django.test import Client

    search = SavedSearchFactory()
    client = Client(enforce_csrf_checks=True)
    url = reverse("procurement:alert_unsubscribe", args=[search.unsubscribe_key])
    response = client.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert not SavedSearch.objects.exists()


@pytest.mark.parametrize("method", ["get", "post"])
def test_an_unknown_or_used_key_is_a_clear_404(client, method):
    search = SavedSearchFactory()
    url = reverse("procurement:alert_unsubscribe", args=[search.unsubscribe_key])
    client.post(url)
    for key in (search.unsubscribe_key, "okand-nyckel"):
        response = getattr(client, method)(reverse("procurement:alert_unsubscribe", args=[key]))
        assert response.status_code == 404
        assert "Bevakningen finns inte" in response.content.decode()
