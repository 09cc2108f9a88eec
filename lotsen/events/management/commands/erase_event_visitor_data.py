from django.conf import settings

from lotsen.core.retention import RetentionCommand
from lotsen.events.services import registrations_due_for_erasure, visitor_data_erase


class Command(RetentionCommand):
    help = (
        "Erase the personal data of event registrations whose event ended more than "
        "EVENTS_VISITOR_DATA_RETENTION_DAYS ago (gallring), recording each event in the "
        "audit trail. Turnout figures stay. Safe to run again."
    )

    def handle(self, *args, **options):
        if options["dry_run"]:
            due = registrations_due_for_erasure().order_by("event__slug", "pk")
            self.write_dry_run(
                "the personal data",
                (
                    f"registration {pk} ({slug})"
                    for pk, slug in due.values_list("pk", "event__slug")
                ),
            )
            return
        erased = visitor_data_erase()
        self.stdout.write(
            f"Erased personal data of {erased} registrations "
            f"(events ended more than {settings.EVENTS_VISITOR_DATA_RETENTION_DAYS} days ago)."
        )
