from lotsen.core.retention import RetentionCommand
from lotsen.yearly_report.models import RETENTION_DAYS
from lotsen.yearly_report.services import reports_due_for_purge, reports_purge_expired


class Command(RetentionCommand):
    help = (
        f"Delete yearly reports asked for more than {RETENTION_DAYS} days ago, with their "
        "PDF and workbook. Safe to run repeatedly; run it daily."
    )

    def handle(self, *args, **options) -> None:
        if options["dry_run"]:
            due = reports_due_for_purge().order_by("pk")
            self.write_dry_run(
                "the yearly report and its files",
                (f"report {pk} ({year})" for pk, year in due.values_list("pk", "year")),
            )
            return
        self.stdout.write(f"Deleted {reports_purge_expired()} yearly reports.")
