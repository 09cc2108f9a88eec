"""A passkey as the second factor, with Chromium's virtual authenticator (WebAuthn)."""

from .conftest import DEMO_PASSWORD


def _virtual_authenticator(page):
    """A platform authenticator that verifies the user, as a phone or laptop would."""
    session = page.context.new_cdp_session(page)
    session.send("WebAuthn.enable")
    session.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )


def _steering_member(django_db_blocker):
    from lotsen.accounts.models import Membership, Role, User
    from lotsen.organisations.models import Organisation

    with django_db_blocker.unblock():
        user = User.objects.create_user(
            "nyckel@lotsen.test", DEMO_PASSWORD, full_name="Nora Nyckel"
        )
        Membership.objects.create(
            user=user,
            organisation=Organisation.objects.get(name="Region Norrbotten"),
            role=Role.STEERING,
        )
    return user


def test_a_user_adds_a_passkey_and_signs_in_with_it(page, django_db_blocker):
    user = _steering_member(django_db_blocker)
    _virtual_authenticator(page)
    page.goto("/konto/login/")
    page.get_by_label("E-postadress").fill(user.email)
    page.get_by_label("Lösenord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url("**/oversikt/")

    page.goto("/konto/2fa/webauthn/add/")
    page.get_by_role("button", name="Lägg till").click()
    page.wait_for_url(lambda url: "/webauthn/add/" not in url)
    page.goto("/konto/sakerhet/")
    assert "Inloggningsnycklar (passkeys): används" in page.locator("main").inner_text()

    page.get_by_role("button", name="Logga ut").click()
    page.goto("/konto/login/")
    page.get_by_label("E-postadress").fill(user.email)
    page.get_by_label("Lösenord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url("**/konto/2fa/authenticate/")
    page.get_by_role("button", name="Använd en säkerhetsnyckel").click()
    page.wait_for_url("**/oversikt/")
