"""The coordinator's import and export of enterprises and their profiles (CSV and XLSX).

One column layout serves both directions, so an exported file imports unchanged.
An import checks every row before it writes anything: one bad row and nothing is
saved, and every bad row is reported with its line number. Rows are matched on
the organisation number, so importing the same file twice changes nothing.
"""

import csv
import datetime
import io
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from lotsen.core import exports
from lotsen.core.identifiers import normalise_org_number
from lotsen.core.models import Industry, Municipality

from . import services
from .models import LegalForm, Organisation, Service, SocialEnterprise, TargetGroup

MAX_IMPORT_BYTES = 5 * 1024 * 1024
TRUE_WORDS = {"ja", "j", "yes", "y", "true", "sant", "1", "x"}
FALSE_WORDS = {"nej", "n", "no", "false", "falskt", "0", ""}


@dataclass(frozen=True)
class Column:
    header: str
    attribute: str
    kind: str = "text"  # text, bool, int, date, choice, list
    on: str = "profile"  # organisation or profile
    required: bool = False


COLUMNS = [
    Column("organisationsnummer", "org_number", on="organisation", required=True),
    Column("namn", "name", on="organisation", required=True),
    Column("kommunkod", "municipality", kind="municipality", on="organisation", required=True),
    Column("gatuadress", "street_address", on="organisation"),
    Column("postnummer", "postal_code", on="organisation"),
    Column("postort", "postal_town", on="organisation"),
    Column("epost", "email", on="organisation"),
    Column("telefon", "phone", on="organisation"),
    Column("webbplats", "website", on="organisation"),
    Column("associationsform", "legal_form", kind="legal_form"),
    Column("syfte_arbetsintegrering", "purpose_work_integration", kind="bool"),
    Column("medarbetarinflytande", "staff_participation", kind="bool"),
    Column("vinst_aterinvesteras", "profits_reinvested", kind="bool"),
    Column("oberoende_av_offentlig_sektor", "independent_of_public_sector", kind="bool"),
    Column("skoopi_medlem", "skoopi_member", kind="bool"),
    Column("certifierad_sedan", "certified_on", kind="date"),
    Column("grundat_ar", "founded_year", kind="int"),
    Column("antal_anstallda", "staff_count", kind="int"),
    Column("varav_fran_malgrupp", "staff_from_target_group", kind="int"),
    Column("sni_koder", "industries", kind="industries"),
    Column("tjanster", "services", kind="services"),
    Column("erbjudande", "offer"),
    Column("kommuner_som_betjanas", "municipalities_served", kind="municipalities"),
    Column("tar_emot_arbetstranare", "takes_trainees", kind="bool"),
    Column("arbetstraningsplatser", "trainee_capacity", kind="int"),
    Column("malgrupper", "target_groups", kind="target_groups"),
    Column("sprak", "languages"),
    Column("lokalens_tillganglighet", "premises_accessibility"),
    Column("beskrivning", "description"),
    Column("publik", "is_public", kind="bool"),
]
HEADERS = [column.header for column in COLUMNS]
REQUIRED_HEADERS = [column.header for column in COLUMNS if column.required]


class ImportFileError(Exception):
    """The file as a whole cannot be read; nothing was imported."""


@dataclass
class ImportResult:
    problems: list[tuple[int, str]] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


# Reading ---------------------------------------------------------------------------------


def _decode(data: bytes) -> str:
    if b"\x00" in data:
        raise ImportFileError(
            gettext_lazy(
                "The file is not text in UTF-8 or in Excel's Swedish CSV format. "
                "Save it as “CSV UTF-8” or “CSV (semikolonavgränsad)”."
            )
        )
    # Excel saves "CSV UTF-8" with a byte order mark and the older
    # "CSV (semikolonavgränsad)" in Windows-1252 on Swedish Windows.
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFileError(
        gettext_lazy(
            "The file is not text in UTF-8 or in Excel's Swedish CSV format. "
            "Save it as “CSV UTF-8” or “CSV (semikolonavgränsad)”."
        )
    )


@dataclass(frozen=True)
class UnreadableRow:
    """A row of a CSV file that cannot be split into cells; the import lists it."""

    message: str


# Each row with its line number in the file; a row that cannot be split is reported.
Rows = list[tuple[int, "list[str] | UnreadableRow"]]


def _records(lines: list[str]) -> Iterator[tuple[int, str | None]]:
    """The file's records with their first line numbers; None for an unbalanced quote.

    A quoted cell may hold line breaks, so a record runs on while its quotes are
    unbalanced. One that never closes would swallow the rest of the file: it is
    reported instead, and reading starts again on the line after it.
    """
    start = 0
    while start < len(lines):
        end = start
        record = lines[start]
        while record.count('"') % 2 and end + 1 < len(lines):
            end += 1
            record += lines[end]
        if record.count('"') % 2:
            yield start + 1, None
            start += 1
            continue
        yield start + 1, record
        start = end + 1


def read_csv(data: bytes) -> Rows:
    text = _decode(data)
    first_line = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first_line.count)
    rows: Rows = []
    # Only \r and \n end lines, as in csv; other Unicode line breaks are text.
    for line, record in _records(list(io.StringIO(text, newline=""))):
        if record is None:
            rows.append((line, UnreadableRow(_("a quotation mark is not closed"))))
            continue
        try:
            rows.append((line, next(csv.reader([record], delimiter=delimiter, strict=True), [])))
        except csv.Error:
            # Python's message is in English and about the parser: say what to fix instead.
            message = _("a quotation mark is misplaced inside a cell")
            rows.append((line, UnreadableRow(message)))
    return rows


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_xlsx(data: bytes) -> list[tuple[int, list[str]]]:
    try:
        # Formulas are read as written, so that the import can refuse them.
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise ImportFileError(_("The file is not an Excel workbook (.xlsx).")) from error
    sheet = workbook.worksheets[0]
    rows = [
        (number, [_cell_text(value) for value in values])
        for number, values in enumerate(sheet.iter_rows(values_only=True), 1)
    ]
    workbook.close()
    return rows


def read_upload(upload) -> Rows:
    if upload.size > MAX_IMPORT_BYTES:
        raise ImportFileError(_("The file is larger than 5 MB."))
    data = upload.read()
    if upload.name.lower().endswith(".xlsx") or data[:2] == b"PK":
        return read_xlsx(data)
    return read_csv(data)


# Checking and writing -------------------------------------------------------------------


def _parse(column: Column, raw: str, lookups: dict):
    if exports.looks_like_formula(raw):
        raise ValidationError(
            _(
                "“%(value)s” would run as a formula in a spreadsheet. If it is text, "
                "begin it with an apostrophe (')."
            )
            % {"value": raw.strip()[:40]}
        )
    # An exported file imports unchanged: the quote that kept a formula from running goes.
    value = exports.restore(raw).strip()
    if column.kind == "text":
        return value
    if column.kind == "bool":
        word = value.casefold()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        raise ValidationError(_("“%(value)s” is not yes or no (ja/nej).") % {"value": value})
    if column.kind == "int":
        if not value:
            return None
        try:
            return int(value)
        except ValueError as error:
            raise ValidationError(
                _("“%(value)s” is not a whole number.") % {"value": value}
            ) from error
    if column.kind == "date":
        if not value:
            return None
        try:
            return datetime.date.fromisoformat(value)
        except ValueError as error:
            raise ValidationError(
                _("“%(value)s” is not a date (YYYY-MM-DD).") % {"value": value}
            ) from error
    if column.kind == "legal_form":
        if value not in LegalForm.values:
            raise ValidationError(
                _("Unknown legal form “%(value)s”; use one of: %(choices)s.")
                % {"value": value, "choices": ", ".join(LegalForm.values)}
            )
        return value
    if column.kind == "municipality":
        if value not in lookups["municipalities"]:
            raise ValidationError(_("Unknown municipality code “%(value)s”.") % {"value": value})
        return lookups["municipalities"][value]
    items = [item.strip() for item in value.replace(";", ",").split(",") if item.strip()]
    if column.kind == "services":
        return items
    if column.kind == "target_groups":
        unknown = [item for item in items if item not in TargetGroup.values]
        if unknown:
            raise ValidationError(
                _("Unknown target group “%(value)s”.") % {"value": ", ".join(unknown)}
            )
        return sorted(items)
    if column.kind == "industries":
        codes = [item.replace(".", "") for item in items]
        unknown = [
            item
            for item, code in zip(items, codes, strict=True)
            if code not in lookups["industries"]
        ]
        if unknown:
            raise ValidationError(
                _("Unknown SNI 2007 code “%(value)s”.") % {"value": ", ".join(unknown)}
            )
        return [lookups["industries"][code] for code in codes]
    if column.kind == "municipalities":
        unknown = [item for item in items if item not in lookups["municipalities"]]
        if unknown:
            raise ValidationError(
                _("Unknown municipality code “%(value)s”.") % {"value": ", ".join(unknown)}
            )
        return [lookups["municipalities"][code] for code in items]
    raise AssertionError(column.kind)


def _messages(error: ValidationError, column_for: dict[str, str]) -> list[str]:
    if hasattr(error, "error_dict"):
        return [
            f"{column_for.get(name, name)}: {message}"
            for name, messages in error.message_dict.items()
            for message in messages
        ]
    return list(error.messages)


@dataclass
class _PlannedRow:
    line: int
    organisation: Organisation
    profile: SocialEnterprise
    many_to_many: dict[str, list]
    organisation_changed: bool
    profile_changed: bool


def _check_header(header: list[str]) -> list[Column]:
    names = [name.strip().casefold() for name in header]
    unknown = [name for name in names if name and name not in HEADERS]
    missing = [name for name in REQUIRED_HEADERS if name not in names]
    duplicates = sorted({name for name in names if name and names.count(name) > 1})
    if unknown or missing or duplicates:
        parts = []
        if missing:
            parts.append(_("missing columns: %(names)s") % {"names": ", ".join(missing)})
        if unknown:
            parts.append(_("unknown columns: %(names)s") % {"names": ", ".join(unknown)})
        if duplicates:
            parts.append(_("repeated columns: %(names)s") % {"names": ", ".join(duplicates)})
        raise ImportFileError(
            _("The first row must name the columns (%(parts)s). Allowed columns: %(allowed)s.")
            % {"parts": "; ".join(parts), "allowed": ", ".join(HEADERS)}
        )
    by_header = {column.header: column for column in COLUMNS}
    return [by_header.get(name) for name in names]


def _plan(rows: Rows, result: ImportResult) -> list[_PlannedRow]:
    # Blank lines carry nothing; Excel often leaves some at the end.
    rows = [
        (line, cells)
        for line, cells in rows
        if isinstance(cells, UnreadableRow) or any(cell.strip() for cell in cells)
    ]
    if not rows:
        raise ImportFileError(_("The file is empty."))
    if isinstance(rows[0][1], UnreadableRow):
        raise ImportFileError(
            _("The first row cannot be read: %(problem)s.") % {"problem": rows[0][1].message}
        )
    columns = _check_header(rows[0][1])
    column_for = {column.attribute: column.header for column in COLUMNS}
    lookups = {
        "municipalities": {
            municipality.code: municipality for municipality in Municipality.objects.all()
        },
        "industries": {
            industry.code: industry for industry in Industry.objects.filter(level="subclass")
        },
    }
    existing = {
        organisation.org_number: organisation
        for organisation in Organisation.objects.filter(org_number__isnull=False).select_related(
            "profile"
        )
    }
    seen: dict[str, int] = {}
    planned = []
    for line, cells in rows[1:]:
        if isinstance(cells, UnreadableRow):
            result.problems.append((line, cells.message))
            continue
        values, errors = {}, []
        if len(cells) < len(columns):
            # A skipped cell would shift every later one into the wrong column.
            skipped = [column.header for column in columns[len(cells) :] if column is not None]
            errors.append(
                _("the row ends before the columns %(names)s") % {"names": ", ".join(skipped)}
            )
        for column, raw in zip(columns, cells, strict=False):
            if column is None:
                continue
            try:
                values[column.attribute] = _parse(column, raw, lookups)
            except ValidationError as error:
                errors.append(f"{column.header}: {' '.join(error.messages)}")
        if len(cells) > len(columns) and any(cell.strip() for cell in cells[len(columns) :]):
            errors.append(_("the row has more cells than the first row has columns"))
        org_number = values.get("org_number", "")
        try:
            org_number = normalise_org_number(org_number)
        except ValidationError as error:
            errors.append(f"organisationsnummer: {' '.join(error.messages)}")
            org_number = None
        if org_number and org_number in seen:
            errors.append(
                _("organisation number %(number)s is also on line %(line)s")
                % {"number": org_number, "line": seen[org_number]}
            )
        elif org_number:
            seen[org_number] = line
        if errors:
            result.problems.append((line, "; ".join(errors)))
            continue
        planned_row = _plan_row(line, org_number, values, existing, column_for, result)
        if planned_row:
            planned.append(planned_row)
    return planned


def _plan_row(line, org_number, values, existing, column_for, result) -> _PlannedRow | None:
    organisation = existing.get(org_number)
    if organisation and organisation.kind != Organisation.Kind.SOCIAL_ENTERPRISE:
        result.problems.append(
            (
                line,
                _("%(number)s belongs to %(name)s, which is not a social enterprise")
                % {"number": org_number, "name": organisation.name},
            )
        )
        return None
    organisation = organisation or Organisation(kind=Organisation.Kind.SOCIAL_ENTERPRISE)
    profile = getattr(organisation, "profile", None) if organisation.pk else None
    profile = profile or SocialEnterprise()
    targets = {"organisation": organisation, "profile": profile}
    given = [
        column
        for column in COLUMNS
        if column.attribute in values and column.attribute not in services.MANY_TO_MANY_FIELDS
    ]
    original = {column.attribute: getattr(targets[column.on], column.attribute) for column in given}
    for column in given:
        value = org_number if column.attribute == "org_number" else values[column.attribute]
        setattr(targets[column.on], column.attribute, value)
    errors = []
    try:
        organisation.full_clean(exclude=["slug"])
    except ValidationError as error:
        errors += _messages(error, column_for)
    try:
        profile.full_clean(exclude=["organisation"])
    except ValidationError as error:
        errors += _messages(error, column_for)
    if errors:
        result.problems.append((line, "; ".join(errors)))
        return None
    # Compared after full_clean() so that a number typed differently but normalised
    # to the stored form counts as unchanged.
    changed = {
        column.on
        for column in given
        if getattr(targets[column.on], column.attribute) != original[column.attribute]
    }
    many_to_many = {name: values[name] for name in services.MANY_TO_MANY_FIELDS if name in values}
    return _PlannedRow(
        line,
        organisation,
        profile,
        many_to_many,
        organisation_changed=organisation.pk is None or "organisation" in changed,
        profile_changed=profile.pk is None or "profile" in changed,
    )


def import_rows(rows: Rows, *, imported_by) -> ImportResult:
    """Check every row, then write all of them in one transaction, or none."""
    result = ImportResult()
    planned = _plan(rows, result)
    if result.problems:
        return result
    with transaction.atomic():
        for row in planned:
            _write(row, imported_by, result)
    return result


def _write(row: _PlannedRow, imported_by, result: ImportResult) -> None:
    organisation, profile = row.organisation, row.profile
    is_new = profile.pk is None
    before = (
        services.profile_snapshot(SocialEnterprise.objects.get(pk=profile.pk)) if not is_new else {}
    )
    if row.organisation_changed:
        organisation.save()
    if row.profile_changed:
        profile.organisation = organisation
        profile.save()
    related_changed = False
    for name, items in row.many_to_many.items():
        if name == "services":
            items = Service.from_names(items)
        manager = getattr(profile, name)
        if {item.pk for item in manager.all()} != {item.pk for item in items}:
            manager.set(items)
            related_changed = True
    if is_new:
        result.created += 1
    elif row.organisation_changed or row.profile_changed or related_changed:
        result.updated += 1
    else:
        result.unchanged += 1
        return
    services.profile_record_changes(
        profile=profile, before=before, changed_by=imported_by, needs_verification=False
    )


# Writing ---------------------------------------------------------------------------------


def _export_value(column: Column, organisation: Organisation, profile: SocialEnterprise) -> str:
    source = organisation if column.on == "organisation" else profile
    if column.attribute == "municipality":
        return organisation.municipality_id or ""
    value = getattr(source, column.attribute)
    if column.kind == "bool":
        return "ja" if value else "nej"
    if column.kind == "industries":
        return ", ".join(industry.display_code for industry in value.all())
    if column.kind in ("services", "municipalities"):
        items = value.all()
        return ", ".join(
            item.code if column.kind == "municipalities" else item.name for item in items
        )
    if column.kind == "target_groups":
        return ", ".join(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return "" if value is None else str(value)


def export_rows(profiles: Iterable[SocialEnterprise]) -> Iterator[list[str]]:
    """The rows under HEADERS; lotsen.core.exports writes them as CSV or XLSX."""
    for profile in profiles:
        yield [_export_value(column, profile.organisation, profile) for column in COLUMNS]
