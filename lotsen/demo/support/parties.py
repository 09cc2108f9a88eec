"""Support the parties deliver themselves, with hours drawn from their area time banks."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from lotsen.accounts.models import User
from lotsen.demo.support.offers import organisation_named
from lotsen.support.models import SupportRequest, TimeBankAccount, TimeBankEntry

S = SupportRequest.Status

AF = "Arbetsförmedlingen, Luleå"
REGION = "Region Norrbotten"
BODEN = "Bodens kommun"
PARTY_MENTORING = "Mentor för en ny verksamhetsledare i Boden"
# Support the parties deliver themselves, reported to the funding follow-up:
# (subject, area, enterprise, party, days ago, hours logged per meeting)
PARTY_DELIVERED = [
    (
        "Rådgivning inför anställning med lönestöd",
        "advice",
        "Återbruket i Boden ek. för.",
        AF,
        120,
        ["12", "10", "14", "9"],
    ),
    (
        "Hur tar vi emot fler deltagare från Arbetsförmedlingen?",
        "advice",
        "Trädgårdsgänget Älvsbyn ek. för.",
        AF,
        90,
        ["16", "12", "14"],
    ),
    (
        "Affärsplan med arbetsträning som del av verksamheten",
        "advice",
        "Kök & Kompani Piteå ek. för.",
        AF,
        45,
        ["18", "15", "20"],
    ),
    (
        "Samordning med vården för en deltagare",
        "authority-contacts",
        "Café Kvarnen ek. för.",
        REGION,
        75,
        ["8", "6", "9"],
    ),
    (
        "En kontakt hos regionen för våra rehabiliteringsfrågor",
        "authority-contacts",
        "Städkooperativet Norrsken ek. för.",
        REGION,
        30,
        ["12", "10"],
    ),
    (PARTY_MENTORING, "mentoring", "Återbruket i Boden ek. för.", BODEN, 150, []),
]
# Hours granted per enterprise and area for the parties' support in the year.
PARTY_GRANT_HOURS = Decimal(80)


def seed_party_support(coordinator: User, year: int) -> None:
    """Requests the parties work on themselves, with hours drawn from area time banks."""
    now = timezone.now()
    for subject, area, enterprise_name, party_name, days_ago, hours in PARTY_DELIVERED:
        if SupportRequest.objects.filter(subject=subject).exists():
            continue
        enterprise = organisation_named(enterprise_name)
        received = now - timedelta(days=days_ago)
        support_request = SupportRequest(
            subject=subject,
            description=f"{subject}. Vi behöver hjälp att komma vidare.",
            area_id=area,
            channel=SupportRequest.Channel.PUBLIC_FORM,
            requester_organisation=enterprise,
            contact_name="Verksamhetsledaren",
            contact_email=f"kontakt.{enterprise.slug}@exempel.test",
            created_at=received,
            status=S.IN_PROGRESS,
            outcome=SupportRequest.Outcome.ASSIGNED,
            assigned_provider=organisation_named(party_name),
            first_responded_at=received + timedelta(hours=20),
        )
        support_request.set_due_dates()
        support_request.save()
        for index, step in enumerate([S.TRIAGED, S.IN_PROGRESS], 1):
            support_request.status_changes.create(
                from_status=S.NEW if step == S.TRIAGED else S.TRIAGED,
                to_status=step,
                actor=coordinator,
                changed_at=received + timedelta(hours=20 * index),
            )
        if not hours:
            continue
        account, created = TimeBankAccount.objects.get_or_create(
            enterprise=enterprise, year=year, offer=None, area_id=area
        )
        if created:
            account.balance = PARTY_GRANT_HOURS
            account.save(update_fields=["balance"])
            TimeBankEntry.objects.create(
                account=account,
                kind=TimeBankEntry.Kind.GRANT,
                hours=PARTY_GRANT_HOURS,
                balance_after=account.balance,
                actor=coordinator,
                reason=f"Årlig tilldelning {year}",
            )
        for amount in hours:
            account.balance -= Decimal(amount)
            account.save(update_fields=["balance"])
            TimeBankEntry.objects.create(
                account=account,
                kind=TimeBankEntry.Kind.DELIVERY,
                hours=-Decimal(amount),
                balance_after=account.balance,
                request=support_request,
                actor=coordinator,
                reason="Möte med företaget",
            )
