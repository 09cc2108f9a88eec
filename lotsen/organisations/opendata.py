"""The public directory as open data: one documented schema for CSV and JSON.

Only what a visitor sees on a public profile page goes out, and only for
public profiles (policies.public_profiles).
"""

import csv
import io
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from lotsen.core import exports

from .models import SocialEnterprise, VerificationStatus

LICENCE_NAME = "CC0 1.0"
LICENCE_URL = "https://creativecommons.org/publicdomain/zero/1.0/deed.sv"


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    description: str
    pattern: str = ""  # what every non-empty value matches, in the published schemas


SCHEMA = [
    Field("namn", "string", _("Name of the company")),
    Field(
        "organisationsnummer",
        "string",
        _("Organisation number, NNNNNN-NNNN"),
        pattern=r"^[0-9]{6}-[0-9]{4}$",
    ),
    Field("profilsida", "string (URL)", _("The company's page in the directory")),
    Field("kommun", "string", _("Municipality where the company is based")),
    Field("kommunkod", "string", _("SCB's four-digit municipality code"), pattern=r"^[0-9]{4}$"),
    Field("adress", "string", _("Street address, postal code and town")),
    Field(
        "telefon",
        "string",
        _("Phone number in international form (E.164)"),
        pattern=r"^\+[1-9][0-9]{1,14}$",
    ),
    Field("epost", "string", _("E-mail address")),
    Field("webbplats", "string (URL)", _("Website")),
    Field("associationsform", "string", _("Legal form, as a code (see below)")),
    Field("grundat_ar", "integer", _("Year founded")),
    Field("skoopi_medlem", "boolean", _("Member of SKOOPI")),
    Field("certifierad_sedan", "date", _("SKOOPI certified since (YYYY-MM-DD); empty if not")),
    Field("antal_anstallda", "integer", _("Number of staff")),
    Field(
        "andel_fran_malgrupp",
        "integer",
        _("Per cent of the staff who came from the target group"),
    ),
    Field(
        "reserverad_upphandling",
        "boolean",
        _(
            "At least 30 % from the target group: "
            "may take part in reserved procurement (LOU 4 kap. 18 §)"
        ),
    ),
    Field("verifierad", "boolean", _("The coordinator has verified the criteria")),
    Field("sni_koder", "list of strings", _("Industries, SNI 2007 codes")),
    Field("tjanster", "list of strings", _("Services and products")),
    Field("kommuner_som_betjanas", "list of strings", _("Municipality codes served")),
    Field("tar_emot_arbetstranare", "boolean", _("Takes people in work training")),
    Field("arbetstraningsplatser", "integer", _("Work-training places")),
    Field("beskrivning", "string", _("Description")),
    Field("uppdaterad", "date", _("Date the profile was last changed")),
]


def record(profile: SocialEnterprise, base_url: str) -> dict:
    organisation = profile.organisation
    address = ", ".join(
        part
        for part in (
            organisation.street_address,
            f"{organisation.postal_code} {organisation.postal_town}".strip(),
        )
        if part
    )
    return {
        "namn": organisation.name,
        "organisationsnummer": organisation.org_number or "",
        "profilsida": base_url + profile.get_absolute_url(),
        "kommun": organisation.municipality.name if organisation.municipality else "",
        "kommunkod": organisation.municipality_id or "",
        "adress": address,
        "telefon": organisation.phone,
        "epost": organisation.email,
        "webbplats": organisation.website,
        "associationsform": profile.legal_form,
        "grundat_ar": profile.founded_year,
        "skoopi_medlem": profile.skoopi_member,
        "certifierad_sedan": profile.certified_on.isoformat() if profile.certified_on else None,
        "antal_anstallda": profile.staff_count,
        "andel_fran_malgrupp": profile.target_group_share,
        "reserverad_upphandling": profile.eligible_for_reserved_procurement,
        "verifierad": profile.verification_status == VerificationStatus.VERIFIED,
        "sni_koder": [industry.display_code for industry in profile.industries.all()],
        "tjanster": [service.name for service in profile.services.all()],
        "kommuner_som_betjanas": [m.code for m in profile.municipalities_served.all()],
        "tar_emot_arbetstranare": profile.takes_trainees,
        "arbetstraningsplatser": profile.trainee_capacity,
        "beskrivning": profile.description,
        "uppdaterad": profile.updated_at.date().isoformat(),
    }


# Each field's type in a Frictionless Table Schema (the CSV) and in JSON Schema (the JSON).
# A list is one CSV cell, its items separated by comma and space, and an array in JSON;
# a value that may be unknown is empty in CSV and null in JSON.
_TABLE_TYPES = {
    "string": {"type": "string"},
    "string (URL)": {"type": "string", "format": "uri"},
    "list of strings": {"type": "string"},
    "integer": {"type": "integer"},
    "boolean": {"type": "boolean", "trueValues": ["true"], "falseValues": ["false"]},
    "date": {"type": "date"},
}
_JSON_TYPES = {
    "string": {"type": "string"},
    "string (URL)": {"type": "string"},
    "list of strings": {"type": "array", "items": {"type": "string"}},
    "integer": {"type": ["integer", "null"]},
    "boolean": {"type": ["boolean", "null"]},
    "date": {"type": ["string", "null"], "format": "date"},
}


def table_schema() -> dict:
    """The Frictionless Table Schema of the CSV: codes, numbers and phones are strings."""
    return {
        "fields": [
            {
                "name": field.name,
                "description": str(field.description),
                **_TABLE_TYPES[field.type],
                **({"constraints": {"pattern": field.pattern}} if field.pattern else {}),
            }
            for field in SCHEMA
        ],
        "missingValues": [""],
        "primaryKey": ["profilsida"],
    }


def json_schema(schema_url: str) -> dict:
    """The JSON Schema (2020-12) of the JSON file, whose address is `schema_url`."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": schema_url,
        "title": "Sociala företag i Lotsen",
        "type": "object",
        "required": ["licens", "licens_url", "schema", "foretag"],
        "additionalProperties": False,
        "properties": {
            "licens": {"type": "string"},
            "licens_url": {"type": "string", "format": "uri"},
            "schema": {"type": "string", "format": "uri"},
            "foretag": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": [field.name for field in SCHEMA],
                    "additionalProperties": False,
                    "properties": {
                        field.name: {
                            "description": str(field.description),
                            **_JSON_TYPES[field.type],
                            **(
                                {"anyOf": [{"const": ""}, {"pattern": field.pattern}]}
                                if field.pattern
                                else {}
                            ),
                        }
                        for field in SCHEMA
                    },
                },
            },
        },
    }


def _csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        value = ", ".join(value)
    if not isinstance(value, str):
        return str(value)
    # Profiles are typed by enterprises: a text such as =HYPERLINK(...) must not run. A
    # plain number such as the phone +46920021000 runs nothing and stays as the schema
    # declares it (decision 0206).
    return exports.neutralise(value) if exports.looks_like_formula(value) else value


def as_csv(records: list[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([field.name for field in SCHEMA])
    for item in records:
        writer.writerow([_csv_cell(item[field.name]) for field in SCHEMA])
    return buffer.getvalue()
