"""A yearly report job: asked for by someone, built in the background, kept for a while.

The files are made once for the requester's view of small cells and kept
RETENTION_DAYS days after they were asked for; then `purge_expired` deletes the
job with its files (see lotsen.yearly_report.services and docs/access-rules.md).
"""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

RETENTION_DAYS = 30


class ReportJobQuerySet(models.QuerySet):
    def visible_to(self, user) -> "ReportJobQuerySet":
        from . import policies

        return policies.jobs_visible_to(user, self)


def _report_path(job: "ReportJob", filename: str) -> str:
    # A random folder: the file's name cannot be guessed even where media are served.
    return f"yearly_reports/{job.token}/{filename}"


def _new_token() -> str:
    return secrets.token_urlsafe(16)


class ReportJob(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Being made")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    year = models.PositiveSmallIntegerField(_("year"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    # Decided from the requester's role when asked for; the files follow it.
    shows_small_cells = models.BooleanField(_("shows counts under 5"), default=False)
    language = models.CharField(_("language"), max_length=10, default="sv")
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    step = models.CharField(_("step"), max_length=200, blank=True)
    message = models.TextField(_("message"), blank=True)
    token = models.CharField(max_length=32, default=_new_token, editable=False)
    pdf = models.FileField(_("PDF"), upload_to=_report_path, blank=True)
    xlsx = models.FileField(_("XLSX"), upload_to=_report_path, blank=True)
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    objects = ReportJobQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("yearly report")
        verbose_name_plural = _("yearly reports")
        indexes = [models.Index(fields=["requested_at"], name="yearly_report_requested")]

    def __str__(self) -> str:
        return f"{self.year} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("yearly_report:job", args=[self.pk])

    @property
    def is_pending(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    @property
    def is_done(self) -> bool:
        return self.status == self.Status.DONE
