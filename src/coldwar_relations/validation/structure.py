"""Whether a data file can be read as the table its schema describes, and if not, where it
breaks: empty file, bytes or hash that differ from the descriptor, bad UTF-8, a header that
does not match the schema, rows with too many or too few cells, blank rows, broken quoting.

Both engines ask this before reading a table, so a file that would make a CSV parser fail is
reported and skipped, never a crash. A well-formed file costs one pyarrow parse; only a file
that fails it is scanned row by row with the csv module to say where.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from pathlib import Path

import pyarrow as pa
from pyarrow import csv as pacsv

from coldwar_relations import resources
from coldwar_relations.validation import messages
from coldwar_relations.validation.problems import Problem

# a blank line outside quotes is a blank row; one inside a quoted cell is text, so a file with
# such a pattern is scanned to tell which
BLANK_LINE = re.compile(rb"\n\r?\n|^\r?\n")
HASH_ONLY = ("byte-count", "hash-count")


def _problem(res: dict, rule: str, message: str, row=None, column=None, value=None) -> Problem:
    return Problem(res["path"], rule, message, row, column, value)


def _header(res: dict, header: list[str]) -> list[Problem]:
    problems = []
    expected = [f["name"] for f in res["schema"]["fields"]]
    for number, label in enumerate(header, start=1):
        if label == "":
            problems.append(_problem(res, "blank-label", f"column {number} of the header is blank", 1, None, ""))
        elif header.count(label) > 1 and header.index(label) != number - 1:
            problems.append(_problem(res, "duplicate-label", f"the header names {label!r} twice", 1, label, label))
    for number, (label, name) in enumerate(zip(header, expected), start=1):
        if label != name and label != "":
            problems.append(_problem(res, "incorrect-label", messages.header_label(label, number, name), 1, name, label))
    if len(header) != len(expected):
        problems.append(_problem(res, "missing-label" if len(header) < len(expected) else "extra-label",
                                 f"the header has {len(header)} columns; the schema has {len(expected)}"))
    return problems


def _rows(res: dict, text: str, width: int) -> list[Problem]:
    """Row-by-row scan of a file pyarrow could not read: the first broken rows, located."""
    problems = []
    csv.field_size_limit(2**31 - 1)  # a huge cell is a cell-length problem, not a parse failure
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    row = 0
    try:
        for row, record in enumerate(reader, start=1):
            if row == 1:
                continue
            if not record:
                problems.append(_problem(res, "blank-row", "is a blank row", row))
            elif len(record) > width:
                problems.append(_problem(res, "extra-cell", f"has {len(record)} cells; the header has {width}", row,
                                         None, record[width][:200]))
            elif len(record) < width:
                problems.append(_problem(res, "missing-cell", f"has {len(record)} cells; the header has {width}", row))
    except csv.Error as error:
        problems.append(_problem(res, "format-error", f"the CSV cannot be parsed after this row ({error}); check "
                                 "the quotes", row + 1))
    if not problems and "\r" in text.replace("\r\n", ""):
        problems.append(_problem(res, "format-error", "uses a bare carriage return (CR) as line ending; "
                                 "use LF (or CRLF)"))
    return problems


def check(root: Path, res: dict) -> tuple[list[Problem], bool]:
    """Problems with the file of ``res``, and whether its rows can be read as a table."""
    path = resources.inside(root, res["path"])
    content = path.read_bytes()
    problems: list[Problem] = []
    if "bytes" in res and res["bytes"] != len(content):
        problems.append(_problem(res, "byte-count", messages.stale(res["bytes"], len(content))))
    digest = "sha256:" + hashlib.sha256(content).hexdigest()
    if "hash" in res and res["hash"] != digest:
        problems.append(_problem(res, "hash-count", messages.stale(res["hash"], digest)))
    if not content.strip():
        problems.append(_problem(res, "empty-file", "the file is empty: it needs at least the header row", 1))
        return problems, False
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError as error:
        row = content[: error.start].count(b"\n") + 1
        problems.append(_problem(res, "encoding-error", messages.NOT_UTF8, row, None,
                                 "bytes " + content[error.start: error.end].hex(" ")))
        return problems, False
    if text.startswith("\ufeff"):
        problems.append(_problem(res, "encoding-error", "the file starts with a byte-order mark; save it as UTF-8 "
                                 "without BOM", 1))
        return problems, False
    header = next(csv.reader(io.StringIO(text, newline="")), [])
    found = _header(res, header)
    if not found:
        try:
            pacsv.read_csv(pa.py_buffer(content), convert_options=pacsv.ConvertOptions(
                column_types={name: pa.string() for name in header}))
            if BLANK_LINE.search(content):
                found = _rows(res, text, len(header))
        except (pa.ArrowInvalid, pa.ArrowException):
            found = _rows(res, text, len(header))
    problems += found
    return problems, not found
