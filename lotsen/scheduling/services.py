"""Claiming a job's slot, running it, and finding the jobs that are overdue (decision 0199)."""

import datetime
import traceback
from io import StringIO

from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from .models import JobRun
from .schedule import JOBS, Job

# The end of a failed job's traceback kept on its run: enough to see what broke.
ERROR_CHARS = 4000


def job_claim(*, job: Job, now: datetime.datetime) -> JobRun | None:
    """Claim the job's latest slot; None when there is none or another server has it."""
    slot = job.latest_slot(now)
    if slot is None:
        return None
    try:
        # The savepoint keeps a refused insert from spoiling an outer transaction.
        with transaction.atomic():
            return JobRun.objects.create(job=job.command, slot=slot)
    except IntegrityError:
        return None


def job_run(*, run_id: int) -> JobRun:
    """Run the claimed job's command and record how it went."""
    run = JobRun.objects.get(pk=run_id)
    run.start()
    output = StringIO()
    try:
        call_command(run.job, stdout=output, stderr=output)
    except Exception:  # any failure of the command is recorded on its run and raised again
        run.finish(error=traceback.format_exc()[-ERROR_CHARS:])
        raise
    run.finish()
    return run


def jobs_overdue(*, now: datetime.datetime | None = None) -> list[str]:
    """The jobs whose latest slot, grace included, has passed without a successful run."""
    now = now or timezone.now()
    done = dict(
        JobRun.objects.filter(outcome=JobRun.Outcome.SUCCEEDED)
        .values_list("job")
        .annotate(last=Max("slot"))
    )
    overdue = []
    for job in JOBS:
        slot = job.latest_slot(now - job.grace)
        if slot is not None and (job.command not in done or done[job.command] < slot):
            overdue.append(job.command)
    return overdue
