import socket

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def this_host() -> str:
    """The server a run was claimed on: with several schedulers, where to look."""
    return socket.gethostname()


class JobRun(models.Model):
    """One run of a scheduled job for one of its slots (körning).

    The row is the lock: a scheduler claims a slot by inserting it, and the unique
    constraint lets only one of several servers succeed (decision 0199).
    """

    class Outcome(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        SUCCEEDED = "succeeded", _("Succeeded")
        FAILED = "failed", _("Failed")

    job = models.CharField(_("job"), max_length=64)
    slot = models.DateTimeField(_("scheduled for"))
    claimed_by = models.CharField(_("claimed by"), max_length=255, default=this_host)
    claimed_at = models.DateTimeField(_("claimed"), default=timezone.now)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=16, choices=Outcome.choices, default=Outcome.QUEUED
    )
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("job run")
        verbose_name_plural = _("job runs")
        ordering = ["-slot", "job"]
        constraints = [
            # The lock: one run per job and slot, whichever server claims it first.
            models.UniqueConstraint(fields=["job", "slot"], name="scheduling_one_run_per_slot")
        ]

    def __str__(self) -> str:
        return f"{self.job} {self.slot:%Y-%m-%d %H:%M}"

    def start(self) -> None:
        self.started_at = timezone.now()
        self.outcome = self.Outcome.RUNNING
        self.save(update_fields=["started_at", "outcome"])

    def finish(self, *, error: str = "") -> None:
        self.finished_at = timezone.now()
        self.outcome = self.Outcome.FAILED if error else self.Outcome.SUCCEEDED
        self.error = error
        self.save(update_fields=["finished_at", "outcome", "error"])
