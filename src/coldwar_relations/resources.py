"""Locate the data package that ships with the library.

An installed wheel carries ``datapackage.json`` and ``data/`` inside the package
(``coldwar_relations/_package``); a source checkout uses the repository root.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from pathlib import Path

DESCRIPTOR = "datapackage.json"


def package_root() -> Path:
    bundled = Path(str(resources.files("coldwar_relations"))) / "_package"
    if (bundled / DESCRIPTOR).is_file():
        return bundled
    checkout = Path(__file__).resolve().parents[2]
    if (checkout / DESCRIPTOR).is_file():
        return checkout
    raise FileNotFoundError("no datapackage.json shipped with coldwar_relations")


def resolve(path: str | Path | None) -> Path:
    """The directory holding datapackage.json, from a directory or descriptor path."""
    if path is None:
        return package_root()
    path = Path(path)
    return path.parent if path.name == DESCRIPTOR else path


@lru_cache(maxsize=8)
def _read(root: str, mtime_ns: int) -> dict:
    """The descriptor with every resource's Table Schema inlined (a ``schema`` given as a
    path, the Data Package convention used here, is read from that file)."""
    base = Path(root)
    descriptor = json.loads((base / DESCRIPTOR).read_text(encoding="utf-8"))
    for res in descriptor.get("resources", []):
        if isinstance(res.get("schema"), str):
            res["schema"] = json.loads((base / res["schema"]).read_text(encoding="utf-8"))
    return descriptor


def descriptor(path: str | Path | None = None) -> dict:
    """datapackage.json of the package at ``path`` (default: the shipped one), schemas inlined;
    re-read whenever the file changes."""
    root = resolve(path)
    return _read(str(root), (root / DESCRIPTOR).stat().st_mtime_ns)


def resource(name: str, path: str | Path | None = None) -> dict:
    for res in descriptor(path)["resources"]:
        if res["name"] == name:
            return res
    known = ", ".join(r["name"] for r in descriptor(path)["resources"])
    raise KeyError(f"no table named {name!r}; the tables are: {known}")


def files(path: str | Path | None = None) -> list[str]:
    """The package's files, relative to its root: the descriptor, each Table Schema file and each
    data file it references (what a copy or an archive of the package must hold)."""
    root = resolve(path)
    raw = json.loads((root / DESCRIPTOR).read_text(encoding="utf-8"))
    out = [DESCRIPTOR]
    for res in raw.get("resources", []):
        out += [res[k] for k in ("schema", "path") if isinstance(res.get(k), str)]
    return out
