"""The CPV–SNI correspondence the coordinator keeps: codes as people write them, and the
CSV import (cpv,sni,note) that checks every row before it writes any."""

import re
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from lotsen.core.models import Industry
from lotsen.organisations.tabular import UnreadableRow

from .models import CpvCode, CpvIndustryLink

HEADER = ["cpv", "sni", "note"]


def normalise_cpv(text: str) -> str:
    """ "90911200-5", "9091 1200" and "9091" all name 90911200 or 90910000."""
    code = re.sub(r"\s", "", text).split("-")[0]
    return code.ljust(8, "0") if code.isdigit() and len(code) <= 8 else code


def normalise_sni(text: str) -> str:
    """SCB writes 81.210; the database keeps 81210."""
    return re.sub(r"[\s.]", "", text)


def cpv_or_error(text: str) -> tuple[CpvCode | None, str]:
    code = normalise_cpv(text)
    found = CpvCode.objects.filter(code=code).first()
    if found:
        return found, ""
    return None, _("There is no CPV code %(code)s. Write its eight digits, e.g. 90911200.") % {
        "code": text.strip() or "–"
    }


def industry_or_error(text: str) -> tuple[Industry | None, str]:
    code = normalise_sni(text)
    found = Industry.objects.filter(code=code).first() if code.isdigit() else None
    if found:
        return found, ""
    return None, _("There is no SNI 2007 code %(code)s. Write it as SCB does, e.g. 81.210.") % {
        "code": text.strip() or "–"
    }


@dataclass
class ImportResult:
    problems: list[tuple[int, str]] = field(default_factory=list)
    created: int = 0
    unchanged: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


def import_rows(rows) -> ImportResult:
    """Rows of (line, cells) as `organisations.tabular.read_upload` gives them."""
    result = ImportResult()
    rows = [(line, cells) for line, cells in rows if not _blank(cells)]
    if not rows:
        result.problems.append((1, _("The file is empty.")))
        return result
    line, header = rows[0]
    if isinstance(header, UnreadableRow) or [c.strip().lower() for c in header[:2]] != HEADER[:2]:
        result.problems.append((line, _("The first row must be the headings cpv,sni,note.")))
        return result
    planned, seen = [], set()
    for line, cells in rows[1:]:
        if isinstance(cells, UnreadableRow):
            result.problems.append((line, cells.message))
            continue
        cells = [*cells, "", ""]
        cpv, cpv_error = cpv_or_error(cells[0])
        industry, sni_error = industry_or_error(cells[1])
        errors = [error for error in (cpv_error, sni_error) if error]
        if len(cells[2]) > 200:
            errors.append(_("The note is longer than 200 characters."))
        if errors:
            result.problems.append((line, " ".join(errors)))
        elif (cpv.code, industry.code) not in seen:
            seen.add((cpv.code, industry.code))
            planned.append(CpvIndustryLink(cpv=cpv, industry=industry, note=cells[2].strip()))
    if result.problems:
        return result
    existing = set(CpvIndustryLink.objects.values_list("cpv_id", "industry_id"))
    new = [link for link in planned if (link.cpv_id, link.industry_id) not in existing]
    with transaction.atomic():
        CpvIndustryLink.objects.bulk_create(new, ignore_conflicts=True)
    result.created, result.unchanged = len(new), len(planned) - len(new)
    return result


def _blank(cells) -> bool:
    return not isinstance(cells, UnreadableRow) and not any(c.strip() for c in cells)
