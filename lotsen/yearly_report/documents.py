"""The yearly report as a PDF (WeasyPrint, from HTML) and as an XLSX workbook (openpyxl).

Both are made from the same Report, so they hold the same figures with the same
cells hidden. The PDF is tagged (PDF/UA): it has a title, a language and its
headings as the document's structure; the charts are inline SVG with a text
alternative and the table of figures beside each.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from lotsen.core import exports
from lotsen.core.small_cells import PROTECTING_NOTE, Hidden
from lotsen.socioeconomics import labels as estimate_labels

from .content import Report

# Excel number formats: Excel writes them with the separators of the reader's locale.
MONEY_FORMAT = "#,##0"
HOURS_FORMAT = "#,##0.0"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
ECONOMY_FORMATS = {3: MONEY_FORMAT, 4: MONEY_FORMAT, 5: HOURS_FORMAT, 6: HOURS_FORMAT}


def title(report: Report) -> str:
    return _("Yearly report %(year)s") % {"year": report.year}


def _valued_counts(report: Report) -> list[tuple[str, int]]:
    estimate = report.estimate
    return [
        (str(estimate_labels.GROUPS[group]), estimate.counts.get(group, 0))
        for group in estimate.valued_groups
    ]


def pdf_html(report: Report) -> str:
    """The HTML the PDF is printed from: the same text, cells hidden the same way."""
    return render_to_string(
        "yearly_report/report_pdf.html",
        {
            "report": report,
            "year": report.year,
            "title": title(report),
            "subtitle": _(
                "The effects of the support structure for work-integrating social "
                "enterprises in southern Norrbotten"
            ),
            "language": get_language() or settings.LANGUAGE_CODE,
            "cases": list(estimate_labels.CASES.items()),
            "parameters": list(report.estimate.parameters.values()),
            "valued_counts": _valued_counts(report),
            "cost_basis": estimate_labels.COST_BASES.get(report.estimate.cost_basis, ""),
        },
    )


def pdf(report: Report) -> bytes:
    from weasyprint import HTML

    html = pdf_html(report)
    # Printed from the HTML alone: it links to nothing and loads nothing.
    return HTML(string=html, base_url=settings.SITE_URL).write_pdf(pdf_variant="pdf/ua-1")


def _cell(value, hidden: Hidden | None):
    """A number stays a number in the workbook; a hidden one is its mark, <5 or .., as text."""
    if hidden:
        return str(hidden)
    return value


def _sheet(workbook: Workbook, name: str, header: list[str]):
    sheet = workbook.create_sheet(title=name[:31])
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    return sheet


def _fit(sheet) -> None:
    for column in sheet.columns:
        width = max(len(str(cell.value or "")) for cell in column)
        sheet.column_dimensions[column[0].column_letter].width = min(max(width + 2, 10), 60)


def xlsx(report: Report) -> bytes:
    workbook = Workbook()
    about = workbook.active
    about.title = _("About")[:31]
    about.append([title(report)])
    about["A1"].font = Font(bold=True, size=14)
    # A real date in the workbook, shown as the reader's Excel shows dates; local time,
    # since a cell holds no time zone, to the second, as Excel keeps it.
    made = timezone.localtime(report.made_at).replace(tzinfo=None, microsecond=0)
    about.append([_("Made"), made])
    about.cell(row=about.max_row, column=2).number_format = DATETIME_FORMAT
    about.append(
        [
            _("Small cells"),
            _("Every count shown (the coordinator's version).")
            if report.shows_small_cells
            else _(
                "Counts of 1–4 people are shown as <5; a count hidden only so that a small one "
                "cannot be worked out is shown as .."
            ),
        ]
    )
    if report.is_empty:
        about.append(
            [
                _("No records for the year"),
                _("There is nothing to measure for %(year)s.") % {"year": report.year},
            ]
        )
    _fit(about)

    this_year, last_year = str(report.year), str(report.year - 1)
    for section in report.sections:
        sheet = _sheet(
            workbook, section.title, [_("Indicator"), _("Row"), this_year, last_year, _("Unit")]
        )
        for result in section.results:
            for row in result.rows:
                sheet.append(
                    [
                        result.title,
                        row.label,
                        _cell(row.value, row.hidden),
                        _cell(row.previous, row.previous_hidden),
                        result.unit_label,
                    ]
                )
            if not result.rows:
                sheet.append([result.title, result.change_text])
            if result.protects:
                sheet.append([result.title, str(PROTECTING_NOTE)])
        _fit(sheet)

    economy = _sheet(
        workbook,
        _("Budget per area"),
        [
            _("Support area"),
            _("Responsible"),
            _("Budget (SEK)"),
            _("Outcome (SEK)"),
            _("Committed hours"),
            _("Delivered hours"),
        ],
    )
    if report.followup is None:
        economy.append([_("There is no funding plan for %(year)s.") % {"year": report.year}])
    else:
        for area in report.followup.areas:
            economy.append(
                [
                    str(area.area),
                    area.responsible,
                    area.budget,
                    area.spent,
                    area.committed_hours,
                    area.delivered_hours,
                ]
            )
            for column, number_format in ECONOMY_FORMATS.items():
                economy.cell(row=economy.max_row, column=column).number_format = number_format
    _fit(economy)

    estimate = report.estimate
    cases = list(estimate_labels.CASES.items())
    sheet = _sheet(
        workbook, _("Socio-economic estimate"), [_("Figure"), *[str(label) for _c, label in cases]]
    )
    if estimate.is_empty:
        sheet.append(
            [_("Nobody left a placement for work or studies in %(year)s.") % {"year": report.year}]
        )
    elif not report.estimate_shown:
        sheet.append(
            [
                _(
                    "Too few people to estimate: fewer than 5 people went to work or to "
                    "studies, and the figures would reveal how many."
                )
            ]
        )
    else:
        for label, people in _valued_counts(report):
            sheet.append([_("People: %(group)s") % {"group": label}, people, people, people])
        for actor in estimate.actors:
            sheet.append([actor.label, *[actor.values[case] for case, _l in cases]])
        sheet.append([_("The public sector"), *[estimate.public_total[c] for c, _l in cases]])
        sheet.append([_("The support structure's cost"), *[estimate.cost for _c in cases]])
        sheet.append([_("Net for the public sector"), *[estimate.net[c] for c, _l in cases]])
        sheet.append([_("Public return per krona"), *[estimate.ratio[c] for c, _l in cases]])
    _fit(sheet)

    parameters = _sheet(
        workbook,
        _("Parameters"),
        [
            _("Parameter"),
            *[str(label) for _c, label in cases],
            _("Unit"),
            _("Source"),
            _("Date"),
            _("Estimate to review"),
        ],
    )
    for parameter in estimate.parameters.values():
        parameters.append(
            [
                parameter.name,
                parameter.low,
                parameter.central,
                parameter.high,
                parameter.unit,
                ", ".join(
                    p
                    for p in (
                        parameter.source_title,
                        parameter.source_publisher,
                        parameter.source_url,
                    )
                    if p
                ),
                parameter.source_date,
                _("yes") if parameter.to_review else _("no"),
            ]
        )
    _fit(parameters)
    # Area names, parameters and their sources are typed by people.
    exports.neutralise_workbook(workbook)
    return exports.xlsx_bytes(workbook)
