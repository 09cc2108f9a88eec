"""BadInputMiddleware: what it refuses with 400, what it lets through, and 404 for huge ids."""

import pytest

from lotsen.placements.tests.factories import OpeningFactory

pytestmark = pytest.mark.django_db


def test_it_refuses_a_nul_byte_in_a_participant_code(client, coordinator):
    client.force_login(coordinator)
    response = client.get("/lotsning/deltagare/LP-%00A/")
    assert response.status_code == 400
    assert "tecken som inte är tillåtna" in response.content.decode()


def test_it_refuses_a_nul_byte_in_a_search(client, coordinator):
    client.force_login(coordinator)
    assert client.get("/lotsning/deltagare/?q=a%00b").status_code == 400


def test_it_refuses_a_search_of_100000_characters(client, coordinator):
    client.force_login(coordinator)
    assert client.get("/lotsning/platser/?q=" + "a" * 100_000).status_code == 400


def test_it_lets_a_search_at_the_bound_reach_the_list(client, coordinator):
    client.force_login(coordinator)
    assert client.get("/lotsning/platser/?q=" + "a" * 1_000).status_code == 200


def test_it_refuses_invalid_utf8_in_the_query_path_and_form(client, coordinator):
    client.force_login(coordinator)
    assert client.get("/lotsning/platser/?q=%ff%fe").status_code == 400
    assert client.get("/lotsning/deltagare/%ff%fe/").status_code == 400
    response = client.post(
        "/lotsning/platser/ny/", "title=%ff", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400


def test_it_refuses_a_number_beyond_64_bits_in_the_query_and_form(client, coordinator):
    client.force_login(coordinator)
    assert client.get("/lotsning/platser/?page=" + "9" * 30).status_code == 400
    assert client.post("/lotsning/platser/ny/", {"capacity": "9" * 30}).status_code == 400


def test_a_huge_or_negative_id_in_the_path_is_404(client, coordinator):
    client.force_login(coordinator)
    assert client.get("/lotsning/platser/" + "9" * 30 + "/").status_code == 404
    assert client.get("/lotsning/platser/9223372036854775808/").status_code == 404
    assert client.get("/lotsning/platser/-1/").status_code == 404


def test_the_largest_64_bit_id_is_an_ordinary_missing_row(client, coordinator):
    client.force_login(coordinator)
    OpeningFactory()
    assert client.get("/lotsning/platser/9223372036854775807/").status_code == 404


def test_the_message_is_in_english_for_an_english_visitor(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get("/?q=%00")
    assert response.status_code == 400
    assert "characters that are not allowed" in response.content.decode()
