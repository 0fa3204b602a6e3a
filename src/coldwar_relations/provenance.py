"""Versions, citations and sources, generated from the descriptor and the sources table."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from coldwar_relations import loader, resources

FORMATS = ("apa", "bibtex")


def version(path: str | Path | None = None) -> dict:
    """The data version and the version of each upstream dataset."""
    descriptor = resources.descriptor(path)
    return {"data": descriptor["version"],
            "upstream": {s["source_id"]: s.get("version", "") for s in descriptor.get("sources", [])}}


def _package_entry(descriptor: dict) -> dict:
    authors = "; ".join(c["title"] for c in descriptor.get("contributors", []))
    return {"key": descriptor["name"].replace("-", "_"), "author": authors, "title": descriptor["title"],
            "version": descriptor["version"], "url": descriptor.get("homepage", ""),
            "year": str(descriptor.get("created", ""))[:4]}


def _bibtex(entry: dict, kind: str = "misc") -> str:
    fields = [f"  {k} = {{{v}}}" for k, v in (("author", entry["author"].replace("; ", " and ")), ("title", entry["title"]),
                                               ("version", entry["version"]), ("year", entry["year"]),
                                               ("url", entry["url"]), ("note", entry.get("note", ""))) if v]
    return f"@{kind}{{{entry['key']},\n" + ",\n".join(fields) + "\n}"


def cite(format: str = "apa", source: str | None = None, path: str | Path | None = None) -> str:
    """A citation of the package (``source=None``) or of one upstream dataset (its source_id,
    e.g. "archigos-4.1"), in APA-like text or BibTeX. Upstream datasets are cited as their
    maintainers ask (the citation recorded in the sources table)."""
    if format not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}")
    descriptor = resources.descriptor(path)
    if source is None:
        entry = _package_entry(descriptor)
        if format == "bibtex":
            return _bibtex(entry)
        year = f" ({entry['year']})" if entry["year"] else ""
        return f"{entry['author']}{year}. {entry['title']} (version {entry['version']}) [Data set]. {entry['url']}"
    row = loader.load("sources", path).set_index("source_id").loc[source]
    given = {k: str(row[k]) for k in row.index if pd.notna(row[k]) and str(row[k]).strip()}
    # the author, else the organisation that issued the page; the year where the source gives one
    who = given.get("author") or given.get("publisher") or ""
    year = re.match(r"\d{4}", given.get("published", ""))
    if format == "apa":
        if "citation" in given:
            return given["citation"]
        parts = [f"{who} ({year.group(0) if year else 'n.d.'})." if who else f"({year.group(0) if year else 'n.d.'}).",
                 f"{given['title']}.", f"{given['publisher']}." if given.get("publisher") not in (None, who) else "",
                 given.get("url", "")]
        return " ".join(p for p in parts if p)
    return _bibtex({"key": source.replace("-", "_").replace(".", "_"), "author": who, "title": given["title"],
                    "version": given.get("version", ""), "year": year.group(0) if year else "",
                    "url": given.get("url", ""), "note": given.get("citation", "")})


def sources_for(row, path: str | Path | None = None) -> pd.DataFrame:
    """The sources a fact row cites: pass a row (Series or dict with source_ids)."""
    ids = str(row["source_ids"]).split(";")
    sources = loader.load("sources", path).set_index("source_id")
    return sources.loc[[i for i in ids if i]].reset_index()
