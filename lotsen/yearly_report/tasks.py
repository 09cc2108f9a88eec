from django_tasks import task

from .services import report_make


@task()
def make_yearly_report(job_id: int) -> None:
    """Make one yearly report's PDF and workbook; the job row records progress and result."""
    report_make(job_id)
