"""The conversion extension point: support works on its own when no app converts requests."""

import pytest

from lotsen.support import conversion

from .factories import SupportRequestFactory


@pytest.fixture
def no_provider(monkeypatch):
    monkeypatch.setattr(conversion, "_providers", [])


def test_without_a_provider_no_referral_is_shown_and_nothing_converts(db, no_provider):
    support_request = SupportRequestFactory()
    assert conversion.referral_made_from(None, support_request) is None
    assert conversion.can_convert(None) is False


def test_without_a_provider_the_pages_offer_no_conversion(client, coordinator, no_provider):
    support_request = SupportRequestFactory()
    client.force_login(coordinator)
    link = f"/lotsning/fran-stodarende/{support_request.pk}/"
    assert link not in client.get(f"/stod/arenden/{support_request.pk}/").text
    assert link not in client.get(f"/stod/arenden/{support_request.pk}/triagera/").text


def test_the_pilot_function_registers_its_provider():
    from lotsen.placements.conversion import PROVIDER

    assert PROVIDER in conversion._providers
