import re

from django.core import mail

from lotsen.accounts.tests.factories import TEST_PASSWORD


def test_a_user_changes_their_password_and_is_told_by_mail(client, coordinator):
    client.force_login(coordinator)
    response = client.post(
        "/konto/password/change/",
        {
            "oldpassword": TEST_PASSWORD,
            "password1": "en helt ny lösenfras för vintern",
            "password2": "en helt ny lösenfras för vintern",
        },
    )
    assert response.status_code == 302
    coordinator.refresh_from_db()
    assert coordinator.check_password("en helt ny lösenfras för vintern")
    assert [message.to for message in mail.outbox] == [[coordinator.email]]
    assert mail.outbox[0].subject == "Lotsen: Lösenord ändrat"


def test_a_too_short_new_password_is_refused_and_nothing_changes(client, coordinator):
    client.force_login(coordinator)
    response = client.post(
        "/konto/password/change/",
        {"oldpassword": TEST_PASSWORD, "password1": "kort", "password2": "kort"},
    )
    assert response.status_code == 200
    assert "Formuläret innehåller fel" in response.text
    coordinator.refresh_from_db()
    assert coordinator.check_password(TEST_PASSWORD)


def test_a_forgotten_password_is_reset_through_an_emailed_link(client, coordinator):
    response = client.post("/konto/password/reset/", {"email": coordinator.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/konto/password/reset/key/\S+/)", mail.outbox[0].body)
    form_url = client.get(link.group(1))["Location"]
    response = client.post(
        form_url,
        {"password1": "ny lösenfras för vintern", "password2": "ny lösenfras för vintern"},
    )
    assert response.status_code == 302
    coordinator.refresh_from_db()
    assert coordinator.check_password("ny lösenfras för vintern")


def test_a_reset_for_an_unknown_address_reveals_nothing(client, coordinator):
    known = client.post("/konto/password/reset/", {"email": coordinator.email})
    unknown = client.post("/konto/password/reset/", {"email": "ingen@example.test"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
