import datetime

from lotsen.scheduling.models import JobRun
from lotsen.scheduling.schedule import JOBS


def jobs_done_on_time(now: datetime.datetime) -> None:
    """Every scheduled job has run successfully for its latest slot before `now`."""
    for job in JOBS:
        slot = job.latest_slot(now)
        if slot is not None:
            JobRun.objects.update_or_create(
                job=job.command,
                slot=slot,
                defaults={
                    "outcome": JobRun.Outcome.SUCCEEDED,
                    "started_at": slot,
                    "finished_at": slot,
                },
            )
