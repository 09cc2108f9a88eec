"""People-facing exports open in Swedish Excel and never run a formula."""

import datetime
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from lotsen.core import exports


@pytest.mark.parametrize(
    "text", ["=1+1", "+46 70", "-2+3", "@SUM(A1)", "\t=cmd", "\r=cmd", '=HYPERLINK("x")']
)
def test_text_that_a_spreadsheet_would_run_gets_a_leading_quote(text):
    assert exports.neutralise(text) == "'" + text
    assert exports.csv_cell(text) == "'" + text
    assert exports.xlsx_cell(text) == "'" + text


@pytest.mark.parametrize("text", ["Anna", "Lots 2", "a=b", "", "'quoted"])
def test_ordinary_text_is_left_as_it_is(text):
    assert exports.neutralise(text) == text


def test_numbers_and_dates_stay_numbers_even_when_negative():
    assert exports.csv_cell(Decimal("-3.50")) == "-3,50"
    assert exports.csv_cell(8.5) == "8,5"
    assert exports.csv_cell(-4) == "-4"
    assert exports.csv_cell(None) == ""
    assert exports.csv_cell(datetime.date(2020, 1, 8)) == "2020-01-08"
    assert exports.xlsx_cell(Decimal("-3.50")) == Decimal("-3.50")


def test_the_csv_has_a_byte_order_mark_semicolons_and_decimal_commas():
    text = exports.csv_text(["Namn", "Timmar"], [["Åsa; Öberg", Decimal("3.5")], ["=1", 2]])
    assert text.startswith("\ufeff")
    assert text.splitlines() == ["\ufeffNamn;Timmar", '"Åsa; Öberg";3,5', "'=1;2"]


def test_the_csv_response_is_utf8_with_the_bom_first():
    response = exports.table_response(
        exports.CSV, filename="lista", title="Lista", header=["Ö"], rows=[["ä"]]
    )
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="lista.csv"' in response["Content-Disposition"]
    assert response.content.startswith("\ufeff".encode())
    assert response.content.decode("utf-8-sig").startswith("Ö\r\nä")


def test_the_workbook_keeps_numbers_typed_and_formulas_as_text():
    response = exports.table_response(
        exports.XLSX,
        filename="lista",
        title="En lista med ett alldeles för långt namn",
        header=["Namn", "Antal"],
        rows=[["=SUM(A1:A2)", 3]],
    )
    assert response["Content-Type"] == exports.XLSX_CONTENT_TYPE
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.title == "En lista med ett alldeles för l"
    assert sheet["A2"].value == "'=SUM(A1:A2)" and sheet["A2"].data_type == "s"
    assert sheet["B2"].value == 3


@pytest.mark.parametrize(
    "text", ["=1+1", "+cmd|x", "-2+3", "@SUM(A1)", "\t=cmd", "\r=cmd", "-", "+46 70-12"]
)
def test_an_imported_cell_that_would_run_looks_like_a_formula(text):
    assert exports.looks_like_formula(text)


@pytest.mark.parametrize("text", ["-5", "+46 70 123 45 67", "-3,50", "-0.5", "'=1+1", "a=b"])
def test_plain_numbers_and_apostrophe_text_are_no_formula(text):
    assert not exports.looks_like_formula(text)


def test_a_workbook_built_row_by_row_is_made_safe_keeping_numbers():
    workbook = exports.new_workbook()
    sheet = workbook.create_sheet("Blad")
    sheet.append(['=HYPERLINK("x")', -4, Decimal("2.5"), "Anna"])
    exports.neutralise_workbook(workbook)
    sheet = load_workbook(io.BytesIO(exports.xlsx_bytes(workbook))).active
    assert [cell.value for cell in sheet[1]] == ['\'=HYPERLINK("x")', -4, 2.5, "Anna"]
