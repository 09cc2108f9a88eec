"""The dry run that every retention command (gallring) offers."""

from collections.abc import Iterable

from django.core.management.base import BaseCommand


class RetentionCommand(BaseCommand):
    """A command that erases personal data, and with `--dry-run` only lists what it would."""

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=(
                "List what would be erased, by count and pseudonymous code or id, "
                "and change nothing."
            ),
        )

    def write_dry_run(self, what: str, identifiers: Iterable[str]) -> None:
        """List the codes or ids that a real run would erase; never a name."""
        identifiers = list(identifiers)
        self.stdout.write(f"Dry run, nothing changed: would erase {what} of {len(identifiers)}.")
        for identifier in identifiers:
            self.stdout.write(f"  {identifier}")
