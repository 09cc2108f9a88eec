import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.shortcuts import resolve_url
from django.urls import reverse
from django.utils import timezone

from lotsen.accounts.models import Role
from lotsen.yearly_report import services
from lotsen.yearly_report.models import RETENTION_DAYS, ReportJob

from . import factories

pytestmark = pytest.mark.django_db
THIS_YEAR = timezone.localdate().year
LAST_YEAR = THIS_YEAR - 1
INDEX = reverse("yearly_report:index")
ALLOWED = {Role.COORDINATOR, Role.STEERING}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def records(coordinator):
    factories.exits(3, year=LAST_YEAR, by=coordinator)
    factories.exits(8, year=LAST_YEAR, by=coordinator, outcome="studies")


def _urls(job: ReportJob) -> list[str]:
    return [
        INDEX,
        reverse("yearly_report:job", args=[job.pk]),
        reverse("yearly_report:download", args=[job.pk, "pdf"]),
        reverse("yearly_report:download", args=[job.pk, "xlsx"]),
    ]


def test_only_the_coordinator_and_the_steering_group_reach_any_page(
    client, all_personas, records, steering
):
    job = services.report_request(actor=steering, year=LAST_YEAR)
    for role, user in all_personas.items():
        client.force_login(user)
        for url in _urls(job):
            response = client.get(url)
            expected = 200 if role in ALLOWED else 403
            assert response.status_code == expected, (role, url)
        response = client.post(INDEX, {"year": LAST_YEAR})
        assert response.status_code == (302 if role in ALLOWED else 403), role
    assert ReportJob.objects.count() == 1 + len(ALLOWED)


def test_an_anonymous_visitor_is_sent_to_log_in(client, records, steering, settings):
    job = services.report_request(actor=steering, year=LAST_YEAR)
    login = resolve_url(settings.LOGIN_URL)
    for url in _urls(job):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(login)


def test_the_steering_group_cannot_open_the_coordinators_full_report(
    client, coordinator, steering, records
):
    full = services.report_request(actor=coordinator, year=LAST_YEAR)
    client.force_login(steering)
    assert client.get(reverse("yearly_report:job", args=[full.pk])).status_code == 404
    download = reverse("yearly_report:download", args=[full.pk, "pdf"])
    assert client.get(download).status_code == 404
    assert full.year not in [job.year for job in client.get(INDEX).context["jobs"]]


def test_the_coordinator_reads_the_steering_groups_report(client, coordinator, steering, records):
    hidden = services.report_request(actor=steering, year=LAST_YEAR)
    client.force_login(coordinator)
    assert client.get(reverse("yearly_report:job", args=[hidden.pk])).status_code == 200


def test_a_steering_member_asks_for_a_report_and_downloads_the_pdf(client, steering, records):
    client.force_login(steering)
    response = client.post(INDEX, {"year": LAST_YEAR})
    job = ReportJob.objects.get()
    assert response.url == job.get_absolute_url()
    assert job.status == ReportJob.Status.DONE and job.progress == 100
    assert not job.shows_small_cells and job.requested_by == steering
    page = client.get(response.url)
    assert "hx-get" not in page.content.decode()  # nothing left to poll for
    pdf = client.get(reverse("yearly_report:download", args=[job.pk, "pdf"]))
    assert pdf["Content-Type"] == "application/pdf"
    assert f'filename="arsrapport-{LAST_YEAR}.pdf"' in pdf["Content-Disposition"]
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    xlsx = client.get(reverse("yearly_report:download", args=[job.pk, "xlsx"]))
    assert b"".join(xlsx.streaming_content).startswith(b"PK")


def test_a_future_year_is_refused_and_nothing_is_made(client, coordinator):
    client.force_login(coordinator)
    response = client.post(INDEX, {"year": THIS_YEAR + 1})
    assert response.status_code == 400
    assert "har inte börjat än" in response.content.decode()
    assert not ReportJob.objects.exists()


def test_a_year_before_the_records_is_refused(client, coordinator, records):
    client.force_login(coordinator)
    response = client.post(INDEX, {"year": LAST_YEAR - 3})
    assert response.status_code == 400
    assert "har inga uppgifter från före" in response.content.decode()
    assert not ReportJob.objects.exists()


@pytest.mark.parametrize("year", ["", "tjugo", "-1", "99999999999"])
def test_a_year_that_is_not_a_year_is_refused(client, coordinator, year):
    client.force_login(coordinator)
    assert client.post(INDEX, {"year": year}).status_code == 400
    assert not ReportJob.objects.exists()


def test_a_failure_marks_the_job_failed_with_a_message(client, coordinator, records):
    # A job queued for a year that is no longer allowed when the worker gets to it.
    job = ReportJob.objects.create(year=THIS_YEAR + 1, requested_by=coordinator)
    services.report_make(job.pk)
    job.refresh_from_db()
    assert job.status == ReportJob.Status.FAILED and "har inte börjat än" in job.message
    client.force_login(coordinator)
    page = client.get(job.get_absolute_url()).content.decode()
    assert job.message in page and "Beställ rapporten igen" in page
    download = client.get(reverse("yearly_report:download", args=[job.pk, "pdf"]))
    assert download.status_code == 302


def test_an_unexpected_error_fails_the_job_without_showing_the_error(
    coordinator, records, monkeypatch
):
    import weasyprint

    def broken(*args, **kwargs):
        raise OSError("no fonts")

    monkeypatch.setattr(weasyprint.HTML, "write_pdf", broken)
    job = services.report_request(actor=coordinator, year=LAST_YEAR)
    job.refresh_from_db()
    assert job.status == ReportJob.Status.FAILED
    assert "fel hos oss" in job.message and "fonts" not in job.message
    assert not job.pdf


def test_a_job_still_being_made_shows_its_progress_and_polls(client, coordinator):
    job = ReportJob.objects.create(
        year=LAST_YEAR,
        requested_by=coordinator,
        shows_small_cells=True,
        progress=40,
        status=ReportJob.Status.RUNNING,
        step="Events",
    )
    client.force_login(coordinator)
    page = client.get(job.get_absolute_url()).content.decode()
    assert 'value="40"' in page and "Events" in page and "hx-get" in page
    partial = client.get(job.get_absolute_url(), headers={"HX-Request": "true"})
    assert partial.content.decode().lstrip().startswith('<div id="job-status"')
    download = client.get(reverse("yearly_report:download", args=[job.pk, "pdf"]))
    assert download.status_code == 302


def test_an_unknown_kind_of_download_is_not_found(client, coordinator):
    job = ReportJob.objects.create(year=LAST_YEAR, requested_by=coordinator)
    client.force_login(coordinator)
    assert client.get(reverse("yearly_report:download", args=[job.pk, "docx"])).status_code == 404


def test_the_list_of_reports_takes_as_many_queries_with_more_reports(
    client, coordinator, assert_constant_queries
):
    client.force_login(coordinator)

    def add(n: int) -> None:
        for _ in range(n):
            ReportJob.objects.create(year=LAST_YEAR, requested_by=coordinator)

    assert_constant_queries(INDEX, add)


def test_reports_older_than_the_retention_time_are_deleted_with_their_files(coordinator, records):
    old = services.report_request(actor=coordinator, year=LAST_YEAR)
    recent = services.report_request(actor=coordinator, year=LAST_YEAR)
    old.refresh_from_db()
    path = old.pdf.path
    later = timezone.now() + datetime.timedelta(days=31)
    ReportJob.objects.filter(pk=recent.pk).update(requested_at=later - datetime.timedelta(days=1))
    assert services.reports_purge_expired(later) == 1
    assert list(ReportJob.objects.all()) == [recent]
    import os

    assert not os.path.exists(path)


def test_the_purge_dry_run_lists_the_reports_due_and_deletes_nothing(coordinator):
    old = ReportJob.objects.create(year=LAST_YEAR, requested_by=coordinator)
    recent = ReportJob.objects.create(year=LAST_YEAR, requested_by=coordinator)
    ReportJob.objects.filter(pk=old.pk).update(
        requested_at=timezone.now() - datetime.timedelta(days=RETENTION_DAYS + 1)
    )
    out = StringIO()

    call_command("purge_yearly_reports", "--dry-run", stdout=out)

    assert "would erase the yearly report and its files of 1." in out.getvalue()
    assert f"report {old.pk} ({LAST_YEAR})" in out.getvalue()
    assert f"report {recent.pk} " not in out.getvalue()
    assert ReportJob.objects.count() == 2
