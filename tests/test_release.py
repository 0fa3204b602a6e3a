"""The release files: built once from this checkout, checked the way a user would check them."""

from __future__ import annotations

import csv
import fcntl
import hashlib
import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

import coldwar_relations as cw
from coldwar_relations import release
from coldwar_relations.cli import app

pytest.importorskip("build", reason="the release needs the build package: pip install '.[release]'")

REPO = Path(__file__).resolve().parents[1]
runner = CliRunner()


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def csv_rows(path: Path) -> int:
    with open(path, newline="", encoding="utf-8") as fh:
        return sum(1 for _ in csv.reader(fh)) - 1  # quoted cells may hold newlines: count records


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    """One release build per test run, shared by the pytest-xdist workers (the first one builds)."""
    base = tmp_path_factory.getbasetemp()
    out = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "release-dist"
    with open(out.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (out / release.SUMS).is_file():  # written last
            release.build(out, REPO)
    return out


@pytest.fixture(scope="module")
def names() -> dict[str, str]:
    sdist, wheel, archive, zenodo, sums = release.file_names(REPO)
    return {"sdist": sdist, "wheel": wheel, "zip": archive, "zenodo": zenodo, "sums": sums}


@pytest.fixture(scope="module")
def unzipped(dist, names, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(dist / names["zip"]) as zf:
        zf.extractall(out)
    return out


def test_every_release_file_is_built_and_nothing_else(dist):
    # the names the download page announces, the wheel's tag included
    assert sorted(p.name for p in dist.iterdir()) == sorted(release.file_names(REPO))
    assert all((dist / name).stat().st_size > 0 for name in release.file_names(REPO))


def test_sha256sums_lists_and_matches_every_other_file(dist, names):
    listed = dict(reversed(line.split("  ", 1)) for line in (dist / names["sums"]).read_text().splitlines())
    assert set(listed) == set(release.file_names(REPO)) - {names["sums"]}
    assert all(sha256(dist / name) == digest for name, digest in listed.items())
    if shutil.which("sha256sum"):
        checked = subprocess.run(["sha256sum", "-c", names["sums"]], cwd=dist, capture_output=True, text=True)
        assert checked.returncode == 0, checked.stdout + checked.stderr


def test_zip_holds_the_package_files_as_committed(unzipped):
    members = sorted(str(p.relative_to(unzipped)) for p in unzipped.rglob("*") if p.is_file())
    assert members == sorted(set(cw.resources.files(REPO)) | set(release.DOCUMENTS))
    assert all((unzipped / m).read_bytes() == (REPO / m).read_bytes() for m in members)


def test_zip_is_a_valid_data_package_for_plain_frictionless(unzipped):
    done = subprocess.run([sys.executable, "-m", "frictionless", "validate", "--json",
                           str(unzipped / "datapackage.json")], capture_output=True, text=True, cwd=unzipped)
    report = json.loads(done.stdout)
    assert done.returncode == 0 and report["valid"], report["errors"] or [t["errors"] for t in report["tasks"]]
    assert len(report["tasks"]) == len(cw.descriptor(REPO)["resources"])


def test_zenodo_metadata_comes_from_the_descriptor_and_citation(dist, names):
    meta = json.loads((dist / names["zenodo"]).read_text())
    descriptor = cw.descriptor(REPO)
    assert (meta["title"], meta["version"]) == (descriptor["title"], descriptor["version"])
    assert meta["license"] == descriptor["licenses"][0]["name"] and meta["upload_type"] == "dataset"
    assert meta["creators"] and all(c["name"] for c in meta["creators"])
    related = {r["identifier"] for r in meta["related_identifiers"]}
    for source in descriptor["sources"]:  # each upstream source, by its DOI if it has one, else its URL
        dois = set(release.DOI.findall(f"{source.get('path', '')} {source.get('citation', '')}"))
        assert source["path"] in related or dois & related
    assert meta["publication_date"] == release.changelog_entry(REPO)[1]


def test_a_second_build_gives_the_same_zip_and_clears_only_this_version(dist, names, tmp_path):
    stale_wheel = tmp_path / names["wheel"].replace("py3-none-any", "py2.py3-none-any")
    other_version = tmp_path / "coldwar_relations-0.0.1.tar.gz"
    for path in (stale_wheel, other_version, tmp_path / names["sums"]):
        path.write_text("from an earlier build")
    result = runner.invoke(app, ["release", "--dist", str(tmp_path), "--root", str(REPO)])
    assert result.exit_code == 0, result.output
    assert sha256(tmp_path / names["zip"]) == sha256(dist / names["zip"])
    assert not stale_wheel.exists() and other_version.exists()
    assert names["zip"] in (tmp_path / names["sums"]).read_text()


def test_the_wheel_installs_into_a_fresh_environment_and_loads_every_table(dist, names, tmp_path):
    home = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(home)], check=True)
    python = home / "bin" / "python"
    site = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          check=True, capture_output=True, text=True).stdout.strip()
    # The dependencies (pandas, pyarrow, frictionless...) come from the running environment, put on
    # the venv's path after its own site-packages. Not --system-site-packages: inside a venv (CI's)
    # that would expose the base interpreter's packages. A path in a .pth file does not run that
    # directory's .pth files, so an editable install of this checkout there stays out of sight.
    parent = sorted({sysconfig.get_paths()[k] for k in ("purelib", "platlib")})
    (Path(site) / "_parent_environment.pth").write_text("\n".join(parent) + "\n")
    subprocess.run([python, "-m", "pip", "install", "--quiet", "--no-deps", "--force-reinstall", "--no-index",
                    str(dist / names["wheel"])], check=True, cwd=tmp_path)
    script = ("import importlib.metadata, json, coldwar_relations as cw\n"
              "print(json.dumps({'file': cw.__file__, 'version': importlib.metadata.version('coldwar-relations'),"
              " 'rows': {n: len(f) for n, f in cw.load_all().items()},"
              " 'codebook': (cw.package_root() / 'data' / 'CODEBOOK.md').is_file()}))")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    done = subprocess.run([python, "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    assert Path(found["file"]).resolve().is_relative_to(home.resolve())
    descriptor = cw.descriptor(REPO)
    assert found["version"] == descriptor["version"]
    assert found["rows"] == {r["name"]: csv_rows(REPO / r["path"]) for r in descriptor["resources"]}
    assert found["codebook"], "the codebook ships beside the CSV files in the wheel"


@pytest.fixture
def checkout_copy(package_copy) -> Path:
    for name in ("pyproject.toml", *release.DOCUMENTS):
        shutil.copy(REPO / name, package_copy / name)
    return package_copy


def test_a_release_whose_changelog_disagrees_is_refused(checkout_copy, tmp_path):
    assert runner.invoke(app, ["release", "--check", "--root", str(checkout_copy)]).exit_code == 0
    changelog = checkout_copy / "CHANGELOG.md"
    changelog.write_text("# Changelog\n\n## 99.0.0 - 2030-01-01\n\n- not this version\n")
    result = runner.invoke(app, ["release", "--check", "--root", str(checkout_copy)])
    assert result.exit_code == 1 and "CHANGELOG.md top entry 99.0.0" in result.output
    with pytest.raises(release.ReleaseError, match="MISMATCH"):
        release.build(tmp_path / "dist", checkout_copy)
    assert not (tmp_path / "dist").exists()


def test_release_outside_a_checkout_is_a_one_line_error(tmp_path):
    result = runner.invoke(app, ["release", "--root", str(tmp_path), "--dist", str(tmp_path / "dist")])
    assert result.exit_code == 2 and len(result.output.strip().splitlines()) == 1
    assert "not a source checkout" in result.output


def test_a_release_of_data_edited_since_the_descriptor_is_refused(checkout_copy, tmp_path):
    edited = checkout_copy / cw.resources.resource("claims", checkout_copy)["path"]
    edited.write_bytes(edited.read_bytes() + b"\n")
    assert release.stale_files(checkout_copy) == [str(edited.relative_to(checkout_copy))]
    with pytest.raises(release.ReleaseError, match="differ from the hashes"):
        release.build(tmp_path / "dist", checkout_copy)
