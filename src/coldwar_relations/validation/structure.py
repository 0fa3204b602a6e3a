"""Whether a data file can be read as the table its schema describes, and if not, where it
breaks: empty file, bytes or hash that differ from the descriptor, bad UTF-8, a header that
does not match the schema, rows with too many or too few cells, blank rows, broken quoting.

Both engines ask this before reading a table, so a file that would make a CSV parser fail is
reported and skipped, never a crash. A well-formed file costs one pyarrow parse; only a file
that fails it is scanned row by row with the csv module to say where.
"""

from __future__ import annotations

import codecs
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
BLANK_LINE_INSIDE = re.compile(rb"\n\r?\n")  # and a file that starts with a line break
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
    problems, table = read(root, res)
    return problems, table is not None


def read(root: Path, res: dict) -> tuple[list[Problem], pa.Table | None]:
    """Problems with the file of ``res`` and, when its rows can be read as the table, those rows
    as text (an Arrow table of strings, empty cells missing), so no stage parses it again. The
    file is streamed: hashed in blocks and parsed by pyarrow from disk, never held whole in
    memory, unless it is broken and must be scanned to say where."""
    path = resources.inside(root, res["path"])
    size, digest, blank_line, head = _scan(path)
    problems: list[Problem] = []
    if "bytes" in res and res["bytes"] != size:
        problems.append(_problem(res, "byte-count", messages.stale(res["bytes"], size)))
    if "hash" in res and res["hash"] != digest:
        problems.append(_problem(res, "hash-count", messages.stale(res["hash"], digest)))
    if not head.strip():
        problems.append(_problem(res, "empty-file", "the file is empty: it needs at least the header row", 1))
        return problems, None
    if head.startswith(codecs.BOM_UTF8):
        problems.append(_problem(res, "encoding-error", "the file starts with a byte-order mark; save it as UTF-8 "
                                 "without BOM", 1))
        return problems, None
    try:
        first = re.split(rb"[\r\n]", head, maxsplit=1)[0].decode("utf-8")
    except UnicodeDecodeError:
        return problems + _broken(res, path.read_bytes(), 0), None
    header = next(csv.reader([first]), [])
    found = _header(res, header)
    if found:
        return problems + found, None
    try:
        table = _parse(path, header, size)
    except (pa.ArrowInvalid, pa.ArrowException):
        return problems + _broken(res, path.read_bytes(), len(header)), None
    if blank_line:  # a blank line outside quotes is a blank row; inside them, text
        found = _rows(res, path.read_bytes().decode("utf-8"), len(header))
        if found:
            return problems + found, None
    return problems, table


def _parse(path: Path, header: list[str], size: int) -> pa.Table:
    """The rows as text. pyarrow reads in blocks of 1 MiB; a row longer than a block (a huge
    cell, which the rules report) is read again in one block."""
    options = pacsv.ConvertOptions(column_types={name: pa.large_string() for name in header}, null_values=[""],
                                   strings_can_be_null=True, quoted_strings_can_be_null=True)
    try:
        return pacsv.read_csv(path, convert_options=options)
    except pa.ArrowInvalid as error:
        if "straddling" not in str(error):
            raise
        return pacsv.read_csv(path, read_options=pacsv.ReadOptions(block_size=size + 1), convert_options=options)


def _scan(path: Path, block: int = 1 << 20) -> tuple[int, str, bool, bytes]:
    """Size, SHA-256, whether a blank line occurs, and the first block, in one pass over the file."""
    sha, size, blank, head, tail = hashlib.sha256(), 0, False, b"", b""
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(block), b""):
            sha.update(chunk)
            if not size:
                head = chunk
                blank = bool(re.match(rb"\r?\n", chunk))
            blank = blank or BLANK_LINE_INSIDE.search(tail + chunk) is not None
            tail, size = chunk[-2:], size + len(chunk)
    return size, "sha256:" + sha.hexdigest(), blank, head


def _broken(res: dict, content: bytes, width: int) -> list[Problem]:
    """Where a file pyarrow cannot read breaks: bad UTF-8, or the first broken rows."""
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError as error:
        row = content[: error.start].count(b"\n") + 1
        return [_problem(res, "encoding-error", messages.NOT_UTF8, row, None,
                         "bytes " + content[error.start: error.end].hex(" "))]
    if not width:
        width = len(next(csv.reader(io.StringIO(text, newline="")), []))
    return _rows(res, text, width)
