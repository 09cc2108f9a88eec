from lotsen.core.retention import RetentionCommand
from lotsen.placements.services import (
    identities_erase_expired,
    identity_retention_cutoff,
    participants_due_for_erasure,
)


class Command(RetentionCommand):
    help = (
        "Erase participants' identity data IDENTITY_RETENTION_DAYS after their last episode "
        "ended (gallring), keeping the pseudonymous statistics. Safe to run repeatedly; "
        "run it daily."
    )

    def handle(self, *args, **options) -> None:
        if options["dry_run"]:
            cutoff = identity_retention_cutoff()
            due = participants_due_for_erasure(cutoff).order_by("code")
            self.write_dry_run(
                f"the identity (episodes ended before {cutoff})",
                due.values_list("code", flat=True),
            )
            return
        purge = identities_erase_expired()
        self.stdout.write(
            f"Erased {purge.erased} identities of episodes ended before {purge.cutoff}."
        )
