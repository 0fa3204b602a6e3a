"""Compare two versions of the data package and say what version bump the change needs.

Rules (Frictionless data-package versioning, as this project applies them):
major: a table removed, a field removed or renamed, a field's type changed, or a constraint
made stricter; minor: a table added, a field added, or rows added; patch: values corrected
or rows removed; none: nothing changed.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from coldwar_relations import loader, resources

LEVELS = ("none", "patch", "minor", "major")


@dataclass
class TableDiff:
    name: str
    added: list = field(default_factory=list)
    removed: list = field(default_factory=list)
    changed: list = field(default_factory=list)  # (key, field, old, new)
    schema: list = field(default_factory=list)  # (level, message)


@dataclass
class PackageDiff:
    old_version: str
    new_version: str
    tables: list[TableDiff]
    package: list = field(default_factory=list)  # (level, message)

    @property
    def required(self) -> str:
        levels = [lvl for lvl, _ in self.package]
        for t in self.tables:
            levels += [lvl for lvl, _ in t.schema]
            levels += ["minor"] * bool(t.added) + ["patch"] * bool(t.removed or t.changed)
        return max(levels, key=LEVELS.index, default="none")

    @property
    def actual(self) -> str:
        old = [int(x) for x in self.old_version.split(".")]
        new = [int(x) for x in self.new_version.split(".")]
        if new <= old:
            return "none"
        return "major" if new[0] > old[0] else "minor" if new[1] > old[1] else "patch"

    @property
    def bump_ok(self) -> bool:
        return LEVELS.index(self.actual) >= LEVELS.index(self.required)


def _stricter(old: dict, new: dict) -> list[str]:
    notes = []
    for key, value in new.items():
        before = old.get(key)
        if before == value:
            continue
        if key == "required" and value and not before:
            notes.append("now required")
        elif key in ("unique",) and value and not before:
            notes.append("now unique")
        elif key == "enum" and before is not None and not set(value) >= set(before):
            notes.append("enum lost values: " + ", ".join(map(str, sorted(set(before) - set(value), key=str))))
        elif key in ("minimum", "pattern", "maxLength", "maximum", "minLength") or (key == "enum" and before is None):
            notes.append(f"{key} changed to {value!r}")
    return notes


def _schema_changes(old: dict, new: dict) -> list:
    changes = []
    old_fields = {f["name"]: f for f in old["fields"]}
    new_fields = {f["name"]: f for f in new["fields"]}
    for name in old_fields.keys() - new_fields.keys():
        changes.append(("major", f"field {name} removed or renamed"))
    for name in new_fields.keys() - old_fields.keys():
        changes.append(("minor", f"field {name} added"))
    for name in old_fields.keys() & new_fields.keys():
        a, b = old_fields[name], new_fields[name]
        if a.get("type", "string") != b.get("type", "string"):
            changes.append(("major", f"field {name} type {a.get('type')} -> {b.get('type')}"))
        for note in _stricter(a.get("constraints", {}), b.get("constraints", {})):
            changes.append(("major", f"field {name}: {note}"))
    if old.get("primaryKey") != new.get("primaryKey"):
        changes.append(("major", f"primary key {old.get('primaryKey')} -> {new.get('primaryKey')}"))
    return changes


def _keyed(frame: pd.DataFrame, key: list[str]) -> pd.DataFrame:
    return frame.set_index(key, drop=False).sort_index()


def _rows(name: str, old_root: Path, new_root: Path, key: list[str], diff: TableDiff) -> None:
    old = loader.read_text(old_root / "data" / f"{name}.csv")
    new = loader.read_text(new_root / "data" / f"{name}.csv")
    if not key or not set(key) <= set(old.columns) & set(new.columns):
        return
    old_k, new_k = _keyed(old, key), _keyed(new, key)
    diff.added = sorted(map(str, new_k.index.difference(old_k.index)))
    diff.removed = sorted(map(str, old_k.index.difference(new_k.index)))
    common = old_k.index.intersection(new_k.index)
    columns = [c for c in old.columns if c in new.columns]
    a = old_k.loc[common, columns].astype("string").fillna("")
    b = new_k.loc[common, columns].astype("string").fillna("")
    changed = (a != b)
    for idx, row in changed[changed.any(axis=1)].iterrows():
        for column in row.index[row]:
            diff.changed.append((str(idx), column, a.at[idx, column], b.at[idx, column]))


def compare(old_root: str | Path, new_root: str | Path) -> PackageDiff:
    old_root, new_root = Path(old_root), Path(new_root)
    old, new = resources.descriptor(old_root), resources.descriptor(new_root)
    old_res = {r["name"]: r for r in old["resources"]}
    new_res = {r["name"]: r for r in new["resources"]}
    result = PackageDiff(old["version"], new["version"], [])
    for name in old_res.keys() - new_res.keys():
        result.package.append(("major", f"table {name} removed"))
    for name in sorted(new_res.keys() - old_res.keys()):
        result.package.append(("minor", f"table {name} added"))
    for name in [r["name"] for r in new["resources"] if r["name"] in old_res]:
        t = TableDiff(name, schema=_schema_changes(old_res[name]["schema"], new_res[name]["schema"]))
        _rows(name, old_root, new_root, new_res[name]["schema"].get("primaryKey", []), t)
        result.tables.append(t)
    return result


def _has(repo, ref: str, path: str) -> bool:
    return subprocess.run(["git", "-C", str(repo), "cat-file", "-e", f"{ref}:{path}"], capture_output=True).returncode == 0


@contextmanager
def checkout(ref: str, repo: str | Path = "."):
    """The package files (datapackage.json, schemas/ and data/) as of a git ref, in a temporary
    folder removed on exit. A ref that is not a commit of a git repository is a ValueError."""
    inside = subprocess.run(["git", "-C", str(repo), "rev-parse", "--git-dir"], capture_output=True)
    if inside.returncode != 0:
        raise ValueError(f"{Path(repo).resolve()} is not in a git repository, so {ref!r} cannot be read "
                         "as a git ref; give a package directory instead")
    if subprocess.run(["git", "-C", str(repo), "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"],
                      capture_output=True).returncode != 0:
        raise ValueError(f"{ref!r} is neither a package directory nor a commit of this repository")
    if not _has(repo, ref, "datapackage.json"):
        raise ValueError(f"{ref!r} has no datapackage.json")
    with tempfile.TemporaryDirectory(prefix="cwr-diff-") as folder:
        target = Path(folder)
        archive = subprocess.run(["git", "-C", str(repo), "archive", ref, "datapackage.json", "data",
                                  *(["schemas"] if _has(repo, ref, "schemas") else [])],
                                 check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
        yield target


def report(d: PackageDiff, limit: int = 20) -> str:
    lines = [f"version {d.old_version} -> {d.new_version}"]
    lines += [f"  [{lvl}] {msg}" for lvl, msg in d.package]
    for t in d.tables:
        if not (t.added or t.removed or t.changed or t.schema):
            continue
        lines.append(f"{t.name}: {len(t.added)} added, {len(t.removed)} removed, "
                     f"{len({c[0] for c in t.changed})} changed")
        lines += [f"  [{lvl}] {msg}" for lvl, msg in t.schema]
        lines += [f"  + {k}" for k in t.added[:limit]]
        lines += [f"  - {k}" for k in t.removed[:limit]]
        lines += [f"  ~ {k} {col}: {a!r} -> {b!r}" for k, col, a, b in t.changed[:limit]]
        hidden = max(0, len(t.added) - limit) + max(0, len(t.removed) - limit) + max(0, len(t.changed) - limit)
        if hidden:
            lines.append(f"  ... {hidden} more")
    verdict = "OK" if d.bump_ok else "NOT ENOUGH"
    lines.append(f"required bump: {d.required}; actual bump: {d.actual} ({verdict})")
    return "\n".join(lines)
