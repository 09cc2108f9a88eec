"""Occupation before and after in the follow-up report, counted by hand."""

import csv
import datetime
import io

import pytest

from .. import services
from ..models import Participant, Placement
from ..reports import extent_band
from .factories import OpeningFactory, activate, enterprise_of, propose

# (gender, percent at start, outcome, percent after) for each ended placement.
ENDED = [
    ("woman", 0, "work_unsubsidised", 100),
    ("man", 0, "work_subsidised", 50),
    ("woman", 20, "studies", 50),
    ("woman", 25, "sick_leave", 0),
    ("man", 75, "job_seeking", None),
    ("woman", None, "work_at_enterprise", 75),
    ("woman", 100, "drop_out", 24),
]

# Rows in report order; columns woman, man, other or not stated, total.
OCCUPATION_BEFORE = [
    ("0 %", ["1", "1", "0", "2"]),
    ("1–24 %", ["1", "0", "0", "1"]),
    ("25–49 %", ["1", "0", "0", "1"]),
    ("50–74 %", ["0", "0", "0", "0"]),
    ("75–100 %", ["1", "1", "0", "2"]),
    ("Okänt", ["1", "0", "0", "1"]),
    ("Totalt", ["5", "2", "0", "7"]),
]
OCCUPATION_AFTER = [
    ("Arbete utan subvention", ["1", "0", "0", "1"]),
    ("Arbete med subvention", ["0", "1", "0", "1"]),
    ("Anställd i det sociala företaget", ["1", "0", "0", "1"]),
    ("Studier", ["1", "0", "0", "1"]),
    ("Aktivt arbetssökande", ["0", "1", "0", "1"]),
    ("Annat", ["2", "0", "0", "2"]),
    ("Totalt", ["5", "2", "0", "7"]),
]
EXTENT_AFTER = [
    ("0 %", ["1", "0", "0", "1"]),
    ("1–24 %", ["1", "0", "0", "1"]),
    ("25–49 %", ["0", "0", "0", "0"]),
    ("50–74 %", ["1", "1", "0", "2"]),
    ("75–100 %", ["2", "0", "0", "2"]),
    ("Okänt", ["0", "1", "0", "1"]),
    ("Totalt", ["5", "2", "0", "7"]),
]
EXPECTED = {
    "occupation_before": OCCUPATION_BEFORE,
    "occupation_after": OCCUPATION_AFTER,
    "occupation_extent_after": EXTENT_AFTER,
}


def hidden(rows):
    """The same rows as someone other than the coordinator sees them."""
    return [(label, ["<5" if v in "1234" else v for v in values]) for label, values in rows]


def end_with(placement, coordinator, *, gender, before, outcome, after) -> Placement:
    Participant.objects.filter(pk=placement.referral.participant_id).update(
        gender=gender, work_study_percent=before
    )
    return services.placement_end(
        actor=coordinator,
        placement=placement,
        ended_on=datetime.date.today(),
        exit_reason="other",
        outcome=outcome,
        income_source_after="salary",
        work_study_percent_after=after,
    )


@pytest.fixture
def ended(coordinator, caseworker, enterprise_user):
    opening = OpeningFactory(enterprise=enterprise_of(enterprise_user), capacity=len(ENDED))
    for gender, before, outcome, after in ENDED:
        placement = activate(
            propose(coordinator, caseworker, opening),
            enterprise_user=enterprise_user,
            caseworker=caseworker,
            coordinator=coordinator,
        )
        end_with(placement, coordinator, gender=gender, before=before, outcome=outcome, after=after)


@pytest.mark.parametrize(
    ("percent", "band"),
    [
        (0, "0 %"),
        (1, "1–24 %"),
        (24, "1–24 %"),
        (25, "25–49 %"),
        (74, "50–74 %"),
        (75, "75–100 %"),
        (100, "75–100 %"),
        (None, "Okänt"),
    ],
)
def test_extent_bands_have_the_documented_edges(percent, band):
    assert extent_band(percent) == band


@pytest.mark.parametrize("role_fixture", ["coordinator", "steering"])
def test_occupation_before_and_after_is_counted_and_small_cells_hidden(
    db, request, client, ended, role_fixture
):
    client.force_login(request.getfixturevalue(role_fixture))
    tables = {table.key: table for table in client.get("/lotsning/rapporter/").context["tables"]}
    for key, rows in EXPECTED.items():
        shown = [(label, [str(cell) for cell in cells]) for label, cells in tables[key].rows]
        assert shown == (rows if role_fixture == "coordinator" else hidden(rows)), key


@pytest.mark.parametrize("role_fixture", ["coordinator", "steering"])
def test_the_csv_holds_the_occupation_tables(db, request, client, ended, role_fixture):
    client.force_login(request.getfixturevalue(role_fixture))
    response = client.get("/lotsning/rapporter/csv/")
    lines = list(csv.reader(io.StringIO(response.content.decode())))
    titles = {
        "occupation_before": "Sysselsättning före: arbete eller studier vid start, procent av "
        "heltid (avslutade deltagare)",
        "occupation_after": "Sysselsättning efter: utfall vid avslut (avslutade deltagare)",
        "occupation_extent_after": "Sysselsättning efter: arbete eller studier vid avslut, "
        "procent av heltid (avslutade deltagare)",
    }
    for key, title in titles.items():
        start = lines.index([title, "Kvinna", "Man", "Annat eller vill inte uppge", "Totalt"])
        rows = EXPECTED[key] if role_fixture == "coordinator" else hidden(EXPECTED[key])
        assert lines[start + 1 : start + 1 + len(rows)] == [
            [label, *values] for label, values in rows
        ]


def test_an_outsider_gets_no_occupation_report(client, ended, caseworker):
    client.force_login(caseworker)
    assert client.get("/lotsning/rapporter/").status_code == 403
    assert client.get("/lotsning/rapporter/csv/").status_code == 403


@pytest.mark.parametrize("bad", ["101", "-1", "femtio"])
def test_an_extent_outside_0_to_100_is_refused_on_the_exit_form(
    client, coordinator, caseworker, enterprise_user, bad
):
    placement = activate(
        propose(coordinator, caseworker, OpeningFactory(enterprise=enterprise_of(enterprise_user))),
        enterprise_user=enterprise_user,
        caseworker=caseworker,
        coordinator=coordinator,
    )
    client.force_login(coordinator)
    data = {
        "ended_on": datetime.date.today().isoformat(),
        "exit_reason": "work",
        "outcome": "work_subsidised",
        "income_source_after": "salary",
    }
    url = f"/lotsning/placeringar/{placement.pk}/avsluta/"
    response = client.post(url, {**data, "work_study_percent_after": bad})
    assert response.status_code == 200
    assert "Arbete eller studier efter avslut, procent av 40 timmar i veckan:" in response.text
    placement.refresh_from_db()
    assert placement.status == "active" and placement.work_study_percent_after is None
    assert not placement.outcome_checks.exists()
    client.post(url, {**data, "work_study_percent_after": "60"})
    placement.refresh_from_db()
    assert placement.status == "ended" and placement.work_study_percent_after == 60


def test_the_extent_after_is_optional_on_the_exit_form(
    client, coordinator, caseworker, enterprise_user
):
    placement = activate(
        propose(coordinator, caseworker, OpeningFactory(enterprise=enterprise_of(enterprise_user))),
        enterprise_user=enterprise_user,
        caseworker=caseworker,
        coordinator=coordinator,
    )
    client.force_login(coordinator)
    client.post(
        f"/lotsning/placeringar/{placement.pk}/avsluta/",
        {
            "ended_on": datetime.date.today().isoformat(),
            "exit_reason": "other",
            "outcome": "job_seeking",
            "income_source_after": "activity_support",
            "work_study_percent_after": "",
        },
    )
    placement.refresh_from_db()
    assert placement.status == "ended" and placement.work_study_percent_after is None
