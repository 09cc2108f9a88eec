"""Signing in: the e-mail address and password, then the second factor."""

from django.core import mail

from lotsen.accounts.tests.factories import (
    TEST_PASSWORD,
    UserFactory,
    current_code,
    enrol_authenticator_app,
    sign_in,
)


def test_a_user_with_an_authenticator_app_is_asked_for_its_code(client, coordinator):
    secret = enrol_authenticator_app(coordinator)
    response = client.post(
        "/konto/login/", {"login": "SAMORDNARE@example.test", "password": TEST_PASSWORD}
    )
    assert response["Location"] == "/konto/2fa/authenticate/"
    assert "_auth_user_id" not in client.session
    response = client.post("/konto/2fa/authenticate/", {"code": current_code(secret)})
    assert response["Location"] == "/oversikt/"
    assert client.get("/oversikt/").context["user"] == coordinator


def test_a_wrong_code_is_refused_in_swedish_and_signs_nobody_in(client, coordinator):
    enrol_authenticator_app(coordinator)
    client.post("/konto/login/", {"login": coordinator.email, "password": TEST_PASSWORD})
    response = client.post("/konto/2fa/authenticate/", {"code": "000000"})
    assert response.status_code == 200
    assert "Felaktig kod." in response.text
    assert "_auth_user_id" not in client.session


def test_a_wrong_password_gives_a_swedish_message_and_no_session(client, coordinator):
    response = client.post("/konto/login/", {"login": coordinator.email, "password": "fel"})
    assert response.status_code == 200
    assert "Fel e-postadress eller lösenord." in response.text
    assert "_auth_user_id" not in client.session


def test_failed_sign_ins_are_limited_per_account_with_a_swedish_message(client, coordinator):
    for _attempt in range(5):
        client.post("/konto/login/", {"login": coordinator.email, "password": "fel"})
    response = client.post("/konto/login/", {"login": coordinator.email, "password": TEST_PASSWORD})
    assert response.status_code == 200
    assert "För många misslyckade inloggningsförsök. Försök igen om en stund." in response.text
    assert "_auth_user_id" not in client.session


def test_failed_sign_ins_are_limited_per_address_across_accounts(client, db):
    users = [UserFactory() for _ in range(11)]
    for user in users[:10]:
        client.post("/konto/login/", {"login": user.email, "password": "fel"})
    response = client.post("/konto/login/", {"login": users[10].email, "password": TEST_PASSWORD})
    assert "För många misslyckade inloggningsförsök. Försök igen om en stund." in response.text
    assert "_auth_user_id" not in client.session


def test_the_client_address_is_the_one_the_trusted_proxy_saw(client, settings, db):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    user = UserFactory()
    for attempt in range(10):
        client.post(
            "/konto/login/",
            {"login": user.email if attempt < 4 else f"x{attempt}@example.test", "password": "fel"},
            HTTP_X_FORWARDED_FOR=f"203.0.113.{attempt}",
        )
    # Ten failures from ten addresses: none of them is limited by address.
    other = UserFactory()
    response = client.post(
        "/konto/login/",
        {"login": other.email, "password": TEST_PASSWORD},
        HTTP_X_FORWARDED_FOR="203.0.113.99",
    )
    assert response.status_code == 302


def test_each_new_sign_in_is_mailed_to_the_account(client, steering):
    sign_in(client, steering)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [steering.email]
    assert "inloggning" in mail.outbox[0].subject.lower()
    assert "127.0.0.1" in mail.outbox[0].body


def test_an_inactive_user_cannot_log_in(client, db):
    user = UserFactory(is_active=False)
    client.post("/konto/login/", {"login": user.email, "password": TEST_PASSWORD})
    assert "_auth_user_id" not in client.session


def test_logging_out_ends_the_session(client, coordinator):
    client.force_login(coordinator)
    response = client.post("/konto/logout/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_work_pages_send_a_visitor_to_the_login(client, db):
    response = client.get("/oversikt/")
    assert response.status_code == 302
    assert response["Location"] == "/konto/login/?next=/oversikt/"


def test_nobody_can_sign_up(client, db):
    response = client.post(
        "/konto/signup/", {"email": "ny@example.test", "password1": "en lång lösenfras 42"}
    )
    assert response.status_code == 200
    assert not UserFactory._meta.model.objects.filter(email="ny@example.test").exists()


def test_too_many_sign_ins_from_one_address_get_a_swedish_page(client, settings, db):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login": "3/m/ip"}
    for _attempt in range(3):
        client.post("/konto/login/", {"login": "vem@example.test", "password": "fel"})
    response = client.post("/konto/login/", {"login": "vem@example.test", "password": "fel"})
    assert response.status_code == 429
    assert "För många försök" in response.text
