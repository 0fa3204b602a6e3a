"""Loader backends, joins, panels, provenance, exports, diff and the release files."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3

import pandas as pd
import pytest
import yaml
from openpyxl import load_workbook
from typer.testing import CliRunner

import coldwar_relations as cw
from coldwar_relations import diff
from coldwar_relations.cli import app
from coldwar_relations.export import export
from pipeline import descriptor
from test_validation import edit_cell

runner = CliRunner()


def test_backends_agree():
    pandas_rows = len(cw.load("leaders"))
    assert cw.load("leaders", backend="polars").height == pandas_rows
    assert cw.load("leaders", backend="pyarrow").num_rows == pandas_rows
    with pytest.raises(ValueError):
        cw.load("leaders", backend="spark")


def test_load_all_returns_every_table():
    assert set(cw.load_all()) == set(cw.tables())


def test_reduced_precision_dates_get_bounds():
    crises = cw.load("crises").set_index("icb_crisno")
    assert crises.loc[185, "trigger_date_latest"] == pd.Timestamp("1961-08-31")


def test_join_follows_foreign_keys():
    joined = cw.join("event_actors", "countries", columns=["name"])
    assert len(joined) == len(cw.load("event_actors"))
    assert joined.loc[joined.country_id == "USA", "name"].iloc[0] == "United States of America"
    pairs = cw.join("pairs", "countries", columns=["name"])
    assert {"country_a_name", "country_b_name"} <= set(pairs.columns)
    with pytest.raises(ValueError):
        cw.join("countries", "leaders")


def test_with_country_names():
    named = cw.with_country_names(cw.load("crisis_metrics"))
    assert named.loc[named.actor_country_id == "RUS", "actor_country_id_name"].iloc[0] == "Soviet Union"  # 1948


def test_state_years_count_members_per_year():
    cow = cw.state_years(1990, 1990, "cow")
    gw = cw.state_years(1990, 1990, "gw")
    assert {"GDR", "GFR", "RUS"} <= set(cow.country_id)
    assert "GMY" in set(cow.country_id)  # COW: unified Germany from 1990-10-03 under code 255
    assert "GMY" not in set(gw.country_id)
    assert cw.state_years(1946, 1946, "gw").query("country_id == 'ISR'").empty


def test_dyad_years_carry_relations_status():
    panel = cw.dyad_years(["USA-RUS"], 1930, 1935)  # either order of the pair
    assert list(panel.year) == [1930, 1931, 1932, 1933, 1934, 1935]
    assert list(panel.status.astype(str)) == ["severed"] * 3 + ["relations"] * 3


def test_leader_years_count_days_and_mark_years_beyond_the_last_observation():
    panel = cw.leader_years(1953, 1953)
    stalin = panel[(panel.country_id == "RUS") & (panel.leader == "Stalin")].iloc[0]
    assert stalin.days_in_office == 64  # 1 January to 5 March 1953
    last_full = cw.scope.LAST_FULL_YEAR
    putin = cw.leader_years(2000, last_full).query("leader == 'Putin'")
    observed = cw.load("leaders").set_index("leader_spell_id").loc["RUS-2000", "observed_until"]
    assert putin.year.max() == last_full  # an open spell is in office, not ended at its last source
    assert not putin[putin.year < observed.year].beyond_observation.any()
    assert putin[putin.year > observed.year].beyond_observation.all()


def test_macron_is_in_every_year_of_his_presidency():
    years = cw.leader_years(2017, 2025).query("leader == 'Macron'").year
    assert sorted(years) == list(range(2017, 2026))


def test_panels_refuse_years_outside_their_coverage():
    with pytest.raises(ValueError, match="covers"):
        cw.leader_years(1700, 1800)
    with pytest.raises(ValueError, match="covers"):
        cw.dyad_years(["RUS-USA"], 1900, 1950)


def test_leader_years_1900_1944_equal_archigos_under_the_same_rule(reference):
    upstream = pd.read_csv(reference / "archigos.csv", parse_dates=["startdate", "enddate"])
    expected = sum(max(0, min(1944, s.enddate.year) - max(1900, s.startdate.year) + 1) for s in upstream.itertuples())
    assert len(cw.leader_years(1900, 1944)) == expected


def test_standardize_keeps_only_system_members():
    gw = cw.leader_years(1945, 1991, standardize="gw")
    members = cw.state_years(1945, 1991, system="gw")
    assert set(zip(gw.country_id, gw.year)) <= set(zip(members.country_id, members.year))
    assert len(gw) < len(cw.leader_years(1945, 1991))


def test_names_of_the_time():
    assert cw.name_of("RUS", "1962-10-22") == "Soviet Union"
    assert cw.name_of("RUS", "1992-01-01") == "Russian Federation"
    assert cw.name_of("DRC", "1980-06-30") == "Zaire"
    crises = cw.with_country_names(cw.load("crises")).set_index("icb_crisno")
    assert crises.loc[196, "triggering_country_id_name"] == "Soviet Union"


def test_version_and_citations_come_from_the_descriptor(repo):
    package = json.loads((repo / "datapackage.json").read_text())
    assert cw.version()["data"] == package["version"]
    assert cw.version()["upstream"]["archigos-4.1"] == "4.1"
    assert package["version"] in cw.cite("bibtex")
    assert "Journal of Peace Research" in cw.cite("apa", "archigos-4.1")
    assert "author = {H. E. Goemans and Kristian Skrede Gleditsch" in cw.cite("bibtex", "archigos-4.1")


def test_sources_for_a_row():
    row = cw.load("leaders").set_index("leader_spell_id").loc["USA-2009"]
    found = cw.sources_for(row)
    assert "archigos-4.1" in set(found.source_id) and len(found) == len(row.source_ids.split(";"))


def test_sqlite_export_keeps_keys(tmp_path):
    out = export("sqlite", tmp_path / "cw.sqlite")
    con = sqlite3.connect(out)
    assert con.execute("select count(*) from events").fetchone()[0] == len(cw.load("events"))
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    con.execute("PRAGMA foreign_keys = ON")
    with pytest.raises(sqlite3.IntegrityError):
        con.execute("INSERT INTO event_actors VALUES ('no-such-event', 'USA', 'participant')")
    with pytest.raises(sqlite3.IntegrityError):
        con.execute("INSERT INTO countries (country_id, name, in_core_period, cow_gw_agreement, source_ids) "
                    "VALUES ('USA', 'dup', 1, 'same_dates', 'x')")


def test_duckdb_export_keeps_keys(tmp_path):
    import duckdb

    con = duckdb.connect(str(export("duckdb", tmp_path / "cw.duckdb")))
    assert con.execute("select count(*) from relations").fetchone()[0] == len(cw.load("relations"))
    with pytest.raises(duckdb.ConstraintException):
        con.execute("INSERT INTO event_actors VALUES ('no-such-event', 'USA', 'participant')")


def test_parquet_export_round_trips(tmp_path):
    export("parquet", tmp_path / "pq")
    back = pd.read_parquet(tmp_path / "pq" / "leaders.parquet")
    assert len(back) == len(cw.load("leaders")) and "start_date_earliest" not in back.columns


def test_spreadsheet_export_never_holds_formulas(tmp_path, monkeypatch):
    real = cw.loader.load

    def with_formula(name, path=None, backend="pandas"):
        frame = real(name, path, backend)
        if name == "countries":
            frame.loc[0, "note"] = '=HYPERLINK("http://evil.example","click")'
        return frame
    monkeypatch.setattr(cw.loader, "load", with_formula)
    book = load_workbook(export("xlsx", tmp_path / "cw.xlsx"))
    sheet = book["countries"]
    header = [c.value for c in sheet[1]]
    cell = sheet.cell(row=2, column=header.index("note") + 1)
    assert cell.value.startswith("=HYPERLINK") and cell.data_type == "s"


def _copy(package_copy, tmp_path, name):
    target = tmp_path / name
    shutil.copytree(package_copy, target)
    return target


def _set_version(root, version):
    path = root / "datapackage.json"
    data = json.loads(path.read_text())
    data["version"] = version
    path.write_text(json.dumps(data))


def test_diff_correction_needs_patch(package_copy, tmp_path):
    new = _copy(package_copy, tmp_path, "new")
    edit_cell(new, "leaders", "RUS-1964", "note", "corrected note")
    result = diff.compare(package_copy, new)
    leaders = next(t for t in result.tables if t.name == "leaders")
    assert leaders.changed == [("RUS-1964", "note", "", "corrected note")]
    assert result.required == "patch" and not result.bump_ok
    major, minor, patch = map(int, result.old_version.split("."))
    _set_version(new, f"{major}.{minor}.{patch + 1}")
    assert diff.compare(package_copy, new).bump_ok


def test_diff_added_row_needs_minor(package_copy, tmp_path):
    new = _copy(package_copy, tmp_path, "new")
    path = new / "data" / "pairs.csv"
    path.write_text(path.read_text() + "USA-ZZZ,USA,ZZZ,none,,\n")
    result = diff.compare(package_copy, new)
    assert next(t for t in result.tables if t.name == "pairs").added == ["USA-ZZZ"]
    major, minor, patch = map(int, result.old_version.split("."))
    _set_version(new, f"{major}.{minor}.{patch + 1}")
    assert diff.compare(package_copy, new).required == "minor"
    assert not diff.compare(package_copy, new).bump_ok


def test_diff_removed_field_or_stricter_constraint_needs_major(package_copy, tmp_path):
    new = _copy(package_copy, tmp_path, "new")
    leaders = json.loads((new / "schemas/leaders.json").read_text())
    leaders["fields"] = [f for f in leaders["fields"] if f["name"] != "note"]
    (new / "schemas/leaders.json").write_text(json.dumps(leaders))
    claims = json.loads((new / "schemas/claims.json").read_text())
    next(f for f in claims["fields"] if f["name"] == "topic")["constraints"] = {"required": True}
    (new / "schemas/claims.json").write_text(json.dumps(claims))
    result = diff.compare(package_copy, new)
    messages = [m for t in result.tables for _, m in t.schema]
    assert "field note removed or renamed" in messages and "field topic: now required" in messages
    assert result.required == "major"


def test_cli_diff_check_fails_without_bump(package_copy, tmp_path):
    new = _copy(package_copy, tmp_path, "new")
    edit_cell(new, "leaders", "RUS-1964", "note", "corrected note")
    result = runner.invoke(app, ["diff", "--check", str(package_copy), str(new)])
    assert result.exit_code == 1
    assert "RUS-1964 note: '' -> 'corrected note'" in result.output
    assert "needs a patch version bump" in result.output


def test_cli_show_and_cite():
    shown = runner.invoke(app, ["show", "leaders", "--where", "country_id == 'RUS' and leader == 'Andropov'"])
    assert shown.exit_code == 0 and "1982-11-10" in shown.output and "(1 rows)" in shown.output
    bad = runner.invoke(app, ["show", "leaderz"])
    assert bad.exit_code != 0 and "leaders" in bad.output
    assert "Journal of Peace Research" in runner.invoke(app, ["cite", "archigos-4.1"]).output


def test_changelog_and_citation_agree_with_the_descriptor(repo):
    package = json.loads((repo / "datapackage.json").read_text())
    first = re.search(r"^## (\S+)", (repo / "CHANGELOG.md").read_text(), re.M).group(1)
    assert first == package["version"]
    cff = yaml.safe_load((repo / "CITATION.cff").read_text())
    assert cff["version"] == package["version"] and cff["title"] == package["title"]
    assert (repo / "CITATION.cff").read_text() == descriptor.citation_cff(descriptor.build())
