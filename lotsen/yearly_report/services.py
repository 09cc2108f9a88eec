"""Asking for a yearly report, making it in the background, and deleting old ones.

`report_request` records a job and enqueues `tasks.make_yearly_report`; the task
calls `report_make`, which moves the job through running to done (with its PDF
and workbook) or to failed (with a message), saving its progress as it goes so
the job's page can show it. `reports_purge_expired` deletes jobs and files older
than RETENTION_DAYS (run daily, like the other retention runs).
"""

import datetime
import logging

from django.core.files.base import ContentFile
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import content, documents, policies
from .models import RETENTION_DAYS, ReportJob

logger = logging.getLogger(__name__)

# The share of the progress bar the figures take; the PDF and the workbook share the rest.
FIGURES_SHARE = 70


def report_request(*, actor, year: int) -> ReportJob:
    """Record a job for `year` and enqueue it; ReportRefused when the year is not allowed."""
    from .tasks import make_yearly_report

    content.check_year(year)
    job = ReportJob.objects.create(
        year=year,
        requested_by=actor,
        shows_small_cells=policies.shows_small_cells(actor),
        language=translation.get_language() or "sv",
    )
    make_yearly_report.enqueue(job.pk)
    return job


def _save_progress(job: ReportJob, percent: int, step: str) -> None:
    job.progress, job.step = min(percent, 99), step[:200]
    job.save(update_fields=["progress", "step"])


def report_make(job_id: int) -> ReportJob | None:
    """Make the job's files; a failure marks the job failed with a message, never raises."""
    job = ReportJob.objects.filter(pk=job_id).first()
    if job is None or not job.is_pending:
        return job
    job.status, job.started_at, job.message = ReportJob.Status.RUNNING, timezone.now(), ""
    job.save(update_fields=["status", "started_at", "message"])
    with translation.override(job.language):
        try:
            report = content.build(
                job.year,
                show_small_cells=job.shows_small_cells,
                progress=lambda percent, step: _save_progress(
                    job, percent * FIGURES_SHARE // 100, step
                ),
            )
            _save_progress(job, FIGURES_SHARE, _("PDF"))
            pdf = documents.pdf(report)
            _save_progress(job, 90, _("Workbook"))
            workbook = documents.xlsx(report)
        except content.ReportRefused as error:
            return _fail(job, str(error))
        except Exception:
            logger.exception("yearly report %s for %s failed", job.pk, job.year)
            return _fail(
                job,
                _(
                    "The report could not be made because of an error on our side. "
                    "Try again; if it fails again, tell the coordinator."
                ),
            )
        name = f"arsrapport-{job.year}"
        job.pdf.save(f"{name}.pdf", ContentFile(pdf), save=False)
        job.xlsx.save(f"{name}.xlsx", ContentFile(workbook), save=False)
    job.status, job.progress, job.step = ReportJob.Status.DONE, 100, ""
    job.finished_at = timezone.now()
    job.save()
    return job


def _fail(job: ReportJob, message: str) -> ReportJob:
    job.status, job.message, job.finished_at = ReportJob.Status.FAILED, message, timezone.now()
    job.save(update_fields=["status", "message", "finished_at"])
    return job


def reports_due_for_purge(now: datetime.datetime | None = None):
    """Jobs asked for more than RETENTION_DAYS ago."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=RETENTION_DAYS)
    return ReportJob.objects.filter(requested_at__lt=cutoff)


def reports_purge_expired(now: datetime.datetime | None = None) -> int:
    """Delete jobs asked for more than RETENTION_DAYS ago, with their files; returns how many."""
    expired = list(reports_due_for_purge(now))
    for job in expired:
        for file in (job.pdf, job.xlsx):
            if file:
                file.delete(save=False)
    ReportJob.objects.filter(pk__in=[job.pk for job in expired]).delete()
    return len(expired)
