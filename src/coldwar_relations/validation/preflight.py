"""What must hold before any table is read: a descriptor that parses, names every table of the
package, points only at regular files inside the package, and whose schemas and keys refer to
fields and tables that exist. Problems here stop validation (the engines would only repeat
them, or read what they must not); each names the descriptor key at fault."""

from __future__ import annotations

import json
import re
import stat
from pathlib import Path

from coldwar_relations import resources
from coldwar_relations.validation.problems import Problem

MAX_DESCRIPTOR_BYTES = 20 * 2**20  # the shipped descriptor is about 40 KB
NAME = re.compile(r"^[a-z0-9._-]+$")  # Data Package resource names
TYPES = {"string", "number", "integer", "boolean", "date", "datetime", "time", "year", "yearmonth",
         "object", "array", "geopoint", "geojson", "duration", "any"}


def _problem(file: str, key: str, message: str, row: int | None = None, value: str | None = None) -> Problem:
    return Problem(file, "descriptor", message, row, key, value, stage="descriptor")


def _json(root: Path, relative: str, what: str) -> tuple[object, list[Problem]]:
    """Parse a JSON file of the package, or say in plain words why it cannot be."""
    try:
        file = resources.inside(root, relative)
    except resources.UnsafePath as error:
        return None, [_problem(resources.DESCRIPTOR, what, str(error), value=str(relative))]
    info = _stat(file)
    if info is None or not stat.S_ISREG(info.st_mode):
        why = "does not exist" if info is None else "is not a regular file"
        return None, [_problem(relative, what, f"the {what} file {why}")]
    if info.st_size > MAX_DESCRIPTOR_BYTES:
        return None, [_problem(relative, what, f"is {info.st_size:,} bytes, far more than a {what} can need "
                                                 f"(limit {MAX_DESCRIPTOR_BYTES:,})")]
    try:
        text = file.read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        return None, [_problem(relative, what, f"is not valid UTF-8 text (byte {error.start})")]
    try:
        return json.loads(text), []
    except json.JSONDecodeError as error:
        return None, [_problem(relative, what, f"is not valid JSON: {error.msg} (line {error.lineno}, "
                                               f"column {error.colno})", row=error.lineno)]
    except RecursionError:
        return None, [_problem(relative, what, "is not usable JSON: it is nested too deeply")]


def _stat(file: Path):
    try:
        return file.stat()
    except OSError:  # missing, a name too long, a loop: in every case not a file to read
        return None


def _schema_problems(root: Path, res: dict, where: str) -> tuple[dict | None, list[Problem]]:
    schema = res.get("schema")
    file = resources.DESCRIPTOR
    if isinstance(schema, str):
        file = schema
        schema, problems = _json(root, schema, "schema")
        if problems:
            return None, problems
    if not isinstance(schema, dict):
        return None, [_problem(file, f"{where}.schema", "must be a Table Schema (an object, or the path of a "
                                                         "JSON file holding one)")]
    fields = schema.get("fields")
    if not isinstance(fields, list) or not fields or not all(isinstance(f, dict) for f in fields):
        return None, [_problem(file, "fields", "must be a non-empty list of field objects")]
    problems = []
    names = [f.get("name") for f in fields]
    for number, field in enumerate(fields):
        if not isinstance(field.get("name"), str) or not field["name"]:
            problems.append(_problem(file, f"fields[{number}].name", "every field needs a name"))
        if field.get("type", "string") not in TYPES:
            problems.append(_problem(file, f"fields[{number}].type", "is not a Table Schema type",
                                     value=str(field.get("type"))))
    for name in {n for n in names if names.count(n) > 1}:
        problems.append(_problem(file, "fields", "names a field twice", value=str(name)))
    for key in _as_list(schema.get("primaryKey")):
        if key not in names:
            problems.append(_problem(file, "primaryKey", "names a field the schema does not have", value=str(key)))
    return (schema if not problems else None), problems


def _as_list(value) -> list:
    return [value] if isinstance(value, str) else list(value) if isinstance(value, list) else []


def _foreign_keys(file: str, res: dict, schemas: dict[str, dict]) -> list[Problem]:
    problems = []
    names = [f["name"] for f in res["schema"]["fields"]]
    for number, fk in enumerate(res["schema"].get("foreignKeys", []) or []):
        key = f"foreignKeys[{number}]"
        ref = fk.get("reference") if isinstance(fk, dict) else None
        if not isinstance(ref, dict):
            problems.append(_problem(file, key, "needs fields and a reference"))
            continue
        target = ref.get("resource") or res["name"]
        for name in _as_list(fk.get("fields")):
            if name not in names:
                problems.append(_problem(file, f"{key}.fields", "names a field the schema does not have", value=name))
        if target not in schemas:
            problems.append(_problem(file, f"{key}.reference.resource", "refers to a table that is not in the "
                                     "package", value=str(target)))
            continue
        known = [f["name"] for f in schemas[target]["fields"]]
        for name in _as_list(ref.get("fields")):
            if name not in known:
                problems.append(_problem(file, f"{key}.reference.fields", f"names a field {target} does not have",
                                         value=name))
    return problems


def check(root: Path, expected: set[str] = frozenset()) -> list[Problem]:
    """Problems with the descriptor, its schema files and its paths. ``expected``: table names the
    package must hold (the tables the library has rules for)."""
    descriptor, problems = _json(root, resources.DESCRIPTOR, "descriptor")
    if problems:
        return problems
    file = resources.DESCRIPTOR
    if not isinstance(descriptor, dict):
        return [_problem(file, "(top level)", "must be a JSON object")]
    listed = descriptor.get("resources")
    if not isinstance(listed, list) or not listed:
        return [_problem(file, "resources", "must be a non-empty list of resources")]
    if not all(isinstance(r, dict) for r in listed):
        return [_problem(file, "resources", "every resource must be an object")]
    if not isinstance(descriptor.get("version", ""), str):
        problems.append(_problem(file, "version", "must be a version string such as 1.2.0"))
    schemas: dict[str, dict] = {}
    seen: set[str] = set()
    for number, res in enumerate(listed):
        where = f"resources[{number}]"
        name = res.get("name")
        if not isinstance(name, str) or not NAME.match(name):
            problems.append(_problem(file, f"{where}.name", "must be a lower-case name (letters, digits, ._-)",
                                     value=str(name)))
            continue
        where = f"resources[{number}] ({name})"
        if name in seen:
            problems.append(_problem(file, f"{where}.name", "names a table twice", value=name))
        seen.add(name)
        path = res.get("path")
        if not isinstance(path, str):
            problems.append(_problem(file, f"{where}.path", "must be the path of one file inside the package",
                                     value=json.dumps(path)[:200]))
        else:
            try:
                data = resources.inside(root, path)
                info = _stat(data)
                if info is None:
                    problems.append(_problem(path, f"{where}.path", "the data file does not exist"))
                elif not stat.S_ISREG(info.st_mode):
                    problems.append(_problem(path, f"{where}.path", "is not a regular file"))
            except resources.UnsafePath as error:
                problems.append(_problem(file, f"{where}.path", str(error), value=path))
        schema, found = _schema_problems(root, res, where)
        problems += found
        if schema is not None:
            schemas[name] = schema
    for name in sorted(set(expected) - seen):
        problems.append(_problem(file, "resources", f"the table {name!r} is missing: every table of this package "
                                 "must be listed (the library holds rules for it)", value=name))
    for res in listed:
        if isinstance(res.get("name"), str) and res["name"] in schemas:
            where = res["schema"] if isinstance(res.get("schema"), str) else file
            problems += _foreign_keys(where, {**res, "schema": schemas[res["name"]]}, schemas)
    return problems
