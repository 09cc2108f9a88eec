from lotsen.core.retention import RetentionCommand
from lotsen.support.models import SupportRequest
from lotsen.support.services import support_requests_erase_expired


class Command(RetentionCommand):
    help = (
        "Erase the contact data and texts of support requests closed more than "
        f"{SupportRequest.RETENTION_YEARS} years ago (gallring). Safe to run again; "
        "run it daily."
    )

    def handle(self, *args, **options):
        if options["dry_run"]:
            due = SupportRequest.objects.due_for_erasure().order_by("pk")
            self.write_dry_run(
                "the contact data and texts",
                (request.reference for request in due.only("pk")),
            )
            return
        count = support_requests_erase_expired()
        self.stdout.write(f"Erased the personal content of {count} support requests.")
