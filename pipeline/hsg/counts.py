"""Reconciliation: upstream records in each source vs rows produced vs rows without a state.

Why: the tables must account for every upstream record. ``counts`` recounts the
records straight from the XML (independently of the parsers), and reports rows
produced, rows mapped to a country and rows left unmapped with their reasons.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from pipeline.hsg.chiefs import chiefs_of_mission
from pipeline.hsg.common import hsg_dir, parse
from pipeline.hsg.crosswalk import exclusions, unmapped
from pipeline.hsg.recognition import TEI, recognition_events, unclassified_statements
from pipeline.hsg.visits import official_visits

COLUMNS = ["source", "upstream_records", "rows", "mapped", "unmapped_excluded", "unmapped_no_state",
           "unmapped_other", "note"]


def upstream_records(ref: Path | str | None = None) -> dict[str, int]:
    """Record counts straight from the files."""
    root = hsg_dir(ref)

    def count(folder: str, xpath: str, ns=None) -> int:
        return sum(len(parse(p).xpath(xpath, namespaces=ns)) for p in (root / folder).rglob("*.xml"))

    return {
        "missions": count("pocom/missions-countries", "//chief"),
        "president-travels": count("travels/president-travels", "//trip"),
        "secretary-travels": count("travels/secretary-travels", "//trip"),
        "visits": count("visits/data", "//visit"),
        "rdcr": count("rdcr/articles", "//t:div[@type='timeline']", TEI),
        "rdcr-articles": len(list((root / "rdcr" / "articles").glob("*.xml"))),
    }


def _row(source: str, upstream: int, df: pd.DataFrame, note: str = "") -> dict:
    why = df["mapping_note"].fillna("")
    empty = df["country_id"].fillna("") == ""
    return {"source": source, "upstream_records": upstream, "rows": len(df), "mapped": int((~empty).sum()),
            "unmapped_excluded": int((empty & why.str.contains("is excluded")).sum()),
            "unmapped_no_state": int((empty & why.str.contains("no state")).sum()),
            "unmapped_other": int((empty & ~why.str.contains("is excluded|no state")).sum()), "note": note}


def counts(ref: Path | str | None = None) -> pd.DataFrame:
    """One row per source; rdcr compares timeline entries with (classified entries + unclassified)."""
    up = upstream_records(ref)
    chiefs, visits = chiefs_of_mission(ref), official_visits(ref)
    events, other = recognition_events(ref), unclassified_statements(ref)
    rows = [_row("missions", up["missions"], chiefs, "chiefs and other nominees")]
    rows += [_row(s, up[s], visits[visits["source"] == s]) for s in
             ("president-travels", "secretary-travels", "visits")]
    entries = events["entry"].nunique() + other["entry"].nunique()
    rows.append(_row("rdcr", up["rdcr"], events,
                     f"{up['rdcr-articles']} articles; {entries} timeline entries accounted for "
                     f"({len(events)} event rows, {len(other)} unclassified sentences)"))
    rows.append({"source": "crosswalk", "upstream_records": len(unmapped(ref)), "rows": 0, "mapped": 0,
                 "unmapped_excluded": len(exclusions()), "unmapped_no_state": 0, "unmapped_other": 0,
                 "note": "upstream_records = ids used but neither mapped nor excluded (must be 0); "
                         "unmapped_excluded = excluded ids"})
    return pd.DataFrame(rows, columns=COLUMNS).astype(
        {c: "Int64" for c in COLUMNS[1:7]} | {"source": "string", "note": "string"})
