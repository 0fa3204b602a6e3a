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
def _descriptor(root: str) -> dict:
    return json.loads((Path(root) / DESCRIPTOR).read_text(encoding="utf-8"))


def descriptor(path: str | Path | None = None) -> dict:
    return _descriptor(str(resolve(path)))


def resource(name: str, path: str | Path | None = None) -> dict:
    for res in descriptor(path)["resources"]:
        if res["name"] == name:
            return res
    known = ", ".join(r["name"] for r in descriptor(path)["resources"])
    raise KeyError(f"no table named {name!r}; the tables are: {known}")
