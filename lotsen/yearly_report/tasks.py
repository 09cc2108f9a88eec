from django_tasks import task

from .services import report_make, reports_purge_expired


@task()
def make_yearly_report(job_id: int) -> None:
    """Make one yearly report's PDF and workbook; the job row records progress and result."""
    report_make(job_id)


@task()
def purge_expired_yearly_reports() -> int:
    """The scheduled retention run; a worker or cron enqueues it daily."""
    return reports_purge_expired()
