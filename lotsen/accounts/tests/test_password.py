import re

from django.core import mail

from lotsen.accounts.tests.factories import TEST_PASSWORD


def test_a_user_changes_their_password(client, coordinator):
    client.force_login(coordinator)
    response = client.post(
        "/konto/losenord/",
        {
            "old_password": TEST_PASSWORD,
            "new_password1": "en helt ny lösenfras 2026",
            "new_password2": "en helt ny lösenfras 2026",
        },
    )
    assert response.status_code == 302
    coordinator.refresh_from_db()
    assert coordinator.check_password("en helt ny lösenfras 2026")


def test_a_too_short_new_password_is_refused_and_nothing_changes(client, coordinator):
    client.force_login(coordinator)
    response = client.post(
        "/konto/losenord/",
        {"old_password": TEST_PASSWORD, "new_password1": "kort", "new_password2": "kort"},
    )
    assert response.status_code == 200
    assert "Formuläret innehåller fel" in response.text
    coordinator.refresh_from_db()
    assert coordinator.check_password(TEST_PASSWORD)


def test_a_forgotten_password_is_reset_through_an_emailed_link(client, coordinator):
    response = client.post("/konto/aterstall/", {"email": coordinator.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Välj ett nytt lösenord för Lotsen"
    link = re.search(r"https?://[^/]+(/konto/aterstall/\S+/)", mail.outbox[0].body).group(1)
    form_url = client.get(link)["Location"]
    response = client.post(
        form_url,
        {"new_password1": "ny lösenfras för vintern", "new_password2": "ny lösenfras för vintern"},
    )
    assert response.status_code == 302
    coordinator.refresh_from_db()
    assert coordinator.check_password("ny lösenfras för vintern")


def test_a_reset_for_an_unknown_address_reveals_nothing(client, db):
    response = client.post("/konto/aterstall/", {"email": "ingen@example.test"})
    assert response.status_code == 302
    assert mail.outbox == []
