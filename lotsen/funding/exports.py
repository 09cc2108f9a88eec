"""The year's figures as an XLSX workbook and a PDF summary for the steering group."""

from io import BytesIO

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from lotsen.core.exports import xlsx_cell

from .followup import Followup
from .models import Plan

MONEY_FORMAT = "#,##0.00"
HOURS_FORMAT = "#,##0.0"


def _sheet(workbook: Workbook, title: str, header: list[str], rows, formats: dict[int, str]):
    sheet = workbook.create_sheet(title=title[:31])
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        # Plan goals and notes are typed by people: never let one run as a formula.
        sheet.append([xlsx_cell(value) for value in row])
        for column, number_format in formats.items():
            sheet.cell(row=sheet.max_row, column=column).number_format = number_format
    sheet.freeze_panes = "A2"
    for column in sheet.columns:
        width = max(len(str(cell.value or "")) for cell in column)
        sheet.column_dimensions[column[0].column_letter].width = min(max(width + 2, 10), 60)
    return sheet


def year_workbook(plan: Plan, followup: Followup, *, contributions, expenditures) -> bytes:
    """Plan, contributions, expenditures and follow-up, one sheet each; amounts exact."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    _sheet(
        workbook,
        _("Plan"),
        [
            _("Priority"),
            _("Support area"),
            _("Goal"),
            _("Budget (SEK)"),
            _("Committed hours"),
            _("Responsible"),
        ],
        [
            (
                item.priority,
                item.area.name,
                item.goal,
                item.budget,
                item.committed_hours,
                item.responsible_label,
            )
            for item in plan.items.select_related("area", "responsible_party")
        ]
        + [("", _("The coordinator's cost"), "", plan.coordinator_cost, None, _("The pot"))],
        {4: MONEY_FORMAT, 5: HOURS_FORMAT},
    )
    _sheet(
        workbook,
        _("Contributions"),
        [
            _("Party"),
            _("Year"),
            _("Money (SEK)"),
            _("Hours in kind"),
            _("Hourly value (SEK)"),
            _("Value in kind (SEK)"),
            _("Paid on"),
            _("Note"),
        ],
        (
            (
                c.party.name,
                c.year,
                c.amount,
                c.hours,
                c.hourly_value,
                c.in_kind_value,
                c.paid_on,
                c.note,
            )
            for c in contributions.select_related("party")
        ),
        {3: MONEY_FORMAT, 4: HOURS_FORMAT, 5: MONEY_FORMAT, 6: MONEY_FORMAT, 7: "yyyy-mm-dd"},
    )
    _sheet(
        workbook,
        _("Expenditures"),
        [
            _("Date"),
            _("Support area"),
            _("Supplier"),
            _("Description"),
            _("Excluding VAT (SEK)"),
            _("VAT rate (%)"),
            _("VAT (SEK)"),
            _("Including VAT (SEK)"),
        ],
        (
            (
                e.spent_on,
                e.area.name,
                e.supplier,
                e.description,
                e.net_amount,
                e.vat_rate,
                e.vat,
                e.gross_amount,
            )
            for e in expenditures.select_related("area").order_by("spent_on", "pk")
        ),
        {1: "yyyy-mm-dd", 5: MONEY_FORMAT, 7: MONEY_FORMAT, 8: MONEY_FORMAT},
    )
    _sheet(
        workbook,
        _("Follow-up"),
        [
            _("Support area"),
            _("Responsible"),
            _("Budget (SEK)"),
            _("Outcome (SEK)"),
            _("Remaining (SEK)"),
            _("Committed hours"),
            _("Delivered hours"),
        ],
        [
            (
                row.area.name,
                row.responsible,
                row.budget,
                row.spent,
                row.remaining,
                row.committed_hours,
                row.delivered_hours,
            )
            for row in followup.areas
        ]
        + [
            (
                _("The coordinator's cost"),
                _("The pot"),
                followup.coordinator_budget,
                followup.coordinator_spent,
                followup.coordinator_budget - followup.coordinator_spent,
                None,
                None,
            )
        ],
        {3: MONEY_FORMAT, 4: MONEY_FORMAT, 5: MONEY_FORMAT, 6: HOURS_FORMAT, 7: HOURS_FORMAT},
    )
    _sheet(
        workbook,
        _("Parties"),
        [
            _("Party"),
            _("Money (SEK)"),
            _("Paid (SEK)"),
            _("Share of the pot (%)"),
            _("Share of the use (SEK)"),
            _("Hours in kind"),
            _("Value in kind (SEK)"),
        ],
        (
            (
                row.party.name,
                row.money,
                row.paid,
                row.pot_share,
                row.use,
                row.hours,
                row.in_kind_value,
            )
            for row in followup.parties
        ),
        {
            2: MONEY_FORMAT,
            3: MONEY_FORMAT,
            4: "0.0",
            5: MONEY_FORMAT,
            6: HOURS_FORMAT,
            7: MONEY_FORMAT,
        },
    )
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def followup_pdf(followup: Followup) -> bytes:
    """A summary for a steering-group meeting, printed from HTML by WeasyPrint."""
    from weasyprint import HTML

    html = render_to_string("funding/followup_pdf.html", {"f": followup, "plan": followup.plan})
    # The summary links to nothing and loads nothing: it is printed from the HTML alone.
    return HTML(string=html, base_url=settings.SITE_URL).write_pdf()
