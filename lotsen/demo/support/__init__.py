"""The support function of the demo world: offers, ~30 requests in every state, time bank, mentors.

Everything is placed relative to today so that due dates, overdue flags and the
current year's time bank look the same whenever the demo is seeded. The offers come first:
the requests, the mentors and the parties' own support all refer to them or their providers.
"""

from django.utils import timezone

from lotsen.accounts.models import User
from lotsen.demo.support.mentors import MENTORS, seed_mentors, seed_party_mentoring
from lotsen.demo.support.offers import OFFERS, seed_offers, seed_time_bank
from lotsen.demo.support.parties import seed_party_support
from lotsen.demo.support.requests import seed_requests
from lotsen.support.models import SupportRequest, TimeBankAccount


def seed(stdout) -> None:
    coordinator = User.objects.get(email="samordnare@lotsen.test")
    year = timezone.localdate().year
    offers = seed_offers()
    seed_time_bank(offers, coordinator, year)
    created = seed_requests(offers, coordinator, year)
    seed_mentors(coordinator)
    seed_party_support(coordinator, year)
    seed_party_mentoring(coordinator)
    stdout.write(
        f"  support: {len(OFFERS)} offers, {created} new requests "
        f"({SupportRequest.objects.count()} in all), "
        f"{TimeBankAccount.objects.count()} time bank accounts, {len(MENTORS)} mentors"
    )
