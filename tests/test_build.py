"""The build is deterministic, the committed data equal a fresh build, the descriptor is current."""

from __future__ import annotations

import hashlib
import json

import pytest

import coldwar_relations as cw
from pipeline import build, descriptor


@pytest.fixture(scope="module")
def fresh_build(tmp_path_factory, reference):
    """One build from the upstream data for the module: it takes a while."""
    return build.write_derived(tmp_path_factory.mktemp("build"), reference)


def test_committed_data_equal_a_fresh_build(fresh_build):
    """The committed files were built by an earlier, separate run: equal bytes show both that the
    build is deterministic and that data/ is current."""
    assert build.differing(fresh_build) == []
    assert descriptor.stale() == []


def test_descriptor_is_current(repo):
    committed = (repo / "datapackage.json").read_text(encoding="utf-8")
    assert committed == descriptor.render(descriptor.build()), "run: python -m pipeline.build --descriptor-only"


def test_descriptor_records_bytes_and_hash_of_every_file(repo):
    package = json.loads((repo / "datapackage.json").read_text(encoding="utf-8"))
    for resource in package["resources"]:
        content = (repo / resource["path"]).read_bytes()
        assert resource["bytes"] == len(content)
        assert resource["hash"] == "sha256:" + hashlib.sha256(content).hexdigest()


def test_every_field_is_described(repo):
    package = cw.descriptor(repo)
    for resource in package["resources"]:
        for field in resource["schema"]["fields"]:
            assert field.get("description"), f"{resource['name']}.{field['name']}"


def test_upstream_datasets_are_credited(repo):
    package = json.loads((repo / "datapackage.json").read_text(encoding="utf-8"))
    credited = {s["source_id"]: s for s in package["sources"]}
    for upstream in ("cow-states-2016", "gw-states-2017", "archigos-4.1"):
        assert credited[upstream]["citation"] and credited[upstream]["version"] and credited[upstream]["license"]


def test_check_reports_a_stale_table(fresh_build, repo, tmp_path):
    """--check must notice a committed table that no longer equals the build."""
    fake = tmp_path / "data"
    fake.mkdir()
    for path in (repo / "data").glob("*.csv"):
        (fake / path.name).write_bytes(path.read_bytes())
    leaders = fake / "leaders.csv"
    leaders.write_bytes(leaders.read_bytes().replace(b"Khrushchev", b"Krushchev", 1))
    assert build.differing(fresh_build, fake) == ["data/leaders.csv"]


def test_check_skips_cleanly_without_reference(tmp_path, capsys):
    assert build.main(["--check", "--reference", str(tmp_path / "missing")]) == 0
    assert "skipping the reproducibility check" in capsys.readouterr().out


def test_version_is_bumped_as_the_change_since_the_previous_version_requires(repo):
    """The CI rule: compare with the last commit of the previous version (skips in a
    history with a single version, or outside a git checkout)."""
    import subprocess

    from pipeline import version_check

    if subprocess.run(["git", "-C", str(repo), "rev-parse"], capture_output=True).returncode != 0:
        pytest.skip("not a git checkout")
    assert version_check.main() == 0
