"""Build the files of a release from a source checkout: what people download, check and cite.

The sdist and wheel come from ``python -m build`` (an isolated build: the backend named in
pyproject.toml is installed from the index, as it is in CI). The data package zip holds what a
Frictionless user needs, with sorted entries and fixed timestamps, so that the same checkout
always gives the same bytes and the same hash. ``SHA256SUMS`` lets anyone check a download
(``sha256sum -c SHA256SUMS``); ``.zenodo.json`` is the deposit metadata Zenodo reads.
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import yaml

from coldwar_relations import codebook, loader, resources

DOCUMENTS = ("README.md", "LICENSE", "CITATION.cff", "CHANGELOG.md", codebook.PATH)  # beside the package files in the zip
SUMS = "SHA256SUMS"
ZENODO = ".zenodo.json"
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can carry
DOI = re.compile(r"\b10\.\d{4,9}/[^\s\"<>]+[^\s\"<>.,;)]")
CHANGELOG_ENTRY = re.compile(r"^## (\S+)(?:\s+-\s+(\d{4}-\d{2}-\d{2}))?", re.M)


class ReleaseError(ValueError):
    """The checkout cannot be released as it is (not a checkout, versions disagree, build failed)."""


def is_checkout(root: str | Path) -> bool:
    """A source checkout: what ``python -m build`` builds from, with the package beside it."""
    root = Path(root)
    return (root / "pyproject.toml").is_file() and (root / resources.DESCRIPTOR).is_file()


def changelog_entry(root: str | Path) -> tuple[str, str]:
    """Version and date (``""`` if none) of the top entry of CHANGELOG.md (``## 0.2.0 - 2026-12-07``)."""
    found = CHANGELOG_ENTRY.search((Path(root) / "CHANGELOG.md").read_text(encoding="utf-8"))
    if not found:
        raise ReleaseError("CHANGELOG.md has no entry (a line '## VERSION - DATE')")
    return found.group(1), found.group(2) or ""


def version_check(root: str | Path) -> tuple[bool, str]:
    """Whether datapackage.json, the top CHANGELOG.md entry and CITATION.cff give the same version,
    and a one-line account of it: a release must say what changed and how to cite it."""
    version = resources.descriptor(root)["version"]
    changelog = changelog_entry(root)[0]
    cff = str(_cff(root).get("version", ""))
    ok = changelog == version == cff
    return ok, (f"datapackage.json version {version}; CHANGELOG.md top entry {changelog}; "
                f"CITATION.cff version {cff}: {'match' if ok else 'MISMATCH'}")


def stale_files(root: str | Path) -> list[str]:
    """Data files whose SHA-256 is not the one datapackage.json records (edited since the last
    ``python -m pipeline.build --descriptor-only``): a zip of them would not validate."""
    stale = []
    for res in resources.descriptor(root)["resources"]:
        recorded = str(res.get("hash", ""))
        digest = hashlib.sha256(resources.inside(resources.resolve(root), res["path"]).read_bytes()).hexdigest()
        if recorded and recorded.removeprefix("sha256:") != digest:
            stale.append(res["path"])
    return stale


def _stem(descriptor: dict) -> str:
    """``coldwar_relations-0.2.0``: the name as sdist and wheel file names spell it, and the version."""
    return f"{re.sub(r'[-_.]+', '_', descriptor['name']).lower()}-{descriptor['version']}"


def file_names(root: str | Path | None = None) -> list[str]:
    """The files of a release of the package at ``root``: sdist, wheel (pure Python), data package
    zip, the Zenodo metadata and the checksums."""
    descriptor = resources.descriptor(root)
    stem = _stem(descriptor)
    return [f"{stem}.tar.gz", f"{stem}-py3-none-any.whl", zip_name(descriptor), ZENODO, SUMS]


def zip_name(descriptor: dict) -> str:
    return f"{descriptor['name']}-{descriptor['version']}-datapackage.zip"


def zip_members(root: str | Path) -> list[str]:
    """The zip's files, relative to the root: the package files and the documents, sorted."""
    return sorted(set(resources.files(root)) | set(DOCUMENTS))


def write_zip(root: str | Path, out: Path) -> Path:
    """The data package as a zip whose bytes depend only on the files' contents."""
    root = Path(root)
    with zipfile.ZipFile(out, "w") as zf:
        for name in zip_members(root):
            info = zipfile.ZipInfo(name, ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, whatever builds it
            info.external_attr = 0o644 << 16
            zf.writestr(info, (root / name).read_bytes())
    return out


def _cff(root: str | Path) -> dict:
    return yaml.safe_load((Path(root) / "CITATION.cff").read_text(encoding="utf-8")) or {}


def _creator(author: dict) -> dict:
    """A CITATION.cff author as a Zenodo creator ("Family, Given", affiliation, bare ORCID)."""
    if author.get("family-names"):
        name = ", ".join(filter(None, [author["family-names"], author.get("given-names")]))
    else:
        name = author.get("name", "")
    creator = {"name": name}
    if author.get("affiliation"):
        creator["affiliation"] = author["affiliation"]
    if author.get("orcid"):
        creator["orcid"] = str(author["orcid"]).rstrip("/").rsplit("/", 1)[-1]
    return creator


def _upstream(source: dict, kind: str) -> dict:
    """An upstream source as a related identifier (its DOI if the descriptor gives one, else its
    URL): a dataset the package is derived from, or a codebook or standard it references."""
    doi = DOI.search(" ".join(str(source.get(k, "")) for k in ("path", "citation")))
    related = {"identifier": doi.group(0), "scheme": "doi"} if doi else {"identifier": source["path"], "scheme": "url"}
    if kind == "dataset":
        return {**related, "relation": "isDerivedFrom", "resource_type": "dataset"}
    return {**related, "relation": "references"}


def _kinds(root: str | Path) -> dict[str, str]:
    """source_id -> kind (dataset, codebook, standard...) from the sources table."""
    table = loader.read_text(resources.resolve(root) / resources.resource("sources", root)["path"])
    return dict(zip(table["source_id"], table["kind"]))


def zenodo(root: str | Path) -> dict:
    """Zenodo deposit metadata from the descriptor (title, version, description, licence, keywords,
    upstream sources and their citations), CITATION.cff (creators) and CHANGELOG.md (date)."""
    descriptor, cff = resources.descriptor(root), _cff(root)
    sources, kinds = descriptor.get("sources", []), _kinds(root)
    related = [_upstream(s, kinds.get(s.get("source_id"), "dataset")) for s in sources
               if s.get("path") or DOI.search(s.get("citation", ""))]
    meta = {
        "title": descriptor["title"],
        "version": descriptor["version"],
        "upload_type": "dataset",
        "access_right": "open",
        "description": descriptor["description"],
        "creators": [_creator(a) for a in cff.get("authors", [])]
        or [{"name": c["title"]} for c in descriptor.get("contributors", [])],
        "license": descriptor["licenses"][0]["name"],
        "keywords": list(dict.fromkeys(descriptor.get("keywords", []) + cff.get("keywords", []))),
        "related_identifiers": list({r["identifier"]: r for r in related}.values()),
        "references": list(dict.fromkeys(s["citation"] for s in sources if s.get("citation"))),
    }
    version, date = changelog_entry(root)
    if date and version == descriptor["version"]:
        meta["publication_date"] = date
    return meta


def sha256sums(files: list[Path], out: Path) -> Path:
    """``<hex>  <name>`` lines, the format ``sha256sum -c`` checks."""
    lines = [f"{hashlib.sha256(f.read_bytes()).hexdigest()}  {f.name}\n" for f in sorted(files, key=lambda f: f.name)]
    out.write_text("".join(lines), encoding="utf-8")
    return out


def _wheels(dist: Path, stem: str) -> list[Path]:
    return sorted(dist.glob(f"{stem}-*.whl"))  # whatever tag the backend gives


def _clear(dist: Path, names: list[str], stem: str) -> None:
    """Remove the files an earlier build of the same version left."""
    for path in [dist / n for n in names] + _wheels(dist, stem):
        path.unlink(missing_ok=True)


def build(dist: Path, root: Path) -> list[Path]:
    """Build every release file of the checkout at ``root`` into ``dist``; return their paths."""
    root, dist = Path(root).resolve(), Path(dist).resolve()
    if not is_checkout(root):
        raise ReleaseError(f"{root} is not a source checkout (it needs pyproject.toml and {resources.DESCRIPTOR})")
    ok, account = version_check(root)
    if not ok:
        raise ReleaseError(account)
    stale = stale_files(root)
    if stale:
        raise ReleaseError(f"{', '.join(stale)} differ from the hashes in datapackage.json; "
                           "run `python -m pipeline.build --curated` (or restore the files)")
    names, stem = file_names(root), _stem(resources.descriptor(root))
    dist.mkdir(parents=True, exist_ok=True)
    _clear(dist, names, stem)
    done = subprocess.run([sys.executable, "-m", "build", "--outdir", str(dist), str(root)],
                          capture_output=True, text=True)
    if done.returncode:
        tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-15:])
        raise ReleaseError(f"python -m build failed:\n{tail}")
    wheels = _wheels(dist, stem)
    if not (dist / names[0]).is_file() or not wheels:
        raise ReleaseError(f"python -m build wrote no {names[0]} or no {stem} wheel to {dist}")
    built = [dist / names[0], *wheels]
    archive = write_zip(root, dist / names[2])
    meta = dist / ZENODO
    meta.write_text(json.dumps(zenodo(root), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    sums = sha256sums([*built, archive, meta], dist / SUMS)
    return [*built, archive, meta, sums]
