from django.core.management.base import BaseCommand

from lotsen.support.models import SupportRequest
from lotsen.support.services import support_requests_erase_expired


class Command(BaseCommand):
    help = (
        "Erase the contact data and texts of support requests closed more than "
        f"{SupportRequest.RETENTION_YEARS} years ago (gallring). Safe to run again; "
        "run it daily."
    )

    def handle(self, *args, **options):
        count = support_requests_erase_expired()
        self.stdout.write(f"Erased the personal content of {count} support requests.")
