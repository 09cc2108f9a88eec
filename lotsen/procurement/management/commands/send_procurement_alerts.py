from django.core.management.base import BaseCommand

from lotsen.procurement.alerts import alerts_send


class Command(BaseCommand):
    help = (
        "E-mail each due saved search (bevakning) its digest: the business opportunities "
        "published since its last digest and those closing within seven days. Daily searches "
        "are due once a day, weekly ones once a week; nothing is sent when nothing matches. "
        "Safe to run repeatedly. Run it daily."
    )

    def handle(self, *args, **options) -> None:
        count = alerts_send()
        self.stdout.write(f"{count.due} saved searches were due; sent {count.sent} digests.")
