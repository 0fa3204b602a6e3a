"""Assemble ``datapackage.json`` from the schema sources, the data files and the sources table.

Hand-written facts live in ``pipeline/descriptor/`` (package metadata and one Table Schema
per resource). Everything that can be computed is computed here: bytes, hashes, row-level
provenance summaries and the list of upstream datasets, which comes from ``data/sources.csv``.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import yaml

from pipeline.csvio import read_table
from pipeline.paths import DATA, DATAPACKAGE, DESCRIPTOR_SOURCES

UPSTREAM_KINDS = ("dataset", "codebook", "standard")


def _upstream(sources, ids=None) -> list[dict]:
    rows = sources[sources.kind.isin(UPSTREAM_KINDS)]
    if ids is not None:
        rows = rows[rows.source_id.isin(ids)]
    return [
        {
            "title": r.title,
            "path": r.url,
            "version": r.version,
            "citation": r.citation,
            "license": r.license,
            "source_id": r.source_id,
        }
        for r in rows.itertuples()
    ]


def _cited_ids(table) -> set[str]:
    if "source_ids" not in table.columns:
        return set()
    return {i for cell in table["source_ids"] for i in cell.split(";") if i}


def build(root: Path | None = None) -> dict:
    root = root or DATAPACKAGE.parent
    data = root / DATA.name
    meta = yaml.safe_load((DESCRIPTOR_SOURCES / "package.yaml").read_text(encoding="utf-8"))
    names = meta.pop("resources")
    sources = read_table(data / "sources.csv")
    resources = []
    for name in names:
        spec = yaml.safe_load((DESCRIPTOR_SOURCES / "resources" / f"{name}.yaml").read_text(encoding="utf-8"))
        path = data / f"{name}.csv"
        content = path.read_bytes()
        resource = {
            "name": name,
            "type": "table",
            "path": f"data/{name}.csv",
            "scheme": "file",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "title": spec["title"],
            "description": " ".join(spec["description"].split()),
            "bytes": len(content),
            "hash": "sha256:" + hashlib.sha256(content).hexdigest(),
        }
        upstream = _upstream(sources, _cited_ids(read_table(path)))
        if upstream:
            resource["sources"] = [{"title": s["title"], "path": s["path"]} for s in upstream]
        resource["schema"] = spec["schema"]
        resources.append(resource)
    descriptor = {
        "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
        **{k: meta[k] for k in ("name", "title", "version")},
        "description": " ".join(meta["description"].split()),
        **{k: meta[k] for k in ("homepage", "keywords", "licenses", "contributors")},
        "sources": _upstream(sources),
        "resources": resources,
    }
    return descriptor


def render(descriptor: dict) -> str:
    return json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n"


def write(root: Path | None = None) -> Path:
    target = (root or DATAPACKAGE.parent) / DATAPACKAGE.name
    target.write_text(render(build(root)), encoding="utf-8")
    return target
