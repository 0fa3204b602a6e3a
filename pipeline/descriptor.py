"""Assemble ``datapackage.json`` from the schema sources, the data files and the sources table.

Hand-written facts live in ``pipeline/descriptor/`` (package metadata and one Table Schema
per resource). Everything that can be computed is computed here: bytes, hashes, row-level
provenance summaries and the list of upstream datasets, which comes from ``data/sources.csv``.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import yaml

from coldwar_relations import codebook, edtf, relations, representation
from pipeline.csvio import read_table
from pipeline.paths import CURATED, DATA, DATAPACKAGE, DESCRIPTOR_SOURCES

UPSTREAM_KINDS = ("dataset", "codebook", "standard")
SCHEMAS_DIR = "schemas"  # one Table Schema file per resource, referenced from datapackage.json
# `enum: <name>` in a resource YAML stands for one of these lists, which the code also uses
NAMED_ENUMS = {"relation_statuses": relations.STATUSES, "panel_statuses": relations.PANEL_STATUSES,
               "chief_ranks": representation.RANKS, "chief_ranks_at_post": (*representation.RANKS, "none"), "representation_levels": relations.REPRESENTATION_LEVELS}


def _upstream(sources, ids=None) -> list[dict]:
    rows = sources[sources.kind.isin(UPSTREAM_KINDS)]
    if ids is not None:
        rows = rows[rows.source_id.isin(ids)]
    return [
        {
            "title": r.title,
            "author": r.author,
            "path": r.url,
            "version": r.version,
            "citation": r.citation,
            "license": r.license,
            "source_id": r.source_id,
        }
        for r in rows.itertuples()
    ]


def _pages(pages) -> str:
    numbers = sorted({int(p) for p in pages if p})
    return ("p. " if len(numbers) == 1 else "pp. ") + ", ".join(map(str, numbers))


def _icb_fields(dataset: str) -> list[dict]:
    """Table Schema fields for the ICB variables listed in curated/icb_variables.csv: a
    labelled category where the codebook labels are known, and always the raw code."""
    variables = read_table(CURATED / "icb_variables.csv")
    book = read_table(CURATED / "icb_codebook.csv")
    fields = []
    for var in variables[variables.dataset == dataset].itertuples():
        rows = book[(book.dataset == dataset) & (book.variable == var.variable)]
        rows = rows.assign(order=rows.code.astype(int)).sort_values("order")
        if var.column:
            field = {"name": var.column, "type": "string",
                     "description": f"{var.description} Labels from the ICB codebook, "
                                    f"{_pages(rows.page)} (source: {';'.join(sorted(set(rows.source_ids)))}).",
                     "constraints": {"enum": list(rows.label)}}
            if var.ordered == "true":
                field["categoriesOrdered"] = True
            fields.append(field)
        raw = {"name": f"icb_{var.variable}", "type": "integer",
               "description": f"ICB {var.variable.upper()} as published."
               if var.column else var.description}
        if var.column:
            raw["categories"] = [{"value": int(r.code), "label": r.label} for r in rows.itertuples()]
        elif len(rows):  # codes with codebook meanings that stay raw (e.g. ICB's 995-997 triggering entities)
            raw["description"] += " Codes: " + "; ".join(f"{r.code} = {r.label}" for r in rows.itertuples()) + (
                f" (ICB codebook, {_pages(rows.page)})."
            )
        fields.append(raw)
    return fields


def _vocabulary_field(which: str) -> dict:
    """The metric field (categories: name, meaning, unit) or the unit field of crisis_metrics,
    from curated/metric_vocabulary.csv."""
    vocabulary = read_table(CURATED / "metric_vocabulary.csv")
    if which == "metric":
        return {"name": "metric", "type": "string",
                "description": "What is measured, from the controlled vocabulary listed in categories "
                               "(each with its meaning and its one unit).",
                "constraints": {"required": True, "enum": list(vocabulary.metric)},
                "categories": [{"value": r.metric, "label": r.description, "unit": r.unit}
                               for r in vocabulary.itertuples()]}
    return {"name": "unit", "type": "string",
            "description": "Unit of value, low and high; always the unit the vocabulary gives the metric.",
            "constraints": {"required": True, "enum": sorted(set(vocabulary.unit))}}


def _schema(spec: dict) -> dict:
    schema = dict(spec["schema"])
    fields = []
    for field in schema["fields"]:
        if "generated" in field:
            fields.extend(_icb_fields(field["generated"]))
        elif "vocabulary" in field:
            fields.append(_vocabulary_field(field["vocabulary"]))
        elif isinstance(field.get("constraints", {}).get("enum"), str):  # a vocabulary kept in code
            named = field["constraints"]["enum"]
            fields.append({**field, "constraints": {**field["constraints"], "enum": list(NAMED_ENUMS[named])}})
        elif field.get("x-edtf"):  # the reduced-precision date pattern is written once, in edtf.py
            fields.append({**field, "constraints": {**field.get("constraints", {}), "pattern": edtf.PATTERN}})
        else:
            fields.append(field)
    schema["fields"] = fields
    return schema


def table_names() -> list[str]:
    """The tables of the package, in order: the one list of them (package.yaml)."""
    return yaml.safe_load((DESCRIPTOR_SOURCES / "package.yaml").read_text(encoding="utf-8"))["resources"]


def field_names(name: str) -> list[str]:
    spec = yaml.safe_load((DESCRIPTOR_SOURCES / "resources" / f"{name}.yaml").read_text(encoding="utf-8"))
    return [f["name"] for f in _schema(spec)["fields"]]


def conform(name: str, frame):
    """The built frame with its columns in the Table Schema's order; a missing or extra column
    is a build error, so the schema is the one list of a table's fields."""
    expected = field_names(name)
    missing, extra = set(expected) - set(frame.columns), set(frame.columns) - set(expected)
    if missing or extra:
        raise ValueError(f"build of {name}: columns missing {sorted(missing)}, not in the schema {sorted(extra)}")
    return frame[expected]


def _cited_ids(table) -> set[str]:
    if "source_ids" not in table.columns:
        return set()
    return {i for cell in table["source_ids"] for i in cell.split(";") if i}


def _release_date(version: str, root: Path | None) -> str:
    """The date of the version's CHANGELOG entry ("## 1.2.0 - 2026-12-07"): written once, there."""
    changelog = ((root or REPO_ROOT) / "CHANGELOG.md").read_text(encoding="utf-8")
    match = re.search(rf"^## {re.escape(version)} - (\d{{4}}-\d{{2}}-\d{{2}})", changelog, re.M)
    if match is None:
        raise ValueError(f"CHANGELOG.md has no entry '## {version} - YYYY-MM-DD' for the descriptor's version")
    return f"{match.group(1)}T00:00:00Z"


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
        resource["schema"] = _schema(spec)
        resources.append(resource)
    descriptor = {
        "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
        **{k: meta[k] for k in ("name", "title", "version")},
        "created": _release_date(meta["version"], root),
        "description": " ".join(meta["description"].split()),
        **{k: meta[k] for k in ("homepage", "keywords", "licenses", "contributors")},
        "sources": _upstream(sources),
        "resources": resources,
    }
    return descriptor


def _json(value) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"


def render(descriptor: dict) -> str:
    """datapackage.json: each resource's Table Schema is referenced by its path in schemas/."""
    resources = [{**r, "schema": schema_path(r["name"])} for r in descriptor["resources"]]
    return _json({**descriptor, "resources": resources})


def schema_path(name: str) -> str:
    return f"{SCHEMAS_DIR}/{name}.json"


def files(descriptor: dict) -> dict[str, str]:
    """Every generated metadata file, by path relative to the package root."""
    out = {DATAPACKAGE.name: render(descriptor), "CITATION.cff": citation_cff(descriptor),
           codebook.PATH: codebook.render(descriptor)}
    out.update({schema_path(r["name"]): _json(r["schema"]) for r in descriptor["resources"]})
    return out


def stale(root: Path | None = None) -> list[str]:
    """Generated metadata files that differ from what the current inputs give."""
    root = root or DATAPACKAGE.parent
    current = files(build(root))
    listed = {p.relative_to(root).as_posix() for p in (root / SCHEMAS_DIR).glob("*.json")}
    out = [path for path, text in current.items()
           if not (root / path).is_file() or (root / path).read_text(encoding="utf-8") != text]
    return out + sorted(listed - current.keys())  # a schema file left behind by a removed table


def citation_cff(descriptor: dict) -> str:
    """CITATION.cff for the package, from the same metadata as datapackage.json."""
    lines = [
        "# Generated by pipeline/descriptor.py from pipeline/descriptor/package.yaml; do not edit.",
        "cff-version: 1.2.0",
        "message: If you use these data, please cite them as below, and cite the upstream datasets you use.",
        "type: dataset",
        f"title: {json.dumps(descriptor['title'])}",
        f"version: {json.dumps(descriptor['version'])}",
        "authors:",
        *[f"  - name: {json.dumps(c['title'])}" for c in descriptor["contributors"]],
        f"license: {descriptor['licenses'][0]['name']}",
        f"url: {json.dumps(descriptor['homepage'])}",
        "keywords:",
        *[f"  - {json.dumps(k)}" for k in descriptor["keywords"]],
        "references:",
    ]
    for source in descriptor["sources"]:
        lines += [
            "  - type: dataset",
            f"    title: {json.dumps(source['title'])}",
            "    authors:",
            *[f"      - name: {json.dumps(name)}" for name in source["author"].split("; ")],
            f"    version: {json.dumps(source['version'])}",
        ] + ([f"    url: {json.dumps(source['path'])}"] if source["path"] else []) + [
            f"    notes: {json.dumps(source['citation'])}",
        ]
    return "\n".join(lines) + "\n"


def write(root: Path | None = None) -> Path:
    root = root or DATAPACKAGE.parent
    generated = files(build(root))
    (root / SCHEMAS_DIR).mkdir(exist_ok=True)
    for old in (root / SCHEMAS_DIR).glob("*.json"):
        if old.relative_to(root).as_posix() not in generated:
            old.unlink()
    for path, text in generated.items():
        (root / path).write_text(text, encoding="utf-8")
    return root / DATAPACKAGE.name
