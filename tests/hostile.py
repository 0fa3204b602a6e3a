"""The hostile-input corpus: broken or malicious copies of the shipped package, each made at test
time from a fresh copy (nothing broken is committed), with what `coldwar-relations validate`
must answer. Used by test_hostile_input.py.

A case names the exit code (0 valid, 1 invalid data, 2 the command could not run) and, for exit 1,
one problem the report must hold (file, rule, and where they apply row, column and value).
"""

from __future__ import annotations

import csv
import io
import json
import os
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

DESCRIPTOR = "datapackage.json"


@dataclass
class Case:
    name: str
    mutate: Callable[[Path], None]
    exit: int = 1
    expect: dict = field(default_factory=dict)  # keys of the problem to find: file, rule, row, column, value
    stderr: str = ""  # for exit 2: a fragment of the one-line message
    batch: bool = False  # a bad value that leaves the file readable: checked together with the others


# -- helpers that break a copy ----------------------------------------------------------------

def descriptor(root: Path) -> dict:
    return json.loads((root / DESCRIPTOR).read_text(encoding="utf-8"))


def write_descriptor(root: Path, value) -> None:
    (root / DESCRIPTOR).write_text(json.dumps(value, indent=2), encoding="utf-8")


def set_resource(name: str, key: str, value):
    def mutate(root: Path) -> None:
        d = descriptor(root)
        next(r for r in d["resources"] if r["name"] == name)[key] = value
        write_descriptor(root, d)
    return mutate


def rows(root: Path, table: str) -> list[list[str]]:
    with (root / "data" / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def write_rows(root: Path, table: str, data: list[list[str]]) -> None:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(data)
    (root / "data" / f"{table}.csv").write_bytes(buffer.getvalue().encode("utf-8"))


def set_cell(table: str, row: int, column: str, value: str):
    """Row numbers as reports give them: the header is row 1, the first data row is row 2."""
    def mutate(root: Path) -> None:
        data = rows(root, table)
        data[row - 1][data[0].index(column)] = value
        write_rows(root, table, data)
    return mutate


def raw(table: str, transform: Callable[[bytes], bytes]):
    def mutate(root: Path) -> None:
        file = root / "data" / f"{table}.csv"
        file.write_bytes(transform(file.read_bytes()))
    return mutate


def replace_line(table: str, row: int, transform: Callable[[bytes], bytes]):
    """Change the bytes of one physical line (row 1 is the header)."""
    def change(content: bytes) -> bytes:
        lines = content.split(b"\n")
        lines[row - 1] = transform(lines[row - 1])
        return b"\n".join(lines)
    return raw(table, change)


def first_row_where(root: Path, table: str, column: str, predicate) -> int:
    data = rows(root, table)
    i = data[0].index(column)
    return next(n for n, r in enumerate(data[1:], start=2) if predicate(r[i]))


def replace_data(table: str, make):
    """The data file of ``table`` replaced by what ``make(path)`` puts there (a link, a pipe...)."""
    def mutate(root: Path) -> None:
        file = root / "data" / f"{table}.csv"
        file.unlink()
        make(file)
    return mutate


def symlink_data(table: str, target: str):
    return replace_data(table, lambda file: file.symlink_to(target))


def fifo_data(table: str):
    return replace_data(table, os.mkfifo)


def remove_resource(name: str):
    def mutate(root: Path) -> None:
        d = descriptor(root)
        d["resources"] = [r for r in d["resources"] if r["name"] != name]
        write_descriptor(root, d)
    return mutate


def edit_schema(table: str, change: Callable[[dict], None]):
    def mutate(root: Path) -> None:
        file = root / "schemas" / f"{table}.json"
        schema = json.loads(file.read_text(encoding="utf-8"))
        change(schema)
        file.write_text(json.dumps(schema), encoding="utf-8")
    return mutate


def deep_path(levels: int):
    def mutate(root: Path) -> None:
        relative = "/".join(["d"] * levels) + "/claims.csv"
        (root / relative).parent.mkdir(parents=True)
        os.replace(root / "data" / "claims.csv", root / relative)
        set_resource("claims", "path", relative)(root)
    return mutate


def append_copies(table: str, copies: int):
    """A huge file: the last row repeated (each copy duplicates the primary key)."""
    def mutate(root: Path) -> None:
        file = root / "data" / f"{table}.csv"
        content = file.read_bytes()
        last = content.rstrip(b"\n").rsplit(b"\n", 1)[1] + b"\n"
        with file.open("ab") as handle:
            handle.write(last * copies)
    return mutate


def relations_status(root: Path) -> None:
    """Hand-edit relations: the USA-RUS status of 1962 (relations) becomes 'severed'."""
    data = rows(root, "relations")
    head = data[0]
    row = next(n for n, r in enumerate(data) if r[head.index("pair_id")] == "RUS-USA" and r[head.index("year")] == "1962")
    data[row][head.index("status")] = "severed"
    write_rows(root, "relations", data)


def metric_cell(value: str, nth: int):
    """The value of the nth metric row that has one."""
    def mutate(root: Path) -> None:
        data = rows(root, "crisis_metrics")
        i = data[0].index("value")
        row = [n for n, r in enumerate(data[1:], start=2) if r[i]][nth]
        set_cell("crisis_metrics", row, "value", value)(root)
    return mutate


# -- the corpus -----------------------------------------------------------------------------

def cases() -> list[Case]:
    big = random.Random(1962)
    return [
        Case("unchanged copy", lambda root: None, exit=0),
        Case("data file moved 60 folders deep, descriptor updated", deep_path(60), exit=0),
        # the descriptor
        Case("datapackage.json missing", lambda root: (root / DESCRIPTOR).unlink(), exit=2,
             stderr="no datapackage.json"),
        Case("datapackage.json is not JSON", lambda root: (root / DESCRIPTOR).write_text("{not json", "utf-8"),
             expect={"file": DESCRIPTOR, "rule": "descriptor", "row": 1}),
        Case("datapackage.json is empty", lambda root: (root / DESCRIPTOR).write_bytes(b""),
             expect={"file": DESCRIPTOR, "rule": "descriptor"}),
        Case("datapackage.json is a list", lambda root: (root / DESCRIPTOR).write_text("[]", "utf-8"),
             expect={"file": DESCRIPTOR, "rule": "descriptor", "column": "(top level)"}),
        Case("datapackage.json nested 100,000 deep",
             lambda root: (root / DESCRIPTOR).write_text("[" * 100_000 + "]" * 100_000, "utf-8"),
             expect={"file": DESCRIPTOR, "rule": "descriptor"}),
        Case("datapackage.json is not UTF-8",
             lambda root: (root / DESCRIPTOR).write_bytes((root / DESCRIPTOR).read_bytes().replace(
                 b"Cold War", "Cold W\xe4r".encode("latin-1"), 1)),
             expect={"file": DESCRIPTOR, "rule": "descriptor"}),
        Case("datapackage.json is a directory", lambda root: ((root / DESCRIPTOR).unlink(), (root / DESCRIPTOR).mkdir()),
             expect={"file": DESCRIPTOR, "rule": "descriptor"}),
        Case("datapackage.json of 21 MB", lambda root: (root / DESCRIPTOR).write_bytes(b" " * (21 * 2**20) + b"{}"),
             expect={"file": DESCRIPTOR, "rule": "descriptor"}),
        Case("resources given as an object", lambda root: write_descriptor(root, {**descriptor(root), "resources": {}}),
             expect={"file": DESCRIPTOR, "column": "resources"}),
        Case("a whole resource removed", remove_resource("claims"),
             expect={"file": DESCRIPTOR, "column": "resources", "value": "claims"}),
        Case("a resource named twice", lambda root: write_descriptor(root, {
             **descriptor(root), "resources": descriptor(root)["resources"] + descriptor(root)["resources"][-1:]}),
             expect={"file": DESCRIPTOR, "value": "claims"}),
        Case("resource path ../../../etc/passwd", set_resource("events", "path", "../../../etc/passwd"),
             expect={"file": DESCRIPTOR, "column": "resources[11] (events).path", "value": "../../../etc/passwd"}),
        Case("resource path /etc/passwd", set_resource("events", "path", "/etc/passwd"),
             expect={"file": DESCRIPTOR, "value": "/etc/passwd"}),
        Case("resource path is a URL", set_resource("events", "path", "https://example.org/events.csv"),
             expect={"file": DESCRIPTOR, "value": "https://example.org/events.csv"}),
        Case("resource path is a list", set_resource("events", "path", ["data/events.csv", "data/claims.csv"]),
             expect={"file": DESCRIPTOR, "column": "resources[11] (events).path"}),
        Case("resource path of 5,000 characters", set_resource("events", "path", "data/" + "x" * 5000 + ".csv"),
             expect={"file": DESCRIPTOR, "column": "resources[11] (events).path"}),
        Case("data file is a symbolic link to /etc/passwd", symlink_data("events", "/etc/passwd"),
             expect={"file": DESCRIPTOR, "column": "resources[11] (events).path"}),
        Case("data file is a directory", replace_data("events", Path.mkdir),
             expect={"file": "data/events.csv", "rule": "descriptor"}),
        Case("data file is a named pipe", fifo_data("events"),
             expect={"file": "data/events.csv", "rule": "descriptor"}),
        Case("data file missing", replace_data("events", lambda file: None),
             expect={"file": "data/events.csv", "rule": "descriptor"}),
        Case("schema path leaves the package", set_resource("events", "schema", "../../etc/passwd"),
             expect={"file": DESCRIPTOR, "rule": "descriptor", "value": "../../etc/passwd"}),
        Case("schema file is not JSON", lambda root: (root / "schemas" / "events.json").write_text("{", "utf-8"),
             expect={"file": "schemas/events.json", "rule": "descriptor"}),
        Case("schema fields is not a list", edit_schema("events", lambda s: s.update(fields={"a": 1})),
             expect={"file": "schemas/events.json", "column": "fields"}),
        Case("foreign key to a table not in the package",
             edit_schema("event_actors", lambda s: s["foreignKeys"][0]["reference"].update(resource="nosuch")),
             expect={"file": "schemas/event_actors.json", "value": "nosuch"}),
        Case("primary key names a missing field", edit_schema("events", lambda s: s.update(primaryKey=["nope"])),
             expect={"file": "schemas/events.json", "column": "primaryKey", "value": "nope"}),
        # the bytes of a data file
        Case("empty CSV file", raw("events", lambda b: b""),
             expect={"file": "data/events.csv"}),
        Case("header only", raw("claims", lambda b: b.split(b"\n", 1)[0] + b"\n"),
             expect={"file": "data/claims.csv", "rule": "hash-count"}),
        Case("5 MB of random bytes", raw("events", lambda b: big.randbytes(5 * 2**20)),
             expect={"file": "data/events.csv", "rule": "encoding-error"}),
        Case("UTF-16 file", raw("claims", lambda b: b.decode("utf-8").encode("utf-16")),
             expect={"file": "data/claims.csv", "rule": "encoding-error"}),
        Case("a Latin-1 byte in a cell", replace_line("events", 5, lambda line: line.replace(b",", b",\xe9", 1)),
             expect={"file": "data/events.csv", "rule": "encoding-error", "row": 5}),
        Case("byte-order mark", raw("claims", lambda b: b"\xef\xbb\xbf" + b),
             expect={"file": "data/claims.csv", "rule": "hash-count"}),
        Case("CRLF line endings", raw("claims", lambda b: b.replace(b"\n", b"\r\n")),
             expect={"file": "data/claims.csv", "rule": "hash-count"}),
        Case("CR-only line endings", raw("claims", lambda b: b.replace(b"\n", b"\r")),
             expect={"file": "data/claims.csv"}),
        Case("a blank line", replace_line("claims", 4, lambda line: b"\n" + line),
             expect={"file": "data/claims.csv", "row": 4}),
        Case("an unterminated quote", replace_line("events", 3, lambda line: line + b',"'),
             expect={"file": "data/events.csv"}),
        Case("a row with more cells than the header", replace_line("events", 3, lambda line: line + b",extra"),
             expect={"file": "data/events.csv", "rule": "extra-cell", "row": 3}),
        Case("a row with fewer cells than the header", replace_line("event_actors", 3, lambda line: line.rsplit(b",", 1)[0]),
             expect={"file": "data/event_actors.csv", "rule": "missing-cell", "row": 3}),
        Case("duplicate header", replace_line("claims", 1, lambda line: line.replace(b"verdict", b"claim_id")),
             expect={"file": "data/claims.csv"}),
        Case("blank header label", replace_line("claims", 1, lambda line: line.replace(b"verdict", b"")),
             expect={"file": "data/claims.csv"}),
        Case("renamed header", replace_line("claims", 1, lambda line: line.replace(b"verdict", b"verdikt")),
             expect={"file": "data/claims.csv", "value": "verdikt"}),
        Case("a 16 MB cell", set_cell("events", 4, "note", "x" * (16 * 2**20)),
             expect={"file": "data/events.csv", "row": 4, "column": "note", "rule": "cell-length"}),
        Case("40,000 duplicated rows", append_copies("event_actors", 40_000),
             expect={"file": "data/event_actors.csv", "rule": "primary-key"}),
        # values
        Case("integer beyond 64 bits", set_cell("leaders", 2, "gw_code", "99999999999999999999999"),
             batch=True, expect={"file": "data/leaders.csv", "row": 2, "column": "gw_code", "value": "99999999999999999999999"}),
        Case("1.89e3 in an integer field", set_cell("leaders", 3, "gw_code", "1.89e3"),
             batch=True, expect={"file": "data/leaders.csv", "row": 3, "column": "gw_code", "rule": "type-error"}),
        Case("NaN in an integer field", set_cell("leaders", 4, "gw_code", "NaN"),
             batch=True, expect={"file": "data/leaders.csv", "row": 4, "column": "gw_code", "rule": "type-error"}),
        Case("yes in a boolean field", set_cell("leaders", 2, "is_open", "yes"),
             batch=True, expect={"file": "data/leaders.csv", "row": 2, "column": "is_open", "rule": "type-error"}),
        Case("NaN in crisis_metrics", metric_cell("NaN", 0),
             batch=True, expect={"file": "data/crisis_metrics.csv", "column": "value", "rule": "finite-number"}),
        Case("inf in crisis_metrics", metric_cell("inf", 1),
             batch=True, expect={"file": "data/crisis_metrics.csv", "column": "value", "rule": "finite-number"}),
        Case("1e300 in crisis_metrics", metric_cell("1e300", 2),
             batch=True, expect={"file": "data/crisis_metrics.csv", "rule": "plausible-magnitude"}),
        Case("a negative count in crisis_metrics", metric_cell("-5", 3),
             batch=True, expect={"file": "data/crisis_metrics.csv", "rule": "non-negative-figure"}),
        Case("1962-02-30 in events.date", set_cell("events", 3, "date", "1962-02-30"),
             batch=True, expect={"file": "data/events.csv", "row": 3, "column": "date", "value": "1962-02-30",
                     "rule": "real-date"}),
        Case("1962-02-29 in events.date", set_cell("events", 6, "date", "1962-02-29"),
             batch=True, expect={"file": "data/events.csv", "row": 6, "column": "date", "value": "1962-02-29",
                     "rule": "real-date"}),
        Case("1962-13 in events.date", set_cell("events", 7, "date", "1962-13"),
             batch=True, expect={"file": "data/events.csv", "row": 7, "column": "date", "value": "1962-13"}),
        Case("trailing space in a key", set_cell("event_actors", 2, "country_id", "USA "),
             batch=True, expect={"file": "data/event_actors.csv", "row": 2, "rule": "foreign-key"}),
        Case("a formula in a text cell", set_cell("events", 5, "note", '=HYPERLINK("http://x","y")'),
             batch=True, expect={"file": "data/events.csv", "row": 5, "column": "note", "rule": "no-formula"}),
        Case("a source that does not exist", set_cell("events", 5, "source_ids", "no-such-source"),
             batch=True, expect={"file": "data/events.csv", "row": 5, "column": "source_ids"}),
        Case("relations edited by hand", relations_status,
             expect={"file": "data/relations.csv", "column": "status", "rule": "derived-table"}),
        Case("a NUL byte in a cell", set_cell("events", 8, "title", "Quarantine\x00"),
             batch=True, expect={"file": "data/events.csv", "row": 8, "column": "title"}),
        Case("an escape character in a cell", set_cell("events", 4, "title", "Quar\x1b[31mantine"),
             batch=True, expect={"file": "data/events.csv", "row": 4, "column": "title", "rule": "no-control-characters"}),
    ]
