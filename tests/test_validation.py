"""The validator rejects broken copies with the right message and modifies nothing."""

from __future__ import annotations

import csv
import coldwar_relations as cw
import io
from pathlib import Path

import pytest

from coldwar_relations.validation import validate
from conftest import fingerprint


def edit_cell(root: Path, table: str, key: str, column: str, value: str) -> int:
    """Set one cell (row found by its first column) and return its spreadsheet row number."""
    path = root / "data" / f"{table}.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    col = rows[0].index(column)
    for number, row in enumerate(rows[1:], start=2):
        if row[0] == key:
            row[col] = value
            break
    else:
        raise KeyError(key)
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    return number


def problems(root, rule=None):
    report = validate(root)
    assert not report.valid
    return [p for p in report.problems if rule is None or p.rule == rule]


def test_shipped_package_is_valid(repo):
    report = validate(repo)
    assert report.valid, "\n".join(map(str, report.problems))
    assert report.rows["leaders"] > 1000


def test_duplicate_key(package_copy):
    row = edit_cell(package_copy, "leaders", "RUS-1964", "leader_spell_id", "RUS-1953-2")
    found = problems(package_copy, "primary-key")
    assert any(p.row == row and p.value == "RUS-1953-2" and "primary key" in p.message for p in found)


def test_unknown_country(package_copy):
    row = edit_cell(package_copy, "leaders", "RUS-1964", "country_id", "XXX")
    found = problems(package_copy, "foreign-key")
    assert [(p.file, p.row, p.value) for p in found] == [("data/leaders.csv", row, "XXX")]
    assert "does not exist" in found[0].message


def test_impossible_date(package_copy):
    row = edit_cell(package_copy, "leaders", "RUS-1964", "end_date", "1982-02-30")
    [found] = problems(package_copy, "type-error")
    assert (found.row, found.column, found.value) == (row, "end_date", "1982-02-30")
    assert "not a valid date" in found.message


def test_end_before_start(package_copy):
    row = edit_cell(package_copy, "leaders", "RUS-1964", "end_date", "1960-01-01")
    found = problems(package_copy, "leader-end-after-start")
    assert any(p.row == row and "end_date must not be before start_date" in p.message for p in found)


def test_overlapping_spells(package_copy):
    row = edit_cell(package_copy, "leaders", "RUS-1964", "start_date", "1962-01-01")
    found = problems(package_copy, "leader-no-overlap")
    assert any(p.row == row and "must not overlap" in p.message and "1962-01-01" in p.value for p in found)


def test_shared_spells_may_overlap(package_copy):
    edit_cell(package_copy, "leaders", "RUS-1964", "start_date", "1962-01-01")
    edit_cell(package_copy, "leaders", "RUS-1964", "shared_spell", "true")
    edit_cell(package_copy, "leaders", "RUS-1953-2", "shared_spell", "true")
    assert not [p for p in validate(package_copy).problems if p.rule == "leader-no-overlap"]


def test_missing_source(package_copy):
    row = edit_cell(package_copy, "leaders", "RUS-1964", "source_ids", "archigos-4.1;no-such-source")
    [found] = problems(package_copy, "source-exists")
    assert (found.row, found.column, found.value) == (row, "source_ids", "archigos-4.1;no-such-source")


def test_injected_formula(package_copy):
    row = edit_cell(package_copy, "countries", "USA", "name", '=HYPERLINK("http://evil","x")')
    [found] = problems(package_copy, "no-formula")
    assert (found.file, found.row, found.column) == ("data/countries.csv", row, "name")
    assert "formula" in found.message


def test_leader_outside_state_existence(package_copy):
    row = edit_cell(package_copy, "leaders", "GDR-1989-2", "end_date", "1991-06-01")
    found = problems(package_copy, "leader-inside-state")
    assert any(p.row == row and "GW membership" in p.message for p in found)


def test_wrong_header(package_copy):
    path = package_copy / "data" / "leaders.csv"
    path.write_bytes(path.read_bytes().replace(b"exitcode,gender", b"exit_code,gender", 1))
    [found] = problems(package_copy, "incorrect-label")
    assert "'exit_code'" in found.message and "'exitcode'" in found.message
    assert any(p.rule == "not-checked" and p.file == "data/leaders.csv" for p in problems(package_copy))


def test_bad_encoding(package_copy):
    path = package_copy / "data" / "leaders.csv"
    data = path.read_bytes()
    line = data[: data.index(b"Khrushchev")].count(b"\n") + 1
    path.write_bytes(data.replace(b"Khrushchev", "Khrushchëv".encode("latin-1"), 1))
    [found] = problems(package_copy, "encoding-error")
    assert found.row == line and "not valid UTF-8" in found.message


def test_stale_hash_is_explained(package_copy):
    edit_cell(package_copy, "leaders", "RUS-1964", "note", "a harmless note")
    found = problems(package_copy, "hash-count")
    assert "pipeline.build --curated" in found[0].message


def test_all_problems_reported_at_once(package_copy):
    edit_cell(package_copy, "leaders", "RUS-1964", "country_id", "XXX")
    edit_cell(package_copy, "countries", "USA", "name", "@SUM(1)")
    edit_cell(package_copy, "state_memberships", "cow", "end_date", "1800-01-01")
    rules = {p.rule for p in problems(package_copy)}
    assert {"foreign-key", "no-formula", "membership-end-after-start"} <= rules


def test_validation_modifies_nothing(package_copy):
    edit_cell(package_copy, "leaders", "RUS-1964", "end_date", "1982-02-30")
    before = fingerprint(package_copy)
    problems(package_copy)
    assert fingerprint(package_copy) == before


def test_more_than_a_thousand_errors_are_all_reported(package_copy):
    """Frictionless stops at 1,000 errors by default; the validator lifts the cap."""
    path = package_copy / "data" / "leaders.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    col = rows[0].index("birth_year")
    for row in rows[1:]:
        row[col] = "unknown"
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    found = problems(package_copy, "type-error")
    assert len(found) == len(rows) - 1


CORRUPTIONS = [
    ("leaders", "RUS-1964", "leader_spell_id", "RUS-1953-2"),   # duplicate primary key
    ("leaders", "RUS-1964", "country_id", "XXX"),               # unknown country (foreign key)
    ("leaders", "RUS-1964", "end_date", "1982-02-30"),          # impossible date
    ("leaders", "RUS-1964", "gender", "X"),                     # enum
    ("leaders", "RUS-1964", "leader", ""),                      # required
    ("leaders", "RUS-1964", "birth_year", "1700"),              # minimum
    ("crises", "196", "trigger_date", "1962-10-66"),            # pattern
    ("leaders", "RUS-1964", "archigos_obsid", "RUS-1953-2"),    # unique
]


@pytest.mark.parametrize("table,key,column,value", CORRUPTIONS)
def test_both_engines_report_the_same_cells(package_copy, table, key, column, value):
    edit_cell(package_copy, table, key, column, value)
    found = {}
    for engine in ("frictionless", "vectorized"):
        report = validate(package_copy, engine=engine)
        found[engine] = {(p.rule, p.file, p.row, p.column) for p in report.problems
                         if p.stage == "frictionless" and p.rule not in ("hash-count", "byte-count")}
        assert any(p.rule in ("hash-count", "byte-count") for p in report.problems)
    assert found["frictionless"] == found["vectorized"] and found["vectorized"]


@pytest.mark.parametrize("engine", ["frictionless", "vectorized"])
def test_structure_errors_under_both_engines(package_copy, engine):
    path = package_copy / "data" / "leaders.csv"
    data = path.read_bytes().replace(b"exitcode,gender", b"exit_code,gender", 1)
    path.write_bytes(data.replace(b"Khrushchev", "Khrushchëv".encode("latin-1"), 1))
    rules = {p.rule for p in validate(package_copy, engine=engine).problems}
    assert "encoding-error" in rules or "incorrect-label" in rules


def test_rule_names_are_unique():
    from coldwar_relations.rules.base import Rule

    with pytest.raises(ValueError, match="defined twice"):
        Rule("leader-no-overlap", ("x",), "again", lambda df, tables: df)


def test_every_table_has_a_rules_module():
    from coldwar_relations import rules

    for name in cw.tables():
        assert isinstance(rules.module(name).RULES, list)
    with pytest.raises(LookupError, match="no rules module"):
        rules.module("no_such_table")
