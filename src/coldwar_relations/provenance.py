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
            "version": descriptor["version"], "url": descriptor.get("homepage", ""), "year": ""}


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
        return f"{entry['author']}. {entry['title']} (version {entry['version']}) [Data set]. {entry['url']}"
    row = loader.load("sources", path).set_index("source_id").loc[source]
    if format == "apa":
        return str(row.citation if pd.notna(row.citation) else f"{row.author}. {row.title}. {row.url}")
    year = re.match(r"\d{4}", str(row.published)) if pd.notna(row.published) else None
    return _bibtex({"key": source.replace("-", "_").replace(".", "_"), "author": row.author if pd.notna(row.author) else "",
                    "title": row.title, "version": row.version if pd.notna(row.version) else "",
                    "year": year.group(0) if year else "", "url": row.url if pd.notna(row.url) else "",
                    "note": row.citation if pd.notna(row.citation) else ""})


def sources_for(row, path: str | Path | None = None) -> pd.DataFrame:
    """The sources a fact row cites: pass a row (Series or dict with source_ids)."""
    ids = str(row["source_ids"]).split(";")
    sources = loader.load("sources", path).set_index("source_id")
    return sources.loc[[i for i in ids if i]].reset_index()
