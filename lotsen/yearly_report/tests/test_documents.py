from io import BytesIO

import pytest
from django.utils import timezone, translation
from openpyxl import load_workbook

from lotsen.yearly_report import content, documents

from . import factories

pytestmark = pytest.mark.django_db
LAST_YEAR = timezone.localdate().year - 1
NOTE = ".. = not shown, so that a small group cannot be worked out from the other figures."


def _outcome_row(workbook, label: str):
    sheet = workbook["Outcomes and progression"]
    return next(
        row
        for row in sheet.iter_rows(values_only=True)
        if row[0] == "Outcome at exit" and row[1] == label
    )


@pytest.fixture
def three_into_work(coordinator):
    factories.exits(3, year=LAST_YEAR, by=coordinator)
    factories.exits(6, year=LAST_YEAR, by=coordinator, outcome="job_seeking")
    factories.exits(9, year=LAST_YEAR, by=coordinator, outcome="studies")


def test_the_workbook_hides_small_counts_from_the_steering_group(three_into_work):
    with translation.override("en"):
        hidden = load_workbook(
            BytesIO(documents.xlsx(content.build(LAST_YEAR, show_small_cells=False)))
        )
        shown = load_workbook(
            BytesIO(documents.xlsx(content.build(LAST_YEAR, show_small_cells=True)))
        )
    assert _outcome_row(hidden, "Work")[2] == "<5"
    assert _outcome_row(shown, "Work")[2] == 3
    # The smallest other count goes with it, so the total does not give the 3 away; it
    # is not small itself, so it reads "..", explained on the row beneath the indicator.
    assert _outcome_row(hidden, "Actively seeking work")[2] == ".."
    assert _outcome_row(hidden, "Studies")[2] == 9
    rows = list(hidden["Outcomes and progression"].iter_rows(values_only=True))
    assert ("Outcome at exit", NOTE) in [row[:2] for row in rows]
    shown_rows = list(shown["Outcomes and progression"].iter_rows(values_only=True))
    assert NOTE not in [row[1] for row in shown_rows]


def test_the_workbook_has_a_sheet_per_section_and_for_the_economy_and_estimate(coordinator):
    factories.plan(year=LAST_YEAR, by=coordinator)
    with translation.override("en"):
        workbook = load_workbook(
            BytesIO(documents.xlsx(content.build(LAST_YEAR, show_small_cells=True)))
        )
    names = workbook.sheetnames
    assert names[0] == "About" and "Outcomes and progression" in names
    assert {"Budget per area", "Socio-economic estimate", "Parameters"} <= set(names)
    economy = list(workbook["Budget per area"].iter_rows(values_only=True))
    assert economy[1][:3] == ("Advice", "The pot", 100000)


def test_the_pdf_text_hides_small_counts_from_the_steering_group(three_into_work):
    with translation.override("en"):
        hidden = documents.pdf_html(content.build(LAST_YEAR, show_small_cells=False))
        shown = documents.pdf_html(content.build(LAST_YEAR, show_small_cells=True))
    assert '<th scope="row">Work</th><td>&lt;5</td>' in hidden
    assert '<th scope="row">Actively seeking work</th><td>..</td>' in hidden
    assert '<th scope="row">Work</th><td>3</td>' in shown
    assert NOTE in hidden and NOTE not in shown
    assert "Too few people to estimate" in hidden
    assert "Too few people to estimate" not in shown


def test_the_pdf_is_a_tagged_pdf_with_title_and_language(coordinator):
    factories.exits(6, year=LAST_YEAR, by=coordinator)
    with translation.override("sv"):
        report = content.build(LAST_YEAR, show_small_cells=False)
        html = documents.pdf_html(report)
        pdf = documents.pdf(report)
    assert pdf.startswith(b"%PDF")
    assert '<html lang="sv">' in html
    assert f"<title>Årsrapport {LAST_YEAR}</title>" in html
    assert "<h2>" in html and "<h3>" in html


def test_an_empty_year_says_so_in_both_documents(coordinator):
    factories.exits(1, year=LAST_YEAR - 1, by=coordinator)
    with translation.override("en"):
        report = content.build(LAST_YEAR, show_small_cells=True)
        html = documents.pdf_html(report)
        workbook = load_workbook(BytesIO(documents.xlsx(report)))
    assert "No records for the year" in html
    assert workbook["About"]["A4"].value == "No records for the year"


def test_the_workbook_holds_real_dates_and_hours_not_formatted_text(coordinator):
    factories.plan(year=LAST_YEAR, by=coordinator)
    with translation.override("en"):
        report = content.build(LAST_YEAR, show_small_cells=True)
        workbook = load_workbook(BytesIO(documents.xlsx(report)))
    made = workbook["About"]["B2"]
    assert made.is_date and made.number_format == documents.DATETIME_FORMAT
    assert made.value == timezone.localtime(report.made_at).replace(tzinfo=None, microsecond=0)
    hours = workbook["Budget per area"]["E2"]
    assert not isinstance(hours.value, str) and hours.number_format == documents.HOURS_FORMAT


def test_the_workbook_runs_no_formula_typed_by_people(coordinator):
    from lotsen.funding.models import PlanItem
    from lotsen.organisations.tests.factories import OrganisationFactory

    factories.plan(year=LAST_YEAR, by=coordinator)
    PlanItem.objects.update(responsible_party=OrganisationFactory(name="=cmd|' /C calc'!A0"))
    with translation.override("en"):
        report = content.build(LAST_YEAR, show_small_cells=True)
        workbook = load_workbook(BytesIO(documents.xlsx(report)))
    row = workbook["Budget per area"][2]
    assert row[1].value == "'=cmd|' /C calc'!A0"
    assert not isinstance(row[2].value, str)
