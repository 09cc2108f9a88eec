from django.core.management.base import BaseCommand

from lotsen.placements.services import identities_erase_expired


class Command(BaseCommand):
    help = (
        "Erase participants' identity data IDENTITY_RETENTION_DAYS after their last episode "
        "ended (gallring), keeping the pseudonymous statistics. Safe to run repeatedly; "
        "run it daily."
    )

    def handle(self, *args, **options) -> None:
        purge = identities_erase_expired()
        self.stdout.write(
            f"Erased {purge.erased} identities of episodes ended before {purge.cutoff}."
        )
