from django.core.management.base import BaseCommand

from lotsen.integrations.services import idempotent_writes_purge


class Command(BaseCommand):
    help = (
        "Delete the stored answers of partner API writes older than IDEMPOTENCY_KEY_HOURS; "
        "safe to run again (decision 0205)."
    )

    def handle(self, *args, **options) -> None:
        deleted = idempotent_writes_purge()
        self.stdout.write(f"{deleted} stored answers deleted.")
