"""A table is its descriptor YAML and its rules module: adding one to a copy of the repository
is those two files and its rows, and the build, the validator and the loader pick it up."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SKIP = shutil.ignore_patterns(".git", "site", ".ci-venv", "test-artifacts", "__pycache__", "*.egg-info", "dist")

YAML = """title: Demo treaties
description: A throwaway table added by the test.
schema:
  primaryKey: [treaty_id]
  fields:
    - name: treaty_id
      type: string
      description: Identifier.
      constraints: {required: true}
    - name: signed
      type: date
      description: Day of signature.
    - name: ended
      type: date
      description: Day it ended.
    - name: source_ids
      type: string
      description: Sources.
"""

RULES = '''from coldwar_relations.rules.base import row_rule


@row_rule("demo-ends-after-signature", ["signed", "ended"], "ended must not be before signed")
def ends_after_signature(df, tables):
    return df["ended"].isna() | (df["ended"] >= df["signed"])


RULES = [ends_after_signature]
'''


def run(root: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(root / "src")}  # the copy's library, not the installed one
    return subprocess.run([sys.executable, *args], cwd=root, env=env, capture_output=True, text=True)


def test_adding_a_table_is_two_files_and_its_rows(tmp_path):
    root = tmp_path / "repo"
    shutil.copytree(REPO, root, ignore=SKIP)
    (root / "pipeline/descriptor/resources/demo_treaties.yaml").write_text(YAML)
    package = root / "pipeline/descriptor/package.yaml"
    package.write_text(package.read_text().replace("resources:\n", "resources:\n  - demo_treaties\n"))
    (root / "src/coldwar_relations/rules/demo_treaties.py").write_text(RULES)
    (root / "data/demo_treaties.csv").write_text(
        "treaty_id,signed,ended,source_ids\nwarsaw,1955-05-14,1991-07-01,archigos-4.1\n")

    built = run(root, "-m", "pipeline.build", "--descriptor-only")
    assert built.returncode == 0, built.stderr
    assert (root / "schemas/demo_treaties.json").is_file()
    valid = run(root, "-m", "coldwar_relations.cli", "validate", ".")
    assert valid.returncode == 0 and "demo_treaties" in valid.stdout, valid.stdout + valid.stderr

    (root / "data/demo_treaties.csv").write_text(
        "treaty_id,signed,ended,source_ids\nwarsaw,1955-05-14,1951-07-01,no-such-source\n")
    run(root, "-m", "pipeline.build", "--descriptor-only")
    broken = run(root, "-m", "coldwar_relations.cli", "validate", ".")
    assert broken.returncode == 1
    assert ("data/demo_treaties.csv, row 2, column signed, ended, value '1955-05-14; 1951-07-01': "
            "ended must not be before signed [rule: demo-ends-after-signature]") in broken.stdout
    assert "[rule: source-exists]" in broken.stdout
