"""The plain-words message of each Table Schema error, shared by both engines (Frictionless
and the vectorised checks), so a report reads the same whichever engine ran."""

from __future__ import annotations

REBUILD_HINT = ("the file no longer matches the bytes/hash recorded in datapackage.json; if the change "
                "is intended, run `python -m pipeline.build --curated` and commit both")


def type_error(kind: str) -> str:
    hint = " in the form YYYY-MM-DD" if kind == "date" else ""
    return f"is not a valid {kind}{hint}"


REQUIRED = "is required but empty"
NOT_UTF8 = "the file is not valid UTF-8 text"


def not_allowed(values) -> str:
    return f"is not one of the allowed values {values}"


def breaks(constraint: str, value) -> str:
    return f"breaks the {constraint} constraint ({value})"


def unique(note: str = "") -> str:
    return "duplicates a value that must be unique" + (f" ({note})" if note else "")


def primary_key(key: str) -> str:
    return f"duplicates the primary key of another row ({key})"


def foreign_key(resource: str, fields) -> str:
    return f"refers to a row that does not exist: no {resource}.{', '.join(fields)} has this value"


def stale(expected, actual) -> str:
    return f'{REBUILD_HINT} (expected is "{expected}" and actual is "{actual}")'


def header_label(label, number, name) -> str:
    return f"the header has {label!r} in column {number} where the schema expects {name!r}"
