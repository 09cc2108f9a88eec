from django.core.management.base import BaseCommand

from lotsen.placements.pipeline import placement_reminders_send


class Command(BaseCommand):
    help = (
        "E-mail whoever a placement waits on: a request when a step begins (a follow-up or "
        "outcome check falls due), a reminder after PLACEMENT_REMINDER_WORKING_DAYS, an alert "
        "to the coordinator after PLACEMENT_ESCALATION_WORKING_DAYS more; withdraw proposals "
        "unanswered for PLACEMENT_PROPOSAL_EXPIRY_WORKING_DAYS. Each e-mail is sent once; "
        "safe to run repeatedly. Run it daily."
    )

    def handle(self, *args, **options) -> None:
        count = placement_reminders_send()
        self.stdout.write(
            f"Sent {count.requests} requests, {count.reminders} reminders and "
            f"{count.escalations} alerts; withdrew {count.expired} stale proposals."
        )
