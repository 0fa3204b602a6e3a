"""The contributor's journey, followed from docs/guides/contributing.md in a temporary copy of the
repository: the rows the guide shows are appended, the commands it shows are run in order, and
each must exit as the guide says and print every line the guide shows."""

from __future__ import annotations

import datetime
import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
GUIDE = REPO / "docs" / "guides" / "contributing.md"
SKIP = shutil.ignore_patterns(".git", "site", ".ci-venv", "test-artifacts", "__pycache__", "*.egg-info", "dist",
                              ".pytest_cache")
BLOCK = re.compile(r"^( *)```(\w+)(?: title=\"([^\"]+)\")?\n(.*?)^\1```", re.M | re.S)
# the exit code the guide announces for a command, by what its shown output says
FAILING = ("result: INVALID", "(NOT ENOUGH)")


def blocks(kind: str) -> list[tuple[str | None, str]]:
    return [(title, textwrap.dedent(body)) for _, k, title, body in BLOCK.findall(GUIDE.read_text()) if k == kind]


def commands(console: str) -> list[tuple[str, list[str]]]:
    """(command, the output lines shown under it) for each ``$ `` line of a console block."""
    out: list[tuple[str, list[str]]] = []
    for line in console.splitlines():
        if line.startswith("$ "):
            out.append((line[2:], []))
        elif line.strip():
            out[-1][1].append(line)
    return out


def shown(line: str) -> re.Pattern:
    """A line of shown output as a pattern: ``...`` stands for any text."""
    return re.compile("^" + ".*".join(re.escape(part) for part in line.split("...")) + "$", re.M)


def run(root: Path, command: str) -> subprocess.CompletedProcess:
    words = command.split()
    if words[0] == "coldwar-relations":
        words = ["-m", "coldwar_relations", *words[1:]]
    assert words[:2] == ["python", "-m"] or words[0] == "-m", f"the guide shows an unexpected command: {command}"
    args = [sys.executable, *(words[1:] if words[0] == "python" else words)]
    env = {**os.environ, "PYTHONPATH": str(root / "src")}  # the copy's library, as an editable install gives
    return subprocess.run(args, cwd=root, env=env, capture_output=True, text=True, timeout=600)


def follow(root: Path, console: str) -> None:
    for command, lines in commands(console):
        done = run(root, command)
        output = done.stdout + done.stderr
        expected = 1 if any(marker in line for line in lines for marker in FAILING) else 0
        assert done.returncode == expected, f"$ {command}\n{output}"
        assert "Traceback" not in output
        for line in lines:
            assert shown(line).search(output), f"$ {command}: the guide shows {line!r}, the command printed:\n{output}"


def append(root: Path, title: str, rows: str) -> None:
    with open(root / title, "a", encoding="utf-8", newline="") as fh:
        fh.write(rows)


def minor_bump(version: str) -> str:
    major, minor, _ = (int(p) for p in version.split("."))
    return f"{major}.{minor + 1}.0"


@pytest.fixture
def clone(tmp_path) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    root = tmp_path / "coldwar-relations"
    shutil.copytree(REPO, root, ignore=SKIP)
    for args in (["init", "-q"], ["add", "-A"], ["-c", "user.name=CI", "-c", "user.email=ci@example.org",
                                                  "commit", "-qm", "main before the contribution"]):
        subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)
    return root


def test_the_contributing_guide_walks_from_a_broken_edit_to_a_passing_check(clone):
    rows = dict(blocks("csv"))
    refused, valid, unbumped, bumped = (body for _, body in blocks("console"))
    (changelog_title, changelog_entry), = blocks("markdown")
    assert set(rows) == {"data/sources.csv", "data/events.csv", "data/event_actors.csv"}

    append(clone, "data/sources.csv", rows["data/sources.csv"])
    append(clone, "data/events.csv", rows["data/events.csv"])
    follow(clone, refused)
    append(clone, "data/event_actors.csv", rows["data/event_actors.csv"])
    follow(clone, valid)
    follow(clone, unbumped)

    # step 7: the bump the guide describes, from whatever version the package has today
    settings = clone / "pipeline" / "descriptor" / "package.yaml"
    current = yaml.safe_load(settings.read_text())["version"]
    new = minor_bump(current)
    settings.write_text(settings.read_text().replace(f"version: {current}\n", f"version: {new}\n", 1))
    heading = re.match(r"## (\S+) - (\S+)", changelog_entry)
    assert heading, "the guide's CHANGELOG example starts with a version heading"
    entry = changelog_entry.replace(heading.group(0), f"## {new} - {datetime.date.today().isoformat()}", 1)
    changelog = clone / changelog_title
    head, rest = changelog.read_text().split("\n## ", 1)
    changelog.write_text(f"{head}\n{entry}\n## {rest}")
    follow(clone, bumped)
