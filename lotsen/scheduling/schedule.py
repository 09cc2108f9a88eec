"""The daily and hourly jobs, their times, and when a job is overdue (decision 0199).

The one place that says when each job runs: `run_scheduler` fires them from here and
`/readyz` reads the same table to tell a job that has not run. Each job is a management
command, so an operator runs the same work by hand with the name shown here.
"""

import datetime
from dataclasses import dataclass, field

from apscheduler.triggers.cron import CronTrigger
from django.conf import settings

# How far back the last slot of a job is looked for: longer than the longest gap between
# two slots (a working-day job over a long weekend).
LOOKBACK = datetime.timedelta(days=8)


@dataclass(frozen=True)
class Job:
    """A management command run at the times of a cron expression, in Swedish time.

    `grace`: how long after its slot the job may take to finish before it is overdue.
    """

    command: str
    cron: dict[str, str] = field(hash=False)
    grace: datetime.timedelta

    def trigger(self) -> CronTrigger:
        return CronTrigger(timezone=settings.TIME_ZONE, **self.cron)

    def latest_slot(self, now: datetime.datetime) -> datetime.datetime | None:
        """The newest time at or before `now` at which the job was to run."""
        trigger = self.trigger()
        latest = None
        slot = trigger.get_next_fire_time(None, now - LOOKBACK)
        while slot is not None and slot <= now:
            latest = slot
            slot = trigger.get_next_fire_time(slot, slot + datetime.timedelta(seconds=1))
        return latest


HOUR = datetime.timedelta(hours=1)
DAILY = HOUR * 2

# Retention first, at night; then the figures, the audit check after them, and the mail
# before the working day begins (docs/operations.md, "Scheduled jobs").
JOBS = (
    Job("erase_expired_identities", {"hour": "2", "minute": "0"}, DAILY),
    Job("erase_expired_support_contacts", {"hour": "2", "minute": "10"}, DAILY),
    Job("erase_event_visitor_data", {"hour": "2", "minute": "20"}, DAILY),
    Job("purge_yearly_reports", {"hour": "2", "minute": "30"}, DAILY),
    Job("purge_idempotent_writes", {"hour": "2", "minute": "40"}, DAILY),
    Job("warm_impact_figures", {"hour": "3", "minute": "0"}, DAILY),
    Job("verify_audit_trail", {"hour": "4", "minute": "0"}, DAILY),
    Job("audit_checkpoint", {"minute": "5"}, HOUR / 2),
    Job("send_procurement_alerts", {"hour": "6", "minute": "0"}, DAILY),
    Job("send_placement_reminders", {"day_of_week": "mon-fri", "hour": "7", "minute": "0"}, DAILY),
)

JOBS_BY_COMMAND = {job.command: job for job in JOBS}
