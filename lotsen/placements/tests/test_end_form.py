"""Ending a placement and checking the outcome record only what the coordinator chose."""

import datetime

import pytest

from ..models import Placement
from .factories import started_placement

NOTHING_CHOSEN = '<option value="" selected>Välj …</option>'


@pytest.fixture
def placement(coordinator, caseworker, enterprise_user) -> Placement:
    return started_placement(coordinator, caseworker, enterprise_user)


def test_no_reason_outcome_or_income_source_is_preselected(client, coordinator, placement):
    client.force_login(coordinator)
    page = client.get(f"/lotsning/placeringar/{placement.pk}/avsluta/").text
    assert page.count(NOTHING_CHOSEN) == 3
    assert '" selected>' not in page.replace(NOTHING_CHOSEN, "")


def test_ending_without_choosing_asks_for_the_choices(client, coordinator, placement):
    client.force_login(coordinator)
    response = client.post(
        f"/lotsning/placeringar/{placement.pk}/avsluta/",
        {"ended_on": datetime.date.today().isoformat(), "exit_reason": "completed"},
    )
    assert response.status_code == 200
    assert "Utfall: Detta fält måste fyllas i." in response.text
    assert "Försörjning efter: Detta fält måste fyllas i." in response.text
    placement.refresh_from_db()
    assert placement.status == Placement.Status.ACTIVE and placement.outcome == ""


def test_an_outcome_check_starts_empty_too(client, coordinator, placement):
    client.force_login(coordinator)
    client.post(
        f"/lotsning/placeringar/{placement.pk}/avsluta/",
        {
            "ended_on": datetime.date.today().isoformat(),
            "exit_reason": "completed",
            "outcome": "studies",
            "income_source_after": "none",
        },
    )
    page = client.get(placement.get_absolute_url()).text
    # Two checks, each with an outcome and an income source to choose.
    assert page.count(NOTHING_CHOSEN) == 4
    check = placement.outcome_checks.get(months_after=6)
    response = client.post(
        f"/lotsning/utfallskontroller/{check.pk}/",
        {f"check{check.pk}-checked_on": datetime.date.today().isoformat()},
        follow=True,
    )
    assert "Fyll i datum, utfall och försörjning för kontrollen." in response.text
    check.refresh_from_db()
    assert check.checked_on is None


@pytest.mark.parametrize(("role", "status"), [("outsider", 404), ("enterprise_user", 403)])
def test_only_the_coordinator_reaches_the_end_form(request, client, placement, role, status):
    client.force_login(request.getfixturevalue(role))
    assert client.get(f"/lotsning/placeringar/{placement.pk}/avsluta/").status_code == status
