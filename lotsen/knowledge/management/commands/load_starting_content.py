from django.core.management.base import BaseCommand, CommandError

from lotsen.knowledge import content
from lotsen.organisations.models import Organisation


class Command(BaseCommand):
    help = (
        "Load the knowledge node's starting content (about 20 sourced resources) as published "
        "resources written by the given organisation. Safe to run again: resources are "
        "matched by their web address and updated, never duplicated."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--organisation",
            required=True,
            help="Name of the registered organisation shown as author, e.g. the association.",
        )

    def handle(self, *args, organisation: str, **options):
        author = Organisation.objects.filter(name=organisation).first()
        if author is None:
            raise CommandError(
                f"No organisation is named {organisation!r}. Register it first, then run again."
            )
        try:
            entries = content.read(content.STARTING_CONTENT)
        except content.ContentFileError as error:
            raise CommandError(str(error)) from error
        count = content.load(entries, author=author)
        self.stdout.write(
            self.style.SUCCESS(f"{count} resources are in place, written by {author}.")
        )
