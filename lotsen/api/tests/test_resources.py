"""Events, knowledge, opportunities and awards: only what their public pages show."""

import datetime

import pytest
from django.utils import timezone

from lotsen.events.models import Event
from lotsen.events.tests.factories import EventFactory
from lotsen.knowledge.tests.factories import ResourceFactory
from lotsen.procurement.tests.factories import AwardFactory, OpportunityFactory

pytestmark = pytest.mark.django_db


def ids(response) -> list:
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["results"]]


def test_only_public_events_are_listed(client):
    shown = EventFactory()
    EventFactory(visibility=Event.Visibility.MEMBERS)
    assert ids(client.get("/api/v1/evenemang/")) == [shown.slug]


def test_a_members_only_event_is_not_found(client):
    hidden = EventFactory(visibility=Event.Visibility.MEMBERS)
    assert client.get(f"/api/v1/evenemang/{hidden.slug}/").status_code == 404


def test_events_are_selected_by_their_start(client):
    soon = EventFactory()
    later = EventFactory(
        starts_at=timezone.now() + datetime.timedelta(days=60),
        ends_at=timezone.now() + datetime.timedelta(days=60, hours=2),
    )
    cut = (timezone.localdate() + datetime.timedelta(days=30)).isoformat()
    assert ids(client.get("/api/v1/evenemang/", {"till": cut})) == [soon.slug]
    assert ids(client.get("/api/v1/evenemang/", {"fran": cut})) == [later.slug]


def test_an_end_before_the_start_is_refused(client):
    today = timezone.localdate()
    response = client.get(
        "/api/v1/evenemang/",
        {"fran": today.isoformat(), "till": (today - datetime.timedelta(days=1)).isoformat()},
    )
    assert response.status_code == 400
    assert [error["field"] for error in response.json()["errors"]] == ["till"]


def test_only_published_resources_are_listed(client):
    shown = ResourceFactory()
    ResourceFactory(draft=True)
    ResourceFactory(published_at=timezone.now() + datetime.timedelta(days=3))
    assert ids(client.get("/api/v1/kunskap/")) == [shown.slug]


def test_changes_since_a_time_are_listed(client):
    old = ResourceFactory()
    since = timezone.now()
    new = ResourceFactory()
    assert old.updated_at < since
    listed = ids(client.get("/api/v1/kunskap/", {"uppdaterad_sedan": since.isoformat()}))
    assert listed == [new.slug]


def test_only_published_opportunities_are_listed(client):
    shown = OpportunityFactory()
    OpportunityFactory(draft=True)
    body = client.get("/api/v1/upphandlingar/").json()
    assert [item["id"] for item in body["results"]] == [shown.slug]
    assert body["results"][0]["ocid"].endswith(f"-{shown.pk}")
    assert body["results"][0]["kommuner"] == ["2580"]


def test_opportunities_are_selected_by_municipality(client):
    lulea = OpportunityFactory()
    OpportunityFactory(municipalities=["2581"])
    assert ids(client.get("/api/v1/upphandlingar/", {"kommun": "2580"})) == [lulea.slug]


def test_awards_of_published_opportunities_are_listed(client):
    award = AwardFactory()
    response = client.get("/api/v1/tilldelningar/")
    assert ids(response) == [award.pk]
    item = response.json()["results"][0]
    assert item["leverantor"] == award.supplier.name
    assert item["upphandling"] == award.opportunity.slug
    assert client.get(f"/api/v1/tilldelningar/{award.pk}/").status_code == 200


@pytest.mark.parametrize(
    ("url", "add"),
    [
        ("/api/v1/evenemang/", lambda n: EventFactory.create_batch(n)),
        ("/api/v1/kunskap/", lambda n: ResourceFactory.create_batch(n)),
        ("/api/v1/upphandlingar/", lambda n: OpportunityFactory.create_batch(n)),
        ("/api/v1/tilldelningar/", lambda n: AwardFactory.create_batch(n)),
    ],
)
def test_each_list_needs_as_many_queries_for_much_data_as_for_little(
    client, assert_constant_queries, url, add
):
    assert_constant_queries(url, add)
