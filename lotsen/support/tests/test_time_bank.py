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
    (entry,) = services.time_bank_log_hours(
        support_request=assigned_request, hours=Decimal("2"), actor=provider, note="Möte"
    )
    account.refresh_from_db()
    assigned_request.refresh_from_db()
    assert account.balance == Decimal("6")
    assert (entry.account, entry.kind, entry.hours, entry.balance_after) == (
        account,
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


def test_hours_beyond_the_balance_are_recorded_outside_the_time_bank(
    db, provider, assigned_request, enterprise, offer
):
    account = account_with(enterprise, offer, "5")
    charged, outside = services.time_bank_log_hours(
        support_request=assigned_request, hours=Decimal("20"), actor=provider, note="Anbud"
    )
    account.refresh_from_db()
    assert account.balance == Decimal("0")
    assert (charged.account, charged.hours, charged.balance_after) == (
        account,
        Decimal("-5"),
        Decimal("0"),
    )
    assert (outside.account, outside.hours, outside.balance_after) == (
        None,
        Decimal("-15"),
        None,
    )
    assert {charged.reason, outside.reason} == {"Anbud"}
    # The account's entries still explain its balance.
    assert sum(account.entries.values_list("hours", flat=True)) == account.balance


def test_without_a_grant_the_hours_are_recorded_outside_the_time_bank(
    db, provider, assigned_request
):
    (entry,) = services.time_bank_log_hours(
        support_request=assigned_request, hours=Decimal("20"), actor=provider
    )
    assert (entry.account, entry.kind, entry.hours) == (None, "delivery", Decimal("-20"))
    assert not TimeBankAccount.objects.exists()


def test_a_spent_account_is_not_charged_again(db, provider, assigned_request, enterprise, offer):
    account = account_with(enterprise, offer, "1")
    services.time_bank_log_hours(
        support_request=assigned_request, hours=Decimal("1"), actor=provider
    )
    (entry,) = services.time_bank_log_hours(
        support_request=assigned_request, hours=Decimal("3"), actor=provider
    )
    assert entry.account is None
    assert account.entries.count() == 2


@pytest.mark.parametrize("hours", ["0", "-1"])
def test_no_or_negative_hours_are_refused_and_nothing_changes(
    db, provider, assigned_request, enterprise, offer, hours
):
    account = account_with(enterprise, offer, "8")
    with pytest.raises(SupportError) as raised:
        services.time_bank_log_hours(
            support_request=assigned_request, hours=Decimal(hours), actor=provider
        )
    assert raised.value.code == "hours_not_positive"
    account.refresh_from_db()
    assert account.balance == Decimal("8")
    assert TimeBankEntry.objects.count() == 1


@pytest.mark.parametrize("status", ["new", "resolved", "closed"])
def test_hours_are_refused_on_a_request_not_being_worked_on(db, provider, assigned_request, status):
    assigned_request.status = status
    assigned_request.save(update_fields=["status"])
    with pytest.raises(SupportError) as raised:
        services.time_bank_log_hours(
            support_request=assigned_request, hours=Decimal("1"), actor=provider
        )
    assert raised.value.code == "not_open"
    assert not TimeBankEntry.objects.exists()


@pytest.mark.parametrize(
    ("balance", "message"),
    [
        ("8", "Timmarna loggades."),
        ("5", "Timmarna loggades: 5 från timbanken, 15 utöver vad den täcker."),
        (None, "Timbanken har inga fria timmar för det här ärendet"),
    ],
)
def test_the_provider_logs_hours_on_the_page_whatever_the_balance(
    client, provider, assigned_request, enterprise, offer, balance, message
):
    if balance:
        account_with(enterprise, offer, balance)
    client.force_login(provider)
    page = client.get(f"/stod/arenden/{assigned_request.pk}/").text
    assert 'name="hours"' in page
    hours = "2" if balance == "8" else "20"
    response = client.post(
        f"/stod/arenden/{assigned_request.pk}/timmar/", {"hours": hours}, follow=True
    )
    assert message in response.text
    delivered = -sum(TimeBankEntry.objects.filter(kind="delivery").values_list("hours", flat=True))
    assert delivered == Decimal(hours)
    if balance != "8":
        assert "utanför timbanken" in response.text


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


@pytest.mark.parametrize("persona", ["enterprise_user", "outsider", "other_provider"])
def test_only_those_who_work_on_the_request_log_hours(
    client, request, assigned_request, enterprise, offer, persona
):
    if persona == "other_provider":
        from lotsen.accounts.tests.factories import MembershipFactory

        user = MembershipFactory(role="provider").user
    else:
        user = request.getfixturevalue(persona)
    client.force_login(user)
    response = client.post(f"/stod/arenden/{assigned_request.pk}/timmar/", {"hours": "2"})
    assert response.status_code in (403, 404)
    assert not TimeBankEntry.objects.exists()


def test_a_grant_is_for_an_offer_or_an_area_not_both(client, coordinator, enterprise, offer):
    client.force_login(coordinator)
    response = client.post(
        "/stod/timbank/tilldela/",
        {
            "enterprise": enterprise.pk,
            "year": timezone.localdate().year,
            "offer": offer.pk,
            "area": "procurement",
            "hours": "8",
        },
    )
    assert "Välj antingen ett erbjudande eller ett område, inte båda." in response.text
    assert not TimeBankAccount.objects.exists()


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
@pytest.mark.commits
def test_concurrent_logging_never_spends_more_than_the_balance(
    provider, assigned_request, enterprise, offer
):
    """Ten providers log one hour each at the same moment against five free hours."""
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
    assert outcomes == ["logged"] * 10
    assert account.balance == Decimal("0")
    deliveries = list(
        account.entries.filter(kind="delivery").values_list("balance_after", flat=True)
    )
    assert sorted(deliveries) == [Decimal(n) for n in range(5)]
    # The hours the balance could not cover are recorded outside the time bank.
    assert TimeBankEntry.objects.filter(account__isnull=True).count() == 5


def test_hours_outside_the_time_bank_count_as_delivered_support(
    db, provider, assigned_request, enterprise, offer
):
    from lotsen.support import reporting

    account_with(enterprise, offer, "5")
    services.time_bank_log_hours(
        support_request=assigned_request, hours=Decimal("20"), actor=provider
    )
    assert reporting.support_hours(timezone.localdate().year) == Decimal("20")
