"""The validator against the hostile-input corpus (tests/hostile.py): for every case and both
engines, `coldwar-relations validate` runs in a fresh process with a memory limit and a time
bound, exits with the case's code, prints no traceback, names the problem (file, rule, and row,
column or value where they apply), and changes no file. Both engines give the same verdict."""

from __future__ import annotations

import hashlib
import json
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import coldwar_relations as cw
from conftest import REPO
from hostile import cases

MEMORY = 4 * 2**30  # bytes of address space the validator may use
BOUND = 300  # seconds: a hang guard, not a speed test (see benchmarks/)
CASES = {c.name: c for c in cases() if not c.batch}
BATCH = [c for c in cases() if c.batch]  # bad values in distinct cells: one run finds them all


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def _copy(tmp: Path) -> Path:
    root = tmp / "package"
    for name in cw.resources.files(REPO):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / name, root / name)
    return root


def _state(root: Path) -> dict:
    """What a run must not change: every file's bytes, and what the links and pipes are."""
    out = {}
    for p in sorted(root.rglob("*")):
        if p.is_symlink():
            out[str(p)] = f"link to {p.readlink()}"
        elif p.is_file():
            out[str(p)] = hashlib.sha256(p.read_bytes()).hexdigest()
        else:
            out[str(p)] = "dir" if p.is_dir() else f"special {p.stat().st_size}"
    return out


def _validate(root: Path, engine: str, tmp_path: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "coldwar_relations.cli", "validate", str(root), "--json",
                          "--engine", engine], capture_output=True, text=True, timeout=BOUND, preexec_fn=_limits,
                         cwd=tmp_path)


@pytest.mark.parametrize("engine", ["frictionless", "vectorized"])
@pytest.mark.parametrize("name", list(CASES))
def test_hostile_input(name, engine, tmp_path):
    case = CASES[name]
    root = _copy(tmp_path)
    case.mutate(root)
    before = _state(root)
    run = _validate(root, engine, tmp_path)
    assert "Traceback" not in run.stderr + run.stdout, run.stderr[-2000:]
    assert run.returncode == case.exit, (run.returncode, run.stderr[-1000:], run.stdout[-2000:])
    problems = [json.loads(line) for line in run.stdout.splitlines() if line.startswith("{")]
    if case.exit == 0:
        assert not problems and "result: VALID" in run.stdout
    elif case.exit == 2:
        message = [line for line in run.stderr.splitlines() if line.startswith("error:")]
        assert len(message) == 1 and case.stderr in message[0]
    else:
        assert "result: INVALID" in run.stdout
        found = [p for p in problems if all(str(p.get(k)) == str(v) for k, v in case.expect.items())]
        assert found, f"no problem with {case.expect} among {problems[:5]}"
        for p in problems:  # every problem says where and which rule, in words
            assert p["file"] and p["rule"] and p["message"]
    assert _state(root) == before


@pytest.mark.parametrize("engine", ["frictionless", "vectorized"])
def test_bad_values_are_each_reported(engine, tmp_path):
    root = _copy(tmp_path)
    for case in BATCH:
        case.mutate(root)
    before = _state(root)
    run = _validate(root, engine, tmp_path)
    assert "Traceback" not in run.stderr + run.stdout and run.returncode == 1, run.stderr[-1000:]
    problems = [json.loads(line) for line in run.stdout.splitlines() if line.startswith("{")]
    missed = [c.name for c in BATCH if not any(all(str(p.get(k)) == str(v) for k, v in c.expect.items())
                                               for p in problems)]
    assert not missed, missed
    assert _state(root) == before
