from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from lotsen.audit.services import audit_trail_verify


class Command(BaseCommand):
    help = (
        "Check that no audit event has been changed or removed: the keyed chain, and the "
        "trail against every signed checkpoint; exits non-zero if anything does not match."
    )

    def handle(self, *args, **options):
        findings, events, checkpoints = audit_trail_verify()
        if findings:
            raise CommandError("\n".join(findings))
        if not checkpoints:
            self.stderr.write(
                self.style.WARNING(
                    f"No checkpoint in {settings.AUDIT_CHECKPOINT_DIR}: the removal of the "
                    "newest events could not be seen. Run audit_checkpoint regularly."
                )
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"The audit trail is intact: {events} events, "
                f"matching {checkpoints} signed checkpoints."
            )
        )
