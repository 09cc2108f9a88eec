"""Who sees what: every page for every role and the outsider."""

import pytest

from lotsen.accounts.models import Role

from .factories import ContributionFactory, ExpenditureFactory, PartyFactory, PlanItemFactory

pytestmark = pytest.mark.django_db

FOLLOW_UP_PAGES = [
    "/finansiering/",
    "/finansiering/plan/2026/",
    "/finansiering/plan/2026/uppfoljning/",
    "/finansiering/plan/2026/export.xlsx",
    "/finansiering/utgifter/",
    "/finansiering/scenarier/",
]
MANAGE_PAGES = [
    "/finansiering/plan/ny/",
    "/finansiering/plan/2026/andra/",
    "/finansiering/plan/2026/omrade/nytt/",
    "/finansiering/bidrag/nytt/",
    "/finansiering/utgifter/ny/",
    "/finansiering/utford-insats/",
    "/finansiering/scenarier/nytt/",
]


@pytest.fixture
def world():
    item = PlanItemFactory()
    ExpenditureFactory(plan=item.plan)
    return item.plan


@pytest.mark.parametrize("url", FOLLOW_UP_PAGES + MANAGE_PAGES)
def test_the_coordinator_reaches_every_page(client, coordinator, world, url):
    client.force_login(coordinator)
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("url", FOLLOW_UP_PAGES)
def test_the_steering_group_sees_the_follow_up(client, steering, world, url):
    client.force_login(steering)
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("url", MANAGE_PAGES)
def test_the_steering_group_does_not_edit(client, steering, world, url):
    client.force_login(steering)
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("role", ["caseworker", "enterprise", "provider", "admin", "outsider"])
@pytest.mark.parametrize("url", FOLLOW_UP_PAGES[1:] + MANAGE_PAGES)
def test_no_one_else_sees_plans_or_edits(client, all_personas, world, role, url):
    client.force_login(all_personas[role])
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("role", ["enterprise", "provider", "outsider"])
def test_people_outside_the_parties_see_no_contributions(client, all_personas, role):
    ContributionFactory()
    client.force_login(all_personas[role])
    assert client.get("/finansiering/bidrag/").status_code == 403
    assert client.get("/finansiering/").status_code == 403


def test_an_anonymous_visitor_is_sent_to_log_in(client, world):
    response = client.get("/finansiering/plan/2026/uppfoljning/")
    assert response.status_code == 302 and "/konto/login/" in response["Location"]


def test_a_party_member_sees_only_the_own_partys_contributions(client, make_persona):
    own, other = PartyFactory(name="Egna kommunen"), PartyFactory(name="Andra kommunen")
    ContributionFactory(party=own, note="Vår insats")
    ContributionFactory(party=other, note="Deras insats")
    client.force_login(make_persona(Role.CASEWORKER, organisation=own))
    assert client.get("/finansiering/").url == "/finansiering/bidrag/"
    response = client.get("/finansiering/bidrag/")
    assert response.status_code == 200
    assert "Vår insats" in response.text
    assert "Deras insats" not in response.text


def test_the_steering_group_sees_no_person_level_data(client, steering, coordinator):
    item = PlanItemFactory()
    ExpenditureFactory(plan=item.plan, recorded_by=coordinator)
    client.force_login(steering)
    for url in ("/finansiering/utgifter/", "/finansiering/plan/2026/"):
        response = client.get(url)
        assert coordinator.full_name not in response.text
        assert coordinator.email not in response.text
    client.force_login(coordinator)
    assert coordinator.full_name in client.get("/finansiering/utgifter/").text


def test_a_plan_that_does_not_exist_is_404(client, coordinator):
    client.force_login(coordinator)
    assert client.get("/finansiering/plan/2031/").status_code == 404
    assert client.get("/finansiering/plan/2031/uppfoljning/").status_code == 404
    assert client.get("/finansiering/plan/99999999999999999999/").status_code == 404


@pytest.mark.parametrize("role", ["caseworker", "coordinator", "enterprise", "outsider"])
def test_only_the_steering_group_adopts(client, all_personas, world, role):
    client.force_login(all_personas[role])
    response = client.post("/finansiering/plan/2026/faststall/", {"adopted_on": "2026-12-10"})
    assert response.status_code == 403
    world.refresh_from_db()
    assert world.is_draft


def test_a_draft_plan_waits_in_the_steering_groups_inbox(client, steering, coordinator):
    PlanItemFactory(plan__year=2027)
    client.force_login(steering)
    text = client.get("/oversikt/").text
    assert "Planer att fastställa" in text and "/finansiering/plan/2027/" in text
    client.force_login(coordinator)
    assert "Planer att fastställa" not in client.get("/oversikt/").text
