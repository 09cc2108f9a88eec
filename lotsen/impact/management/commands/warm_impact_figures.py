from django.core.management.base import BaseCommand
from django.utils import translation

from lotsen.impact import stored
from lotsen.impact.indicators import REGION
from lotsen.impact.periods import Period

LANGUAGES = ("sv", "en")


class Command(BaseCommand):
    help = (
        "Compute and store the dashboard figures of the whole region for this year and "
        "the previous one, with small cells hidden and shown, in Swedish and English, so "
        "no visit waits for them. Run it after a deploy and nightly."
    )

    def handle(self, *args, **options) -> None:
        current = Period.current()
        for period in (current, current.previous()):
            for language in LANGUAGES:
                for show_small_cells in (False, True):
                    with translation.override(language):
                        stored.refresh(period, REGION, show_small_cells=show_small_cells)
                    self.stdout.write(
                        f"Stored {period.slug}, whole region, {language}, small cells "
                        f"{'shown' if show_small_cells else 'hidden'}."
                    )
