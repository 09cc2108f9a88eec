import logging

from apscheduler.schedulers.blocking import BlockingScheduler
from django.core.management.base import BaseCommand
from django.db import close_old_connections
from django.utils import timezone

from lotsen.scheduling.schedule import JOBS, Job
from lotsen.scheduling.services import job_claim
from lotsen.scheduling.tasks import run_scheduled_job

logger = logging.getLogger(__name__)


def enqueue_if_claimed(job: Job) -> None:
    """Claim the job's slot and hand it to the task worker; another server may have it."""
    run = job_claim(job=job, now=timezone.now())
    if run is None:
        logger.info("scheduled job already claimed", extra={"job": job.command})
        return
    run_scheduled_job.enqueue(run_id=run.pk)
    logger.info("scheduled job enqueued", extra={"job": job.command, "run": run.pk})


def fire(job: Job) -> None:
    # The scheduler lives for months: a connection the database closed meanwhile is
    # replaced before it is used, as at the start of a request.
    close_old_connections()
    enqueue_if_claimed(job)


class Command(BaseCommand):
    help = (
        "Run the scheduler: enqueue each scheduled job (lotsen/scheduling/schedule.py) for "
        "the task worker at its time, once across every server that runs a scheduler. "
        "At start, a job whose latest time passed without a run is enqueued at once."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--catch-up-only",
            action="store_true",
            help="Enqueue the jobs whose latest time passed without a run, then stop.",
        )

    def handle(self, *args, **options):
        # A slot missed while no scheduler ran (a restart, a new server) is claimed now.
        for job in JOBS:
            enqueue_if_claimed(job)
        if options["catch_up_only"]:
            return
        scheduler = BlockingScheduler(timezone=timezone.get_default_timezone())
        for job in JOBS:
            scheduler.add_job(
                fire,
                job.trigger(),
                args=[job],
                id=job.command,
                # A fire delayed by a busy machine still counts; several missed fires
                # are one run, of the latest slot.
                misfire_grace_time=int(job.grace.total_seconds()),
                coalesce=True,
                max_instances=1,
            )
        self.stdout.write(f"Scheduling {len(JOBS)} jobs; stop with Ctrl-C or SIGTERM.")
        try:
            scheduler.start()
        except (KeyboardInterrupt, SystemExit):
            scheduler.shutdown(wait=False)
