"""Run Frictionless on the descriptor and translate its errors into Problems."""

from __future__ import annotations

import re
from pathlib import Path

from frictionless import Package

from coldwar_relations.validation import messages
from coldwar_relations.validation.problems import Problem
from coldwar_relations.validation.utf8 import first_bad_utf8


def _plain(error, field_types: dict) -> str:
    note = getattr(error, "note", "") or ""
    kind = error.type
    if kind == "type-error":
        return messages.type_error(field_types.get(getattr(error, "field_name", None), "the declared type"))
    if kind == "constraint-error":
        match = re.match(r'constraint "(\w+)" is "(.*)"', note)
        if match:
            name, value = match.groups()
            if name == "required":
                return messages.REQUIRED
            if name == "enum":
                return messages.not_allowed(value)
            return messages.breaks(name, value)
    if kind == "foreign-key":
        return messages.foreign_key(error.reference_name or "this table", error.reference_field_names)
    if kind == "primary-key":
        return messages.primary_key(note)
    if kind == "unique-error":
        return messages.unique(note)
    if kind in ("hash-count", "byte-count"):
        return f"{messages.REBUILD_HINT} ({note})"
    if kind == "encoding-error":
        return f"{messages.NOT_UTF8}: {note}"
    if kind == "incorrect-label":
        return messages.header_label(getattr(error, "label", ""), getattr(error, "field_number", "?"),
                                     getattr(error, "field_name", ""))
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
                row, value = first_bad_utf8(root / file)
                value = f"bytes {value}" if value else None
            problems.append(Problem(file, error.type, _plain(error, types), row, column, value))
    return problems, broken
