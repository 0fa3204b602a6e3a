"""The command line on user errors: one plain line, a non-zero exit code, no traceback; the
package of the current directory; --version; cite with no missing values."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd
import pytest

import coldwar_relations as cw
from coldwar_relations import export, integrity
from conftest import REPO


def cli(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "coldwar_relations.cli", *args], capture_output=True, text=True,
                          cwd=cwd, env={**os.environ, "PYTHONPATH": str(REPO / "src")})


@pytest.mark.parametrize("args, words", [
    (("show", "leaders", "--columns", "leeder"), "no column 'leeder' in leaders"),
    (("show", "ledaers"), "no table named 'ledaers'"),
    (("diff", "no-such-ref"), "neither a package directory nor a commit"),
    (("validate", "/no/such/path"), "no datapackage.json in /no/such/path"),
    (("export", "x.bin", "--format", "pdf"), "choose one of"),
    (("validate", "--bogus"), "No such option"),
])
def test_a_user_error_is_one_line_and_exit_2(args, words, tmp_path):
    run = cli(*args)
    errors = [line for line in run.stderr.splitlines() if line.startswith("error:")]
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert len(errors) == 1 and words in errors[0], run.stderr


def test_diff_outside_a_repository_says_so(tmp_path):
    run = cli("diff", "HEAD~1", cwd=tmp_path)
    assert run.returncode == 2 and "is not in a git repository" in run.stderr


def test_diff_leaves_no_temporary_folder():
    before = set(Path(tempfile.gettempdir()).glob("cwr-diff-*"))
    run = cli("diff", "HEAD", ".")
    assert run.returncode == 0, run.stderr
    assert set(Path(tempfile.gettempdir()).glob("cwr-diff-*")) == before


def test_commands_read_the_current_directorys_package(package_copy):
    (package_copy / "data" / "claims.csv").write_text("broken\n", encoding="utf-8")
    run = cli("validate", cwd=package_copy / "data")  # from a subfolder of the package being edited
    assert f"package: {package_copy.resolve()} (the current directory's package)" in run.stderr
    assert run.returncode == 1 and "result: INVALID" in run.stdout


def test_version_prints_the_package_and_data_versions():
    run = cli("--version")
    version = cw.resources.descriptor(REPO)["version"]
    assert run.returncode == 0 and run.stdout.startswith(f"coldwar-relations {version}; data package {version}")


def test_cite_never_prints_a_missing_value():
    sources = cw.load("sources", REPO)
    for source in sources["source_id"]:
        for fmt in ("apa", "bibtex"):
            text = cw.cite(fmt, source, REPO)
            assert "<NA>" not in text and "nan" not in text.split(), (source, text)
    # a page without an author is cited under the organisation that issued it, with n.d. for no date
    page = sources[sources["author"].isna() & sources["citation"].isna() & sources["published"].isna()].iloc[0]
    assert cw.cite("apa", page["source_id"], REPO).startswith(f"{page['publisher']} (n.d.).")
    assert "year = {" in cw.cite("bibtex", None, REPO)


def test_a_tampered_file_does_not_load(package_copy):
    file = package_copy / "data" / "crises.csv"
    file.write_bytes(file.read_bytes().replace(b"Cuban Missile", b"Cuban Misile", 1))
    with pytest.raises(integrity.TamperedData, match="does not match the hash"):
        cw.load("crises", package_copy)
    assert "Cuban Misile" in " ".join(cw.load("crises", package_copy, verify=False)["title"])


def test_sqlite_export_refuses_values_outside_an_enum(tmp_path):
    import sqlite3

    out = export.export("sqlite", tmp_path / "cw.sqlite", REPO)
    con = sqlite3.connect(out)
    with pytest.raises(sqlite3.IntegrityError, match="CHECK constraint failed"):
        con.execute("UPDATE events SET event_type = 'invented' WHERE rowid = 1")
    assert not list(tmp_path.glob(".*partial"))


def test_export_with_a_key_to_a_missing_table_fails_at_once(package_copy, tmp_path):
    schema = package_copy / "schemas" / "event_actors.json"
    schema.write_text(schema.read_text(encoding="utf-8").replace('"resource": "events"', '"resource": "nosuch"', 1),
                      encoding="utf-8")
    with pytest.raises(ValueError, match="not in the package"):
        export.export("sqlite", tmp_path / "cw.sqlite", package_copy)
    assert not (tmp_path / "cw.sqlite").exists()
