"""The coordinator makes a party's API key, the party's system calls with it, and once the
key is revoked the system is refused; every page passes axe."""

from .accessibility import wcag_violations
from .conftest import log_in


def test_a_key_is_made_used_and_revoked(page):
    log_in(page, "coordinator")
    page.goto("/partnersystem/nycklar/")
    assert wcag_violations(page) == []
    page.get_by_role("link", name="Skapa en nyckel").click()
    assert wcag_violations(page) == []
    page.get_by_label("Part").select_option(index=1)
    page.get_by_label("Namn").fill("Ärendesystem")
    page.get_by_role("button", name="Skapa nyckeln").click()
    assert wcag_violations(page) == []
    secret = page.get_by_label("API-nyckel").input_value()
    assert secret.startswith("lotsen_")

    # The party's system: no cookies, only the key.
    system = page.context.browser.new_context(base_url=page.url.split("/partnersystem")[0])
    try:
        calls = system.request
        headers = {"Authorization": f"Bearer {secret}"}
        assert calls.get("/api/v1/partner/referrals/", headers=headers).status == 200

        page.goto("/partnersystem/nycklar/")
        prefix = secret.split("_")[1]
        page.get_by_role("button", name=f"Återkalla nyckel {prefix}").click()
        assert "återkallad" in page.get_by_role("status").inner_text()
        refused = calls.get("/api/v1/partner/referrals/", headers=headers)
        assert refused.status == 401
        assert refused.headers["content-type"].startswith("application/problem+json")
    finally:
        system.close()
