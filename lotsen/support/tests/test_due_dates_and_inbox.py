"""Due dates in Swedish working days, overdue flags, and the inbox sections."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from lotsen.core import inbox
from lotsen.support.models import SupportAreaTarget, SupportRequest

from .factories import SupportRequestFactory

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 10, tzinfo=STOCKHOLM)


def test_every_support_area_has_targets(db):
    assert SupportAreaTarget.objects.count() == 13
    assert SupportAreaTarget.objects.get(area_id="procurement").first_response_days == 1


def test_due_dates_skip_midsummer(db):
    # Thursday before midsummer 2026; procurement: 1 and 5 working days.
    support_request = SupportRequestFactory(area_id="procurement", created_at=at(date(2026, 6, 18)))
    assert support_request.first_response_due == date(2026, 6, 22)
    assert support_request.resolution_due == date(2026, 6, 26)


def test_due_dates_skip_easter_and_christmas(db):
    easter = SupportRequestFactory(area_id="advice", created_at=at(date(2026, 4, 2)))
    assert easter.first_response_due == date(2026, 4, 8)
    christmas = SupportRequestFactory(area_id="advice", created_at=at(date(2026, 12, 23)))
    assert christmas.first_response_due == date(2026, 12, 29)


def test_a_request_without_area_gets_the_default_targets(db):
    support_request = SupportRequestFactory(area_id=None, created_at=at(date(2026, 11, 23)))
    assert support_request.first_response_due == date(2026, 11, 25)
    assert support_request.resolution_due == date(2026, 12, 14)


@pytest.mark.parametrize(
    ("status", "responded", "days_ago", "overdue"),
    [
        ("new", False, 30, True),
        ("new", False, 0, False),
        ("triaged", True, 30, True),
        ("in_progress", True, 3, False),
        ("resolved", True, 30, False),
        ("closed", True, 30, False),
    ],
)
def test_overdue_on_the_model_and_in_the_database_agree(db, status, responded, days_ago, overdue):
    support_request = SupportRequestFactory(
        status=status,
        area_id="procurement",
        created_at=timezone.now() - timedelta(days=days_ago),
        first_responded_at=timezone.now() if responded else None,
    )
    assert support_request.is_overdue() is overdue
    assert SupportRequest.objects.overdue().filter(pk=support_request.pk).exists() is overdue


def test_an_unanswered_request_past_its_first_response_date_is_overdue(db):
    support_request = SupportRequestFactory(
        area_id="asf-school", created_at=timezone.now() - timedelta(days=14)
    )
    assert support_request.resolution_due > timezone.localdate()
    assert support_request.is_overdue()


def _sections(user) -> dict[str, list[str]]:
    return {
        str(section.title): [item.title for item in section.items]
        for section in inbox.sections_for(user)
    }


def test_the_coordinator_inbox_shows_new_and_overdue_requests(db, coordinator):
    new = SupportRequestFactory(subject="Ny fråga")
    late = SupportRequestFactory(
        subject="Sen fråga", status="triaged", created_at=timezone.now() - timedelta(days=40)
    )
    sections = _sections(coordinator)
    assert sections["Ärenden att fördela"] == [f"{new.reference} Ny fråga"]
    assert sections["Försenade ärenden"] == [f"{late.reference} Sen fråga"]


def test_the_provider_inbox_shows_only_its_own_overdue_requests(
    db, provider, assigned_request, other_providers_request
):
    for support_request in (assigned_request, other_providers_request):
        SupportRequest.objects.filter(pk=support_request.pk).update(resolution_due=date(2020, 1, 1))
    sections = _sections(provider)
    assert "Ärenden att fördela" not in sections
    assert sections["Försenade ärenden"] == [str(assigned_request).strip()]


def test_other_roles_get_no_support_sections(db, enterprise_user, caseworker):
    SupportRequestFactory(status="new", created_at=timezone.now() - timedelta(days=40))
    assert "Försenade ärenden" not in _sections(enterprise_user)
    assert "Försenade ärenden" not in _sections(caseworker)


def test_the_overview_needs_the_same_queries_for_more_requests(
    client, coordinator, assert_constant_queries
):
    client.force_login(coordinator)

    def add(n):
        SupportRequestFactory.create_batch(n, created_at=timezone.now() - timedelta(days=40))

    assert_constant_queries("/oversikt/", add)


def test_the_overdue_request_is_flagged_on_the_providers_list(client, provider, assigned_request):
    SupportRequest.objects.filter(pk=assigned_request.pk).update(resolution_due=date(2020, 1, 1))
    client.force_login(provider)
    response = client.get("/stod/arenden/?overdue=on")
    assert assigned_request.reference in response.text
    assert "Försenat" in response.text
