import pytest
from django.conf import settings

PUBLIC_PAGES = ["/", "/foretag/", "/evenemang/", "/kunskap/", "/kontakt/", "/tillganglighet/"]


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_pages_exist_from_the_start(client, db, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Language"] == "sv"


def test_the_site_speaks_swedish_even_to_an_english_browser(client, db):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert '<html lang="sv">' in response.text
    assert "Hoppa till huvudinnehållet" in response.text


def test_the_language_switch_turns_the_site_english(client, db):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/kontakt/"}, follow=True)
    assert response.redirect_chain[-1][0] == "/kontakt/"
    assert '<html lang="en">' in response.text
    assert "Skip to main content" in response.text
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


def test_an_unknown_address_gets_the_styled_404(client, db):
    response = client.get("/finns-inte/")
    assert response.status_code == 404
    assert "Sidan kunde inte hittas" in response.text
    assert "Traceback" not in response.text


def test_healthz_answers_with_a_database_check(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_every_page_carries_a_content_security_policy_without_inline_script(client, db):
    policy = client.get("/")["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy


def test_every_response_turns_off_the_browser_features_lotsen_does_not_use(client, db):
    for path in ("/", "/static/core/menu.js", "/finns-inte/"):
        policy = client.get(path)["Permissions-Policy"]
        directives = dict(item.split("=", 1) for item in policy.split(", "))
        for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
            assert directives[feature] == "()", (path, feature)
        # Passkeys (WebAuthn) are how people sign in: on for Lotsen itself.
        assert directives["publickey-credentials-get"] == "(self)"
        assert directives["publickey-credentials-create"] == "(self)"
