from django.core.management.base import BaseCommand, CommandError

from lotsen.audit.models import AuditEvent
from lotsen.audit.services import audit_chain_verify


class Command(BaseCommand):
    help = (
        "Check that no audit event has been changed or removed; "
        "exits non-zero if the chain is broken."
    )

    def handle(self, *args, **options):
        broken = audit_chain_verify()
        if broken is not None:
            raise CommandError(
                f"The audit trail is broken at event {broken.pk} "
                f"({broken.occurred_at:%Y-%m-%d %H:%M:%S})."
            )
        self.stdout.write(
            self.style.SUCCESS(f"The audit trail is intact: {AuditEvent.objects.count()} events.")
        )
