import datetime

from django.utils import timezone

from lotsen.core.roles import Role
from lotsen.scheduling.models import JobRun

RUNS = "/admin/scheduling/jobrun/"


def add_runs(count: int) -> None:
    newest = JobRun.objects.order_by("slot").last()
    start = newest.slot if newest else timezone.now()
    for hour in range(1, count + 1):
        JobRun.objects.create(
            job="audit_checkpoint",
            slot=start + datetime.timedelta(hours=hour),
            outcome=JobRun.Outcome.FAILED,
            error="Traceback: the checkpoint folder is read-only",
        )


def test_the_system_administrator_sees_every_run_with_its_outcome(client, admin_user):
    add_runs(1)
    client.force_login(admin_user)
    response = client.get(RUNS)
    assert response.status_code == 200
    assert "audit_checkpoint" in response.text
    assert "Misslyckades" in response.text


def test_a_run_cannot_be_changed_or_added(client, admin_user):
    add_runs(1)
    client.force_login(admin_user)
    run = JobRun.objects.get()
    assert client.get(f"{RUNS}add/").status_code == 403
    response = client.post(f"{RUNS}{run.pk}/change/", {"outcome": "succeeded"})
    assert response.status_code == 403
    run.refresh_from_db()
    assert run.outcome == JobRun.Outcome.FAILED


def test_the_coordinator_cannot_see_the_runs(client, all_personas):
    client.force_login(all_personas[Role.COORDINATOR])
    assert client.get(RUNS).status_code in (302, 403)


def test_the_list_needs_as_many_queries_with_more_runs(client, admin_user, assert_constant_queries):
    client.force_login(admin_user)
    assert_constant_queries(RUNS, add_runs)
