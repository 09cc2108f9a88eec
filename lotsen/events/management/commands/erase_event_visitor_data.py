from django.conf import settings
from django.core.management.base import BaseCommand

from lotsen.events.services import visitor_data_erase


class Command(BaseCommand):
    help = (
        "Erase the personal data of event registrations whose event ended more than "
        "EVENTS_VISITOR_DATA_RETENTION_DAYS ago (gallring), recording each event in the "
        "audit trail. Turnout figures stay. Safe to run again."
    )

    def handle(self, *args, **options):
        erased = visitor_data_erase()
        self.stdout.write(
            f"Erased personal data of {erased} registrations "
            f"(events ended more than {settings.EVENTS_VISITOR_DATA_RETENTION_DAYS} days ago)."
        )
