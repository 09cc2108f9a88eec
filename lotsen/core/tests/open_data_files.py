"""Checks each app's tests run on the open data it publishes (decision 0206).

A CSV is checked by frictionless against its Table Schema, the reference implementation
of the Frictionless specs: the descriptor itself first, then every row's types and
constraints. A JSON file is checked by jsonschema against its JSON Schema, the schema
against its metaschema first."""

import tempfile
from pathlib import Path

import jsonschema
from frictionless import Resource, Schema


def table_errors(text: str, descriptor: dict) -> list[str]:
    metadata = Schema.validate_descriptor(descriptor)
    assert metadata.valid, metadata.flatten(["type", "note"])
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "data.csv").write_text(text, encoding="utf-8")
        resource = Resource(
            path="data.csv",
            basepath=folder,
            schema=Schema.from_descriptor(descriptor),
            encoding="utf-8",
        )
        report = resource.validate()
    return [
        f"row {row}, {field}: {kind}: {note}"
        for row, field, kind, note in report.flatten(["rowNumber", "fieldName", "type", "note"])
    ]


def json_errors(instance, schema: dict) -> list[str]:
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)
    return [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in validator.iter_errors(instance)
    ]
