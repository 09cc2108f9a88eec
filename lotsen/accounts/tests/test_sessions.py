"""How long a session lasts, the user's own sessions, and the acts that ask again."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from lotsen.accounts.models import Role
from lotsen.accounts.tests.factories import TEST_PASSWORD, current_code, enrol_authenticator_app
from lotsen.placements.tests.factories import register


def later(minutes: float):
    return time_machine.travel(timezone.now() + datetime.timedelta(minutes=minutes), tick=False)


def test_a_role_that_sees_people_is_signed_out_after_30_idle_minutes(client, coordinator):
    client.force_login(coordinator)
    with later(29):
        assert client.get("/oversikt/").status_code == 200
    with later(29 + 31):
        response = client.get("/oversikt/")
    assert response["Location"] == "/konto/login/?next=/oversikt/"
    assert "_auth_user_id" not in client.session


def test_activity_keeps_the_session_but_not_beyond_12_hours(client, caseworker):
    client.force_login(caseworker)
    for step in range(1, 24):
        with later(step * 29):
            assert client.get("/oversikt/").status_code == 200, step
    with later(12 * 60 + 1):
        assert client.get("/oversikt/")["Location"].startswith("/konto/login/")


def test_the_limits_are_configurable(client, coordinator, settings):
    settings.SESSION_IDLE_MINUTES = 5
    client.force_login(coordinator)
    with later(6):
        assert client.get("/oversikt/")["Location"].startswith("/konto/login/")


@pytest.mark.parametrize("role", [Role.PROVIDER, Role.STEERING])
def test_roles_that_see_no_people_keep_the_ordinary_session(client, all_personas, role):
    client.force_login(all_personas[role])
    with later(13 * 60):
        assert client.get("/oversikt/").status_code == 200


def test_the_user_lists_their_sessions_and_signs_out_everywhere_else(client, steering):
    from django.test import Client

    other = Client()
    other.force_login(steering)
    other.get("/oversikt/", HTTP_USER_AGENT="Den andra webbläsaren")
    client.force_login(steering)
    page = client.get("/konto/sessioner/")
    assert page.status_code == 200
    assert len(page.context["sessions"]) == 2
    client.post("/konto/sessioner/", {"action": "logout"})
    assert other.get("/oversikt/")["Location"].startswith("/konto/login/")
    assert client.get("/oversikt/").status_code == 200


def test_the_security_page_shows_the_state_of_each_factor(client, caseworker):
    enrol_authenticator_app(caseworker)
    client.force_login(caseworker)
    page = client.get("/konto/sakerhet/")
    assert page.context["has_totp"] and not page.context["has_passkey"]
    assert "Inloggning och säkerhet" in page.text


def test_the_register_extract_asks_again_for_password_and_code(client, coordinator, caseworker):
    secret = enrol_authenticator_app(coordinator)
    participant = register(caseworker)
    url = f"/lotsning/deltagare/{participant.code}/registerutdrag/"
    client.force_login(coordinator)
    with later(6):
        response = client.get(url)
        assert response["Location"].startswith("/konto/reauthenticate/?next=")
        response = client.post(response["Location"], {"password": TEST_PASSWORD})
        assert response["Location"] == url
        response = client.get(url)
        assert response["Location"].startswith("/konto/2fa/reauthenticate/?next=")
        response = client.post(response["Location"], {"code": current_code(secret)})
        assert response["Location"] == url
        assert client.get(url).status_code == 200


def test_a_search_by_personnummer_asks_again_after_five_minutes(client, coordinator):
    client.force_login(coordinator)
    url = "/lotsning/deltagare/?q=19900101-0017"
    assert client.get(url).status_code == 200
    with later(6):
        assert client.get(url)["Location"].startswith("/konto/reauthenticate/")


def test_changing_roles_in_the_admin_asks_again(client, admin_user, outsider):
    client.force_login(admin_user)
    url = f"/admin/accounts/user/{outsider.pk}/change/"
    with later(6):
        response = client.post(url, {"email": outsider.email})
    assert response["Location"].startswith("/konto/reauthenticate/?next=")
