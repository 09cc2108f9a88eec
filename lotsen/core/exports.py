"""Tables that people open in a spreadsheet: CSV for Swedish Excel, and XLSX.

Every people-facing export goes through here (decision 0159), so that each one
- is safe against formula injection: a text cell that begins with =, +, -, @, a tab
  or a carriage return is prefixed with a single quote (OWASP, "CSV injection");
- opens in Swedish Excel: UTF-8 with a byte order mark, semicolons between fields,
  a decimal comma.
Open data promised to machines keeps plain comma-separated UTF-8 and a decimal point,
but its text cells are made safe the same way (`neutralise`). An import refuses a
cell that `looks_like_formula` (decision 0171).
"""

import csv
import datetime
import io
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font

CSV = "csv"
XLSX = "xlsx"
FORMATS = (CSV, XLSX)
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# Excel's limit; longer sheet names are refused.
SHEET_TITLE_MAX = 31


def neutralise(text: str) -> str:
    """Make text that a spreadsheet would read as a formula read as text."""
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


# A plain number (a sign, digits, spaces between groups, one decimal mark) runs nothing.
_PLAIN_NUMBER = re.compile(r"[+-]?[\d ]*\d(?:[.,]\d+)?")


def looks_like_formula(text: str) -> bool:
    """Whether an imported cell would run in a spreadsheet: it begins like a formula and
    is not a plain number such as -5 or +46 70 123 45 67."""
    return text.startswith(FORMULA_TRIGGERS) and not _PLAIN_NUMBER.fullmatch(text)


def restore(text: str) -> str:
    """Undo `neutralise`, for a file exported here and imported again."""
    if text.startswith("'") and text[1:].startswith(FORMULA_TRIGGERS):
        return text[1:]
    return text


def _local(moment: datetime.datetime) -> datetime.datetime:
    return timezone.localtime(moment).replace(tzinfo=None) if timezone.is_aware(moment) else moment


def csv_cell(value) -> str:
    """One value as Swedish Excel reads it: ISO dates, a decimal comma, safe text."""
    if value is None:
        return ""
    if isinstance(value, bool | int):
        return str(int(value))
    if isinstance(value, Decimal | float):
        return str(value).replace(".", ",")
    if isinstance(value, datetime.datetime):
        return f"{_local(value):%Y-%m-%d %H:%M}"
    if isinstance(value, datetime.date):
        return value.isoformat()
    return neutralise(str(value))


def xlsx_cell(value):
    """One value for a workbook: numbers and dates stay typed, text is made safe."""
    if value is None or isinstance(value, bool | int | float | Decimal | datetime.date):
        return _local(value) if isinstance(value, datetime.datetime) else value
    return neutralise(str(value))


def csv_text(header: Sequence, rows: Iterable[Sequence]) -> str:
    """The table as CSV text for Swedish Excel, byte order mark first."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([csv_cell(str(label)) for label in header])
    writer.writerows([csv_cell(value) for value in row] for row in rows)
    return buffer.getvalue()


def xlsx_sheet(workbook: Workbook, title: str, header: Sequence, rows: Iterable[Sequence]):
    """Add one sheet with a bold, frozen header row and safe cells; returns the sheet."""
    sheet = workbook.create_sheet(title=str(title)[:SHEET_TITLE_MAX])
    sheet.append([xlsx_cell(str(label)) for label in header])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([xlsx_cell(value) for value in row])
    sheet.freeze_panes = "A2"
    return sheet


def neutralise_workbook(workbook: Workbook) -> None:
    """Make every text cell of a workbook built row by row safe, as `xlsx_cell` does."""
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    cell.value = neutralise(cell.value)


def xlsx_bytes(workbook: Workbook) -> bytes:
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def new_workbook() -> Workbook:
    workbook = Workbook()
    workbook.remove(workbook.active)
    return workbook


def csv_response(text: str, filename: str) -> HttpResponse:
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


def table_response(
    export_format: str, *, filename: str, title: str, header: Sequence, rows: Iterable[Sequence]
) -> HttpResponse:
    """One table as a CSV or XLSX download named `filename` plus the format's suffix."""
    if export_format == CSV:
        return csv_response(csv_text(header, rows), filename)
    workbook = new_workbook()
    xlsx_sheet(workbook, title, header, rows)
    return xlsx_response(xlsx_bytes(workbook), filename)
