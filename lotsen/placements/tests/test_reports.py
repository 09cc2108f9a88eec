"""The follow-up report: occupation before and after counted by hand, small cells hidden."""

import csv
import datetime
import io

import pytest

from lotsen.core.tests.test_small_cells import lines_with_one_hidden_cell

from .. import services
from ..models import Participant, Placement
from ..reports import extent_band
from .factories import register, started_placement

NOTE = ".. = uppgiften döljs för att en liten grupp inte ska kunna räknas fram"

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


@pytest.fixture
def start_episode(coordinator, caseworker, enterprise_user):
    """Makes a placement, started, for a newly referred participant."""

    def start() -> Placement:
        return started_placement(coordinator, caseworker, enterprise_user)

    return start


@pytest.fixture
def end_episode(start_episode, coordinator):
    """Makes a placement that ended today, with the participant's gender and work or studies."""

    def end(*, gender="woman", before=None, outcome="job_seeking", after=None, age=40) -> Placement:
        placement = start_episode()
        Participant.objects.filter(pk=placement.referral.participant_id).update(
            gender=gender, work_study_percent=before, birth_year=datetime.date.today().year - age
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

    return end


@pytest.fixture
def ended(end_episode):
    for gender, before, outcome, after in ENDED:
        end_episode(gender=gender, before=before, outcome=outcome, after=after)


def report_tables(client, user) -> dict:
    client.force_login(user)
    return {table.key: table for table in client.get("/lotsning/rapporter/").context["tables"]}


def report_csv(client, user) -> list[list[str]]:
    client.force_login(user)
    content = client.get("/lotsning/rapporter/csv/").content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(content), delimiter=";"))


def csv_rows(lines, table) -> list[list[str]]:
    """The rows of one table in the CSV, below its heading line."""
    start = lines.index([table.title, *table.columns])
    return lines[start + 1 : start + 1 + len(table.rows)]


def hidden_cells(table) -> set[tuple[int, int]]:
    return {
        (r, c)
        for r, (_label, cells) in enumerate(table.rows)
        for c, cell in enumerate(cells)
        if cell.hidden
    }


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


def test_occupation_before_and_after_is_counted_by_hand(client, ended, coordinator):
    tables = report_tables(client, coordinator)
    for key, rows in EXPECTED.items():
        shown = [(label, [str(cell) for cell in cells]) for label, cells in tables[key].rows]
        assert shown == rows, key


def test_the_csv_holds_the_occupation_tables(client, ended, coordinator):
    lines = report_csv(client, coordinator)
    titles = {
        "occupation_before": "Sysselsättning före: arbete eller studier vid start, procent av "
        "heltid (avslutade deltagare)",
        "occupation_after": "Sysselsättning efter: utfall vid avslut (avslutade deltagare)",
        "occupation_extent_after": "Sysselsättning efter: arbete eller studier vid avslut, "
        "procent av heltid (avslutade deltagare)",
    }
    for key, title in titles.items():
        start = lines.index([title, "Kvinna", "Man", "Annat eller vill inte uppge", "Totalt"])
        rows = EXPECTED[key]
        assert lines[start + 1 : start + 1 + len(rows)] == [
            [label, *values] for label, values in rows
        ]


def test_no_hidden_cell_can_be_worked_out_from_a_total_in_any_table(
    client, ended, coordinator, steering
):
    everything = report_tables(client, coordinator)
    lines = report_csv(client, steering)
    for key, table in report_tables(client, steering).items():
        counts = [[cell.value for cell in cells] for _label, cells in everything[key].rows]
        hidden = hidden_cells(table)
        small = {(r, c) for r, row in enumerate(counts) for c, n in enumerate(row) if 0 < n < 5}
        assert small <= hidden, key
        assert not lines_with_one_hidden_cell(counts, hidden), key
        # Only a small count reads "<5"; one hidden to protect it reads "..".
        for r, (_label, cells) in enumerate(table.rows):
            for c, cell in enumerate(cells):
                if cell.hidden:
                    assert str(cell) == ("<5" if (r, c) in small else ".."), (key, r, c)
        assert csv_rows(lines, table) == [
            [label, *[str(cell) for cell in cells]] for label, cells in table.rows
        ], key


REFERRED = [  # (consent given, gender, how many): one small cell, 2 men with consent
    (True, "woman", 6),
    (True, "man", 2),
    (False, "woman", 5),
    (False, "man", 7),
]


@pytest.fixture
def referred(caseworker):
    for consent, gender, count in REFERRED:
        for _ in range(count):
            participant = register(caseworker)
            Participant.objects.filter(pk=participant.pk).update(
                consent_given=consent, gender=gender
            )


def test_one_small_cell_in_a_row_hides_a_second_so_that_no_count_can_be_worked_out(
    client, referred, steering
):
    table = report_tables(client, steering)["referred"]
    # Rows with consent, anonymous and total; columns woman, man, other, total.
    assert hidden_cells(table) == {(0, 0), (0, 1), (1, 0), (1, 1)}
    # Only the 2 men with consent are few; the three counts hidden beside them read "..".
    assert [[str(cell) for cell in cells] for _label, cells in table.rows] == [
        ["..", "<5", "0", "8"],
        ["..", "..", "0", "12"],
        ["11", "9", "0", "20"],
    ]
    page = client.get("/lotsning/rapporter/").text
    assert "<td>..</td><td>&lt;5</td><td>0</td><td>8</td>" in page
    assert "<td>11</td><td>9</td><td>0</td><td>20</td>" in page
    assert page.count(NOTE) == 1  # under this table only: the others have nothing hidden
    lines = report_csv(client, steering)
    assert csv_rows(lines, table) == [
        ["Med samtycke", "..", "<5", "0", "8"],
        ["Anonyma, utan samtycke", "..", "..", "0", "12"],
        ["Totalt", "11", "9", "0", "20"],
    ]
    assert lines[lines.index(["Totalt", "11", "9", "0", "20"]) + 1][0].startswith(NOTE)


def test_men_with_consent_and_the_row_total_protect_a_small_count_and_read_as_such(
    client, caseworker, steering
):
    # The case of issue 15: 14 men with consent and the row total 42 were shown as "<5",
    # hidden only because 3 anonymous men (and so the anonymous total) are few.
    for consent, gender, count in [
        (True, "woman", 5),
        (True, "man", 14),
        (True, "other", 23),
        (False, "man", 3),
    ]:
        for _ in range(count):
            participant = register(caseworker)
            Participant.objects.filter(pk=participant.pk).update(
                consent_given=consent, gender=gender
            )
    table = report_tables(client, steering)["referred"]
    assert [[str(cell) for cell in cells] for _label, cells in table.rows] == [
        ["5", "..", "23", ".."],
        ["0", "<5", "0", "<5"],
        ["5", "17", "23", "45"],
    ]
    page = client.get("/lotsning/rapporter/").text
    assert "<td>5</td><td>..</td><td>23</td><td>..</td>" in page
    assert NOTE in page
    assert csv_rows(report_csv(client, steering), table)[0] == [
        "Med samtycke",
        "5",
        "..",
        "23",
        "..",
    ]


def test_the_coordinator_sees_every_count_of_the_same_table(client, referred, coordinator):
    table = report_tables(client, coordinator)["referred"]
    assert not hidden_cells(table)
    assert [[str(cell) for cell in cells] for _label, cells in table.rows] == [
        ["6", "2", "0", "8"],
        ["5", "7", "0", "12"],
        ["11", "9", "0", "20"],
    ]
    assert csv_rows(report_csv(client, coordinator), table)[0] == [
        "Med samtycke",
        "6",
        "2",
        "0",
        "8",
    ]


def test_a_total_hidden_in_one_table_of_participants_ended_is_hidden_in_all(
    client, end_episode, coordinator, steering
):
    # By age, six women share a band with two men: hiding the two hides the six, and
    # with them the women's total, which the table by occupation before would give back.
    for _ in range(6):
        end_episode(gender="woman", age=35, before=0)
    for age in [35, 35, 45, 45, 45]:
        end_episode(gender="man", age=age)
    everything = report_tables(client, coordinator)
    tables = report_tables(client, steering)
    assert [str(cell) for cell in everything["occupation_before"].rows[-1][1]] == [
        "6",
        "5",
        "0",
        "11",
    ]
    of_ended = [key for key in tables if key not in ("referred", "started")]
    for key in of_ended:
        assert [str(cell) for cell in tables[key].rows[-1][1]] == ["..", "..", "0", "11"], key
        counts = [[cell.value for cell in cells] for _label, cells in everything[key].rows]
        assert not lines_with_one_hidden_cell(counts, hidden_cells(tables[key])), key


def test_hiding_cells_takes_no_more_queries_with_more_people(
    client, steering, end_episode, assert_constant_queries
):
    client.force_login(steering)
    genders = ["woman", "man", "other"]
    assert_constant_queries(
        "/lotsning/rapporter/",
        lambda n: [end_episode(gender=genders[i % 3], before=i * 10) for i in range(n)],
        more=4,
    )


def test_an_outsider_gets_no_occupation_report(client, ended, caseworker):
    client.force_login(caseworker)
    assert client.get("/lotsning/rapporter/").status_code == 403
    assert client.get("/lotsning/rapporter/csv/").status_code == 403


@pytest.mark.parametrize("bad", ["101", "-1", "femtio"])
def test_an_extent_outside_0_to_100_is_refused_on_the_exit_form(
    client, coordinator, start_episode, bad
):
    placement = start_episode()
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


def test_the_extent_after_is_optional_on_the_exit_form(client, coordinator, start_episode):
    placement = start_episode()
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
