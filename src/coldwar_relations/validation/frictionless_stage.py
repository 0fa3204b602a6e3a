"""Run Frictionless on the descriptor and translate its errors into Problems."""

from __future__ import annotations

import re
from pathlib import Path

from frictionless import Package

from coldwar_relations.validation.problems import Problem

REBUILD_HINT = ("the file no longer matches the bytes/hash recorded in datapackage.json; if the change "
                "is intended, run `python -m pipeline.build --descriptor-only` and commit both")


def _plain(error, field_types: dict) -> str:
    note = getattr(error, "note", "") or ""
    kind = error.type
    if kind == "type-error":
        expected = field_types.get(getattr(error, "field_name", None), "the declared type")
        hint = " in the form YYYY-MM-DD" if expected == "date" else ""
        return f"is not a valid {expected}{hint}"
    if kind == "constraint-error":
        match = re.match(r'constraint "(\w+)" is "(.*)"', note)
        if match:
            name, value = match.groups()
            if name == "required":
                return "is required but empty"
            if name == "enum":
                return f"is not one of the allowed values {value}"
            return f"breaks the {name} constraint ({value})"
    if kind == "foreign-key":
        target = f"{error.reference_name or 'this table'}.{', '.join(error.reference_field_names)}"
        return f"refers to a row that does not exist: no {target} has this value"
    if kind == "primary-key":
        return f"duplicates the primary key of another row ({note})"
    if kind == "unique-error":
        return f"duplicates a value that must be unique ({note})"
    if kind in ("hash-count", "byte-count"):
        return f"{REBUILD_HINT} ({note})"
    if kind == "encoding-error":
        return f"the file is not valid UTF-8 text: {note}"
    if kind == "incorrect-label":
        return (f"the header has {getattr(error, 'label', '')!r} in column {getattr(error, 'field_number', '?')} "
                f"where the schema expects {getattr(error, 'field_name', '')!r}")
    if kind in ("missing-label", "extra-label", "duplicate-label", "blank-label"):
        return f"the header does not match the schema ({error.title.lower()}): {note}".rstrip(": ")
    return f"{error.title.lower()}: {note}" if note else error.title.lower()


def _where(error, resource) -> tuple[str | None, str | None]:
    """Column(s) and value(s) an error is about, including key errors that span fields."""
    if error.type == "foreign-key":
        return ", ".join(error.field_names), ", ".join(map(str, error.field_cells))
    if error.type == "primary-key" and resource is not None:
        names = [f.name for f in resource.schema.fields]
        key = resource.schema.primary_key
        cells = getattr(error, "cells", [])
        values = [str(cells[names.index(k)]) for k in key if names.index(k) < len(cells)]
        return ", ".join(key), ", ".join(values)
    for attr in ("cell", "label"):
        value = getattr(error, attr, None)
        if value is not None:
            return getattr(error, "field_name", None), str(value)
    return getattr(error, "field_name", None), None


def _first_bad_utf8(path: Path) -> tuple[int | None, str | None]:
    """Row (header = 1) and bytes of the first invalid UTF-8 sequence, which Frictionless
    reports only as a byte offset."""
    data = path.read_bytes()
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as err:
        return data[: err.start].count(b"\n") + 1, data[err.start : err.end].hex(" ")
    return None, None


def check(root: Path) -> tuple[list[Problem], set[str]]:
    """Problems found, and the resources whose structure is too broken for row rules."""
    package = Package(str(root / "datapackage.json"))
    report = package.validate(limit_errors=0)  # 0: no cap, so no error is silently dropped
    problems: list[Problem] = []
    broken: set[str] = set()
    structural = {"encoding-error", "incorrect-label", "missing-label", "extra-label", "duplicate-label",
                  "blank-label", "source-error", "scheme-error", "format-error", "missing-cell", "extra-cell"}
    for error in report.errors:
        problems.append(Problem("datapackage.json", error.type, _plain(error, {})))
    for task in report.tasks:
        resource = package.get_resource(task.name) if package.has_resource(task.name) else None
        types = {f.name: f.type for f in resource.schema.fields} if resource is not None and resource.schema else {}
        file = resource.path if resource is not None else task.place
        for warning in task.warnings:
            problems.append(Problem(file, "frictionless-warning", str(warning)))
        for error in task.errors:
            if error.type in structural:
                broken.add(task.name)
            row = getattr(error, "row_number", None)
            column, value = _where(error, resource)
            if error.type == "encoding-error" and (root / file).is_file():
                row, value = _first_bad_utf8(root / file)
                value = f"bytes {value}" if value else None
            problems.append(Problem(file, error.type, _plain(error, types), row, column, value))
    return problems, broken
