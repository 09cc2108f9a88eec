"""The time bank: an append-only ledger whose balance never goes below zero."""

import threading
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from lotsen.support import services
from lotsen.support.models import (
    AppendOnlyError,
    SupportError,
    TimeBankAccount,
    TimeBankEntry,
)

from .factories import account_with


def test_logging_hours_draws_on_the_offers_account_and_starts_the_work(
    db, provider, assigned_request, enterprise, offer
):
    account = account_with(enterprise, offer, "8")
    entry = services.time_bank_log_hours(
        support_request=assigned_request, hours=Decimal("2"), actor=provider, note="Möte"
    )
    account.refresh_from_db()
    assigned_request.refresh_from_db()
    assert account.balance == Decimal("6")
    assert (entry.kind, entry.hours, entry.balance_after) == (
        "delivery",
        Decimal("-2"),
        Decimal("6"),
    )
    assert assigned_request.status == "in_progress"


def test_the_area_account_serves_when_the_offer_has_none(
    db, provider, assigned_request, enterprise
):
    account = TimeBankAccount.objects.create(
        enterprise=enterprise, year=timezone.localdate().year, area_id="procurement", balance=5
    )
    services.time_bank_log_hours(
        support_request=assigned_request, hours=Decimal("1"), actor=provider
    )
    account.refresh_from_db()
    assert account.balance == Decimal("4")


@pytest.mark.parametrize(
    ("hours", "code"),
    [("9", "insufficient_balance"), ("0", "hours_not_positive"), ("-1", "hours_not_positive")],
)
def test_too_many_or_negative_hours_are_refused_and_nothing_changes(
    db, provider, assigned_request, enterprise, offer, hours, code
):
    account = account_with(enterprise, offer, "8")
    with pytest.raises(SupportError) as raised:
        services.time_bank_log_hours(
            support_request=assigned_request, hours=Decimal(hours), actor=provider
        )
    assert raised.value.code == code
    account.refresh_from_db()
    assert account.balance == Decimal("8")
    assert account.entries.count() == 1


def test_the_refusal_shows_the_balance_on_the_page(
    client, provider, assigned_request, enterprise, offer
):
    account_with(enterprise, offer, "1.5")
    client.force_login(provider)
    response = client.post(
        f"/stod/arenden/{assigned_request.pk}/timmar/", {"hours": "2"}, follow=True
    )
    assert "Det finns bara 1,5 timmar kvar i timbanken." in response.text
    assert not TimeBankEntry.objects.filter(kind="delivery").exists()


def test_negative_hours_in_the_form_are_refused(
    client, provider, assigned_request, enterprise, offer
):
    account_with(enterprise, offer, "8")
    client.force_login(provider)
    response = client.post(
        f"/stod/arenden/{assigned_request.pk}/timmar/", {"hours": "-2"}, follow=True
    )
    assert "Timmarna måste vara fler än noll." in response.text
    assert not TimeBankEntry.objects.filter(kind="delivery").exists()


def test_without_a_grant_hours_are_refused_with_a_reason(db, provider, assigned_request):
    with pytest.raises(SupportError) as raised:
        services.time_bank_log_hours(
            support_request=assigned_request, hours=Decimal("1"), actor=provider
        )
    assert raised.value.code == "no_account"


def test_a_grant_opens_the_account_and_a_top_up_needs_a_reason(db, coordinator, enterprise, offer):
    year = timezone.localdate().year
    first = services.time_bank_grant(
        enterprise=enterprise,
        year=year,
        hours=Decimal("8"),
        actor=coordinator,
        reason="",
        offer=offer,
    )
    assert first.kind == "grant"
    with pytest.raises(SupportError) as raised:
        services.time_bank_grant(
            enterprise=enterprise,
            year=year,
            hours=Decimal("2"),
            actor=coordinator,
            reason="",
            offer=offer,
        )
    assert raised.value.code == "no_reason"
    top_up = services.time_bank_grant(
        enterprise=enterprise,
        year=year,
        hours=Decimal("2"),
        actor=coordinator,
        reason="Stort anbud",
        offer=offer,
    )
    assert (top_up.kind, top_up.balance_after) == ("top_up", Decimal("10"))


def test_the_grant_page_tops_up_and_refuses_bad_input(client, coordinator, enterprise, offer):
    client.force_login(coordinator)
    data = {
        "enterprise": enterprise.pk,
        "year": 2026,
        "offer": offer.pk,
        "hours": "8",
        "reason": "",
    }
    assert client.post("/stod/timbank/tilldela/", data).status_code == 302
    response = client.post("/stod/timbank/tilldela/", data)
    assert "Ange ett skäl för påfyllningen." in response.text
    response = client.post("/stod/timbank/tilldela/", {**data, "offer": "", "hours": "-1"})
    assert "Välj ett erbjudande eller ett område." in response.text
    assert TimeBankAccount.objects.get().balance == Decimal("8")


def test_ledger_entries_cannot_be_changed_or_deleted(db, enterprise, offer):
    entry = account_with(enterprise, offer, "8").entries.get()
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        TimeBankEntry.objects.update(hours=100)
    with pytest.raises(AppendOnlyError):
        TimeBankEntry.objects.all().delete()


def test_the_database_refuses_a_negative_balance(db, enterprise, offer):
    account = account_with(enterprise, offer, "1")
    with pytest.raises(IntegrityError), transaction.atomic():
        TimeBankAccount.objects.filter(pk=account.pk).update(balance=Decimal("-1"))


def test_the_enterprise_sees_its_balance_on_the_time_bank_page(
    client, enterprise_user, enterprise, offer
):
    account_with(enterprise, offer, "7.5")
    client.force_login(enterprise_user)
    response = client.get("/stod/timbank/")
    assert "7,5" in response.text


def test_the_time_bank_list_needs_the_same_queries_for_more_accounts(
    client, coordinator, offer, assert_constant_queries
):
    from lotsen.organisations.tests.factories import OrganisationFactory

    client.force_login(coordinator)
    assert_constant_queries(
        "/stod/timbank/",
        lambda n: [account_with(OrganisationFactory(), offer, "3") for _ in range(n)],
    )


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
# Reference data (municipalities, areas) comes from migrations; another transactional
# test may have flushed it before this one runs.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_logging_never_spends_more_than_the_balance(
    provider, assigned_request, enterprise, offer
):
    """Ten providers log one hour each at the same moment against five hours."""
    account = account_with(enterprise, offer, "5")
    assigned_request.status = "in_progress"
    assigned_request.save(update_fields=["status"])
    start = threading.Barrier(10)
    outcomes: list[str] = []

    def log_one_hour():
        try:
            start.wait()
            services.time_bank_log_hours(
                support_request=assigned_request, hours=Decimal("1"), actor=provider
            )
            outcomes.append("logged")
        except SupportError as error:
            outcomes.append(error.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=log_one_hour) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    account.refresh_from_db()
    assert sorted(outcomes) == ["insufficient_balance"] * 5 + ["logged"] * 5
    assert account.balance == Decimal("0")
    deliveries = list(
        account.entries.filter(kind="delivery").values_list("balance_after", flat=True)
    )
    assert sorted(deliveries) == [Decimal(n) for n in range(5)]
