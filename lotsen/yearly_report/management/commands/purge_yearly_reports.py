from django.core.management.base import BaseCommand

from lotsen.yearly_report.models import RETENTION_DAYS
from lotsen.yearly_report.services import reports_purge_expired


class Command(BaseCommand):
    help = (
        f"Delete yearly reports asked for more than {RETENTION_DAYS} days ago, with their "
        "PDF and workbook. Safe to run repeatedly; run it daily."
    )

    def handle(self, *args, **options) -> None:
        self.stdout.write(f"Deleted {reports_purge_expired()} yearly reports.")
