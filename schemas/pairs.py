"""Pairs: a starting status other than none cites its sources."""

from __future__ import annotations

import pandera.pandas as pa

from .common import fact_columns
from .rules import Rule


def schema(tables, resource) -> pa.DataFrameSchema:
    rules = [Rule("initial-status-sourced", ["initial_status", "source_ids"],
                  "a starting status other than none needs source_ids",
                  lambda df: (df["initial_status"] == "none").fillna(False) | df["source_ids"].notna())]
    return pa.DataFrameSchema(fact_columns(tables, resource), checks=[r.check() for r in rules], name="pairs")
