"""Who reaches which page: every URL for every persona."""

import pytest

pytestmark = pytest.mark.django_db

METHOD = "/effekt/socioekonomi/"
EDIT = "/effekt/socioekonomi/parametrar/deadweight/"
URLS = [METHOD, f"{METHOD}?ar=2025", EDIT]


@pytest.mark.parametrize("url", URLS)
@pytest.mark.parametrize("role", ["coordinator", "admin"])
def test_the_coordinator_and_the_administrator_reach_every_page(client, all_personas, role, url):
    client.force_login(all_personas[role])
    assert client.get(url).status_code == 200


def test_the_steering_group_reads_the_estimate_and_the_parameters(client, steering):
    client.force_login(steering)
    response = client.get(METHOD)
    assert response.status_code == 200
    assert EDIT not in response.content.decode()


def test_the_steering_group_cannot_edit_a_parameter(client, steering):
    client.force_login(steering)
    assert client.get(EDIT).status_code == 403
    assert client.post(EDIT, {"value": "10", "low": "10", "high": "10"}).status_code == 403


@pytest.mark.parametrize("url", URLS)
@pytest.mark.parametrize("role", ["caseworker", "enterprise", "provider", "outsider"])
def test_no_one_else_sees_the_estimate(client, all_personas, role, url):
    client.force_login(all_personas[role])
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("url", URLS)
def test_an_anonymous_visitor_is_sent_to_log_in(client, url):
    response = client.get(url)
    assert response.status_code == 302 and "/konto/login/" in response["Location"]


def test_the_navigation_shows_the_estimate_to_those_who_may_read_it(client, all_personas):
    for role, person in all_personas.items():
        client.force_login(person)
        page = client.get("/").content.decode()
        assert (f'href="{METHOD}"' in page) is (role in ("coordinator", "steering", "admin"))
