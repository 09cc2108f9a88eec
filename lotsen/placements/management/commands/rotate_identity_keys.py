from django.core.management.base import BaseCommand

from lotsen.accounts.second_factor import rotate_authenticator_secrets
from lotsen.placements.services import identities_rotate_keys


class Command(BaseCommand):
    help = (
        "Re-encrypt all participant identities and the secrets of authenticator apps and "
        "recovery codes with the first key of IDENTITY_ENCRYPTION_KEY. Put the new key "
        "first, keep the old one after it, run this, then drop the old key."
    )

    def handle(self, *args, **options) -> None:
        count = identities_rotate_keys()
        secrets = rotate_authenticator_secrets()
        self.stdout.write(
            f"Re-encrypted {count} identities and {secrets} authenticator secrets "
            "with the newest key."
        )
