"""The installed library: tables, typed loading, the frictionless Package, the CLI."""

from __future__ import annotations

import json

import pandas as pd
from typer.testing import CliRunner

import coldwar_relations as cw
from coldwar_relations.cli import app
from test_validation import edit_cell

runner = CliRunner()


def test_tables_listed_from_the_descriptor():
    listed = json.loads((cw.package_root() / "datapackage.json").read_text(encoding="utf-8"))["resources"]
    assert cw.tables() == [r["name"] for r in listed]
    assert cw.tables()[:2] == ["sources", "countries"] and "country_names" in cw.tables()


def test_installed_package_loads_offline_with_real_dtypes():
    leaders = cw.load("leaders")
    assert str(leaders.end_date.dtype).startswith("datetime64")
    assert isinstance(leaders.gender.dtype, pd.CategoricalDtype)
    assert list(leaders.gender.cat.categories) == ["M", "F"]
    countries = cw.load("countries")
    assert str(countries.cow_code.dtype) == "Int64"
    assert countries.cow_code.isna().any()  # GW-only states keep a missing COW code, not 0 or NaN-float


def test_package_returns_frictionless_package():
    package = cw.package()
    assert package.name == "coldwar-relations"
    assert package.get_resource("leaders").schema.primary_key == ["leader_spell_id"]


def test_unknown_table_says_which_exist():
    try:
        cw.load("leaderz")
    except KeyError as error:
        assert "leaders" in str(error)
    else:
        raise AssertionError("expected KeyError")


def test_cli_validate_ok_prints_summary():
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 0, result.output
    assert "result: VALID" in result.output
    assert f"version {cw.data_version()}" in result.output
    assert "leaders" in result.output


def test_cli_validate_broken_exits_nonzero(package_copy):
    edit_cell(package_copy, "leaders", "RUS-1964", "country_id", "XXX")
    result = runner.invoke(app, ["validate", str(package_copy)])
    assert result.exit_code == 1
    assert "data/leaders.csv, row" in result.output and "'XXX'" in result.output
    assert "result: INVALID" in result.output


def test_cli_validate_json(package_copy):
    edit_cell(package_copy, "leaders", "RUS-1964", "country_id", "XXX")
    result = runner.invoke(app, ["validate", "--json", str(package_copy / "datapackage.json")])
    records = [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]
    assert any(r["rule"] == "foreign-key" and r["value"] == "XXX" for r in records)


def test_cli_info():
    result = runner.invoke(app, ["info"])
    assert result.exit_code == 0
    assert "Archigos" in result.output and "leaders" in result.output
