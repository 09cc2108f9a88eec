"""A participant on Mina sidor: signs in with (demo) e-legitimation, approves the
agreement and sees it hold once the other two parties have approved, then withdraws the
consent to follow-up after exit and sees the planned checks cancelled. On a 320 px
phone, by keyboard, checked with axe on every page."""

import datetime

import pytest

from .accessibility import wcag_violations
from .conftest import DEMO_LOGINS, born_years_ago, fictitious_personnummer, sign_in_as_participant

PHONE = {"width": 320, "height": 640}
# WCAG 2.5.5 asks 44 by 44 CSS pixels; Mina sidor gives 48.
SMALLEST_TARGET = 44


def _users():
    from lotsen.accounts.models import User

    return {role: User.objects.get(email=email) for role, email in DEMO_LOGINS.items()}


def _drafted_agreement(personnummer: str):
    """A new participant of the demo caseworker's party, accepted at the demo enterprise,
    whose agreement waits for all three approvals."""
    from lotsen.placements import services
    from lotsen.placements.models import PlacementAgreement
    from lotsen.placements.tests.factories import (
        OpeningFactory,
        enterprise_of,
        register,
        to_matching,
    )

    users = _users()
    participant = register(users["caseworker"], name="Resa Deltagare", number=personnummer)
    referral = to_matching(participant.referrals.get(), users["coordinator"])
    placement = services.placement_propose(
        actor=users["coordinator"],
        referral=referral,
        opening=OpeningFactory(enterprise=enterprise_of(users["enterprise"])),
    )
    services.placement_accept(actor=users["enterprise"], placement=placement)
    start = datetime.date.today() - datetime.timedelta(days=60)
    services.agreement_save(
        actor=users["coordinator"],
        placement=placement,
        agreement=PlacementAgreement(
            goals="Lära sig snickeriets rutiner",
            schedule="Mån–tors 9–13",
            hours_per_week=16,
            start_date=start,
            planned_end_date=start + datetime.timedelta(days=90),
        ),
    )
    return placement


def _other_parties_approve(placement):
    from lotsen.placements import services

    users = _users()
    services.agreement_approve(actor=users["enterprise"], placement=placement, side="enterprise")
    services.agreement_approve(actor=users["caseworker"], placement=placement, side="referrer")


def _placement_runs_and_ends(placement):
    from lotsen.placements import services

    coordinator = _users()["coordinator"]
    placement.refresh_from_db()
    started = datetime.date.today() - datetime.timedelta(days=60)
    placement = services.placement_start(actor=coordinator, placement=placement, started_on=started)
    services.placement_end(
        actor=coordinator,
        placement=placement,
        ended_on=datetime.date.today(),
        exit_reason="completed",
        # An exit to a group the demo world already fills: a first exit to an empty group
        # would be a small cell and hide this year's socio-economic estimate from the
        # journeys that read it after this one.
        outcome="other_measure",
        income_source_after="activity_support",
    )


def _fits_the_phone(page) -> None:
    assert wcag_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    for target in page.locator("main button, main .my-page-nav a").all():
        box = target.bounding_box()
        assert box["height"] >= SMALLEST_TARGET and box["width"] >= SMALLEST_TARGET, (
            target.inner_text()
        )


def _press_by_keyboard(page, name: str) -> None:
    """Tab to the button called `name`, as a keyboard user does, and press Enter."""
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == name:
            page.keyboard.press("Enter")
            return
    pytest.fail(f"No button {name!r} in the tab order")


def test_a_participant_approves_the_agreement_and_withdraws_follow_up(
    browser, server_url, django_db_blocker, demo_e_legitimation
):
    personnummer = fictitious_personnummer(born_years_ago(29, 2, 11))
    with django_db_blocker.unblock():
        placement = _drafted_agreement(personnummer)
    context = browser.new_context(base_url=server_url, viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        sign_in_as_participant(page, personnummer)
        _fits_the_phone(page)
        page.get_by_role("link", name="Min överenskommelse").click()
        assert page.get_by_text("Överenskommelsen gäller inte än.").is_visible()
        _fits_the_phone(page)
        _press_by_keyboard(page, "Jag godkänner överenskommelsen")
        page.get_by_text("Tack. Du har godkänt överenskommelsen.").wait_for()
        assert page.get_by_text("Överenskommelsen gäller inte än.").is_visible()

        with django_db_blocker.unblock():
            _other_parties_approve(placement)
        page.reload()
        assert page.get_by_text("Alla tre har sagt ja. Överenskommelsen gäller.").is_visible()

        with django_db_blocker.unblock():
            _placement_runs_and_ends(placement)
        page.get_by_role("link", name="Mitt samtycke").click()
        assert page.get_by_text("De här uppföljningarna är planerade:").is_visible()
        assert page.get_by_text("6 månader efter").is_visible()
        _fits_the_phone(page)
        _press_by_keyboard(page, "Säg nej till uppföljning efter arbetsträningen")
        page.get_by_text("De planerade uppföljningarna efter att du slutat är borttagna").wait_for()
        assert page.get_by_text("Ingen uppföljning efter arbetsträningen är planerad.").is_visible()
        assert page.get_by_text("6 månader efter").count() == 0
        _fits_the_phone(page)
    finally:
        context.close()
    with django_db_blocker.unblock():
        from lotsen.placements.models import OutcomeCheck

        assert not OutcomeCheck.objects.filter(placement=placement).exists()
