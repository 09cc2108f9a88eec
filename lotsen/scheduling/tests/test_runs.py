import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django_tasks import default_task_backend

from lotsen.scheduling.models import JobRun
from lotsen.scheduling.schedule import JOBS, JOBS_BY_COMMAND
from lotsen.scheduling.services import job_claim, job_run, jobs_overdue

from .factories import jobs_done_on_time

STOCKHOLM = ZoneInfo("Europe/Stockholm")
MONDAY_MORNING = datetime.datetime(2026, 6, 15, 9, 30, tzinfo=STOCKHOLM)


@pytest.fixture
def queued_tasks(settings):
    """A task backend that keeps what is enqueued, as a worker that has not run it yet."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()
    return default_task_backend.results


def test_two_claims_of_the_same_slot_give_one_run(db):
    job = JOBS_BY_COMMAND["verify_audit_trail"]
    first = job_claim(job=job, now=MONDAY_MORNING)
    second = job_claim(job=job, now=MONDAY_MORNING + datetime.timedelta(minutes=1))
    assert first is not None
    assert second is None
    assert JobRun.objects.get().slot == datetime.datetime(2026, 6, 15, 4, 0, tzinfo=STOCKHOLM)


def test_the_next_slot_is_claimed_anew(db):
    job = JOBS_BY_COMMAND["verify_audit_trail"]
    job_claim(job=job, now=MONDAY_MORNING)
    assert job_claim(job=job, now=MONDAY_MORNING + datetime.timedelta(days=1)) is not None
    assert JobRun.objects.count() == 2


def test_a_run_records_when_it_started_and_finished(db):
    run = job_claim(job=JOBS_BY_COMMAND["verify_audit_trail"], now=MONDAY_MORNING)
    job_run(run_id=run.pk)
    run.refresh_from_db()
    assert run.outcome == JobRun.Outcome.SUCCEEDED
    assert run.started_at <= run.finished_at
    assert run.error == ""


def test_a_failed_run_records_the_error(db, monkeypatch):
    def broken(*args, **kwargs):
        raise CommandError("The audit trail is broken at event 7")

    monkeypatch.setattr("lotsen.scheduling.services.call_command", broken)
    run = job_claim(job=JOBS_BY_COMMAND["verify_audit_trail"], now=MONDAY_MORNING)
    with pytest.raises(CommandError):
        job_run(run_id=run.pk)
    run.refresh_from_db()
    assert run.outcome == JobRun.Outcome.FAILED
    assert "broken at event 7" in run.error
    assert run.finished_at is not None


def test_no_job_is_overdue_when_each_ran_for_its_latest_slot(db):
    jobs_done_on_time(MONDAY_MORNING)
    assert jobs_overdue(now=MONDAY_MORNING) == []


def test_a_job_is_overdue_once_its_grace_has_passed_without_a_successful_run(db):
    jobs_done_on_time(MONDAY_MORNING)
    # Tuesday 04:00 comes; the audit check is not overdue until its two hours of grace pass.
    tuesday = datetime.datetime(2026, 6, 16, 5, 59, tzinfo=STOCKHOLM)
    assert "verify_audit_trail" not in jobs_overdue(now=tuesday)
    later = tuesday + datetime.timedelta(minutes=2)
    assert "verify_audit_trail" in jobs_overdue(now=later)


def test_a_failed_or_unfinished_run_does_not_count_as_done(db):
    jobs_done_on_time(MONDAY_MORNING)
    JobRun.objects.filter(job="audit_checkpoint").update(outcome=JobRun.Outcome.FAILED)
    JobRun.objects.filter(job="warm_impact_figures").update(outcome=JobRun.Outcome.RUNNING)
    assert jobs_overdue(now=MONDAY_MORNING) == ["warm_impact_figures", "audit_checkpoint"]


def test_catching_up_enqueues_each_job_once_even_when_two_schedulers_start(db, queued_tasks):
    call_command("run_scheduler", "--catch-up-only")
    call_command("run_scheduler", "--catch-up-only")
    assert JobRun.objects.count() == len(JOBS)
    assert len(queued_tasks) == len(JOBS)
    assert {result.kwargs["run_id"] for result in queued_tasks} == set(
        JobRun.objects.values_list("pk", flat=True)
    )
