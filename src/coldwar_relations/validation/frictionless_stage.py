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
        return f"refers to a row that does not exist: {note}"
    if kind in ("primary-key", "unique-error"):
        return f"duplicates a value that must be unique: {note}"
    if kind in ("hash-count", "byte-count"):
        return f"{REBUILD_HINT} ({note})"
    if kind == "encoding-error":
        return f"the file is not valid UTF-8 text: {note}"
    if kind in ("incorrect-label", "missing-label", "extra-label", "duplicate-label", "blank-label"):
        return f"the header does not match the schema: {note}"
    return f"{error.title.lower()}: {note}" if note else error.title.lower()


def _cell(error) -> str | None:
    for attr in ("cell", "label"):
        value = getattr(error, attr, None)
        if value is not None:
            return str(value)
    return None


def check(root: Path) -> tuple[list[Problem], set[str]]:
    """Problems found, and the resources whose structure is too broken for row rules."""
    package = Package(str(root / "datapackage.json"))
    report = package.validate()
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
        for error in task.errors:
            if error.type in structural:
                broken.add(task.name)
            problems.append(Problem(
                file=file,
                rule=error.type,
                message=_plain(error, types),
                row=getattr(error, "row_number", None),
                column=getattr(error, "field_name", None) or getattr(error, "label", None),
                value=_cell(error),
            ))
    return problems, broken
