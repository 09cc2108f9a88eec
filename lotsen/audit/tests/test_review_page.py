import pytest

from lotsen.audit.services import audit_event_record


def test_the_coordinator_reviews_who_saw_what(client, coordinator, caseworker):
    audit_event_record(
        actor=caseworker,
        action="view",
        object_type="placements.participant",
        object_id="7",
        label="D-0007",
        reason="uppföljning",
    )
    client.force_login(coordinator)
    response = client.get("/granskning/")
    assert response.status_code == 200
    assert "handlaggare@example.test" in response.text
    assert "D-0007" in response.text
    assert "uppföljning" in response.text


def test_the_review_filters_by_actor_and_object(client, coordinator, caseworker):
    audit_event_record(
        actor=caseworker, action="view", object_type="placements.participant", object_id="7"
    )
    audit_event_record(
        actor=coordinator, action="view", object_type="placements.participant", object_id="8"
    )
    client.force_login(coordinator)
    response = client.get("/granskning/?actor=HANDLAGGARE@example.test")
    assert response.context["page"].paginator.count == 1
    response = client.get("/granskning/?object_type=placements.participant&object_id=8")
    assert [event.object_id for event in response.context["page"]] == ["8"]


def test_a_reversed_date_range_gives_a_message_and_no_rows(client, coordinator):
    audit_event_record(actor=coordinator, action="view", object_type="x", object_id="1")
    client.force_login(coordinator)
    response = client.get("/granskning/?date_from=2026-12-01&date_to=2026-11-01")
    assert response.status_code == 200
    assert "Från-datumet får inte vara efter till-datumet." in response.text
    assert response.context["page"].paginator.count == 0


@pytest.mark.parametrize(
    "role", ["caseworker", "enterprise", "provider", "steering", "admin", "outsider"]
)
def test_no_one_else_reviews_the_trail(client, all_personas, role):
    client.force_login(all_personas[role])
    assert client.get("/granskning/").status_code == 403


def test_the_query_count_does_not_grow_with_the_events(
    client, coordinator, assert_constant_queries
):
    client.force_login(coordinator)
    assert_constant_queries(
        "/granskning/",
        lambda n: [
            audit_event_record(actor=coordinator, action="view", object_type="x", object_id=str(i))
            for i in range(n)
        ],
    )
