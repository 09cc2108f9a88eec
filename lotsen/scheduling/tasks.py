from django_tasks import task

from .services import job_run


@task()
def run_scheduled_job(run_id: int) -> None:
    """Run a job the scheduler claimed, on whichever worker takes it (decision 0199)."""
    job_run(run_id=run_id)
