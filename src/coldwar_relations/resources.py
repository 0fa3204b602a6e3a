"""Locate the data package that ships with the library.

An installed wheel carries ``datapackage.json`` and ``data/`` inside the package
(``coldwar_relations/_package``); a source checkout uses the repository root.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

DESCRIPTOR = "datapackage.json"


class UnsafePath(ValueError):
    """A descriptor path that would make the library read outside the package or the network."""


def inside(root: str | Path, relative: str) -> Path:
    """``root / relative`` if it stays inside the package: a relative path, not a URL, that
    does not leave the package directory, even through a symbolic link. Validation and loading
    never read anything else, so a hostile descriptor cannot make them read /etc/passwd."""
    if not isinstance(relative, str) or not relative:
        raise UnsafePath(f"path {relative!r} is not a file name")
    if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", relative):
        raise UnsafePath(f"path {relative!r} is a URL; a resource must be a file inside the package")
    if relative.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", relative) or "\x00" in relative:
        raise UnsafePath(f"path {relative!r} is absolute; a resource path is relative to the package")
    if len(relative) > 1024:
        raise UnsafePath(f"path of {len(relative):,} characters is too long to be a file in the package")
    base = Path(root).resolve()
    try:
        target = (base / relative).resolve()
    except (OSError, RuntimeError) as error:  # a name too long, a symbolic link loop
        raise UnsafePath(f"path {relative!r} cannot be followed: {error}") from None
    if target != base and base not in target.parents:
        raise UnsafePath(f"path {relative!r} leads outside the package directory (to {target})")
    return base / relative


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


def working_package(start: str | Path | None = None) -> Path | None:
    """The data package a command run in ``start`` (default: the current directory) is about:
    the nearest directory from there upwards that holds a datapackage.json, or None. This is
    how a contributor's `coldwar-relations validate` checks the checkout being edited rather
    than the copy installed with the library."""
    here = Path(start or Path.cwd()).resolve()
    return next((d for d in (here, *here.parents) if (d / DESCRIPTOR).is_file()), None)


def locate(path: str | Path | None) -> tuple[Path, str]:
    """The package root a command should read, and in words where it came from: ``path`` when
    given, else the package of the current directory, else the one installed with the library."""
    if path is not None:
        root = resolve(path)
        if not (root / DESCRIPTOR).exists():
            raise FileNotFoundError(f"no {DESCRIPTOR} in {root}")
        return root, "given on the command line"
    found = working_package()
    if found is not None:
        return found, "the current directory's package"
    return package_root(), "the package installed with the library"


@lru_cache(maxsize=8)
def _read(root: str, mtime_ns: int) -> dict:
    """The descriptor with every resource's Table Schema inlined (a ``schema`` given as a
    path, the Data Package convention used here, is read from that file)."""
    base = Path(root)
    descriptor = json.loads((base / DESCRIPTOR).read_text(encoding="utf-8"))
    for res in descriptor.get("resources", []):
        if isinstance(res.get("schema"), str):
            res["schema"] = json.loads(inside(base, res["schema"]).read_text(encoding="utf-8"))
    return descriptor


def descriptor(path: str | Path | None = None) -> dict:
    """datapackage.json of the package at ``path`` (default: the shipped one), schemas inlined;
    re-read whenever the file changes."""
    root = resolve(path)
    return _read(str(root), (root / DESCRIPTOR).stat().st_mtime_ns)


def data_path(res: dict, path: str | Path | None = None) -> Path:
    """The data file of a resource, refused (UnsafePath) if it is not inside the package."""
    return inside(resolve(path), res["path"])


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
