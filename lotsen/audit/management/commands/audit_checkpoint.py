from django.core.management.base import BaseCommand

from lotsen.audit.services import audit_checkpoint_write


class Command(BaseCommand):
    help = (
        "Sign the audit trail's current length and newest hash and keep them outside the "
        "database, in AUDIT_CHECKPOINT_DIR and the log. Run it hourly; running it twice is "
        "harmless."
    )

    def handle(self, *args, **options):
        checkpoint = audit_checkpoint_write()
        self.stdout.write(
            self.style.SUCCESS(
                f"Checkpoint written: {checkpoint.count} events, head {checkpoint.head_hash}."
            )
        )
