import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from django.core.management import get_commands

from lotsen.scheduling.schedule import JOBS, JOBS_BY_COMMAND

STOCKHOLM = ZoneInfo("Europe/Stockholm")
LOTSEN = Path(__file__).resolve().parents[2]

# Commands run by hand, never on a schedule: key rotation, the demo world, loading the
# starting content once, and the scheduler itself.
RUN_BY_HAND = {"rotate_identity_keys", "seed_demo", "load_starting_content", "run_scheduler"}


def lotsen_commands() -> set[str]:
    return {
        path.stem
        for path in LOTSEN.glob("*/management/commands/*.py")
        if not path.stem.startswith("_")
    }


def test_every_command_of_lotsen_is_scheduled_or_named_as_run_by_hand():
    unplaced = lotsen_commands() - JOBS_BY_COMMAND.keys() - RUN_BY_HAND
    assert not unplaced, f"Schedule these in lotsen/scheduling/schedule.py: {unplaced}"


def test_every_scheduled_job_is_a_command_that_exists():
    commands = get_commands()
    assert {job.command for job in JOBS} <= commands.keys()
    assert len(JOBS) == len(JOBS_BY_COMMAND)


def test_the_latest_slot_is_the_last_time_at_or_before_now_in_swedish_time():
    job = JOBS_BY_COMMAND["warm_impact_figures"]
    morning = datetime.datetime(2026, 6, 15, 9, 0, tzinfo=STOCKHOLM)
    assert job.latest_slot(morning) == datetime.datetime(2026, 6, 15, 3, 0, tzinfo=STOCKHOLM)
    night = datetime.datetime(2026, 6, 15, 2, 59, tzinfo=STOCKHOLM)
    assert job.latest_slot(night) == datetime.datetime(2026, 6, 14, 3, 0, tzinfo=STOCKHOLM)


def test_reminders_wait_for_the_working_week():
    job = JOBS_BY_COMMAND["send_placement_reminders"]
    sunday = datetime.datetime(2026, 6, 14, 12, 0, tzinfo=STOCKHOLM)
    assert job.latest_slot(sunday) == datetime.datetime(2026, 6, 12, 7, 0, tzinfo=STOCKHOLM)


def test_a_slot_keeps_its_swedish_hour_over_the_change_to_summer_time():
    job = JOBS_BY_COMMAND["verify_audit_trail"]
    after = datetime.datetime(2026, 3, 29, 12, 0, tzinfo=STOCKHOLM)
    slot = job.latest_slot(after)
    assert slot == datetime.datetime(2026, 3, 29, 4, 0, tzinfo=STOCKHOLM)
    assert slot.utcoffset() == datetime.timedelta(hours=2)
