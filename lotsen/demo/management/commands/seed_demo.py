from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

# Organisations before the people in them; the capabilities before the effect
# measurement, which reads them all.
SEED_ORDER = (
    "organisations",
    "accounts",
    "support",
    "events",
    "surveys",
    "knowledge",
    "placements",
    "procurement",
    "funding",
    "matching",
    "impact",
)


class Command(BaseCommand):
    help = (
        "Create or refresh the fictitious demo world of southern Norrbotten. "
        "Safe to run again: nothing is duplicated. Demo passwords are set only with DEBUG on."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            for part in SEED_ORDER:
                import_module(f"lotsen.demo.{part}").seed(self.stdout)
        self.stdout.write(self.style.SUCCESS("The demo world is ready."))
