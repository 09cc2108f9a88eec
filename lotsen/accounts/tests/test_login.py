from lotsen.accounts.tests.factories import TEST_PASSWORD, UserFactory


def test_a_user_logs_in_with_the_email_address_in_any_case(client, coordinator):
    response = client.post(
        "/konto/logga-in/", {"username": "SAMORDNARE@example.test", "password": TEST_PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/oversikt/"
    assert client.get("/oversikt/").context["user"] == coordinator


def test_a_wrong_password_gives_a_swedish_message_and_no_session(client, coordinator):
    response = client.post("/konto/logga-in/", {"username": coordinator.email, "password": "fel"})
    assert response.status_code == 200
    assert (
        "Fel e-postadress eller lösenord. Lösenordet skiljer på stora och små bokstäver."
        in response.text
    )
    assert "_auth_user_id" not in client.session


def test_an_inactive_user_cannot_log_in(client, db):
    user = UserFactory(is_active=False)
    response = client.post("/konto/logga-in/", {"username": user.email, "password": TEST_PASSWORD})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_logout_is_a_post_and_ends_the_session(client, coordinator):
    client.force_login(coordinator)
    assert client.get("/konto/logga-ut/").status_code == 405
    response = client.post("/konto/logga-ut/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_work_pages_send_a_visitor_to_the_login(client, db):
    response = client.get("/oversikt/")
    assert response.status_code == 302
    assert response["Location"] == "/konto/logga-in/?next=/oversikt/"
