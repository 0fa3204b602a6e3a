"""Relations: one row per pair and year, matching the pair's countries."""

from __future__ import annotations

import pandera.pandas as pa

from .common import fact_columns
from .rules import Rule


def schema(tables, resource) -> pa.DataFrameSchema:
    pairs = tables["pairs"].set_index("pair_id")
    rules = [Rule("pair-countries", ["pair_id", "country_a", "country_b"],
                  "country_a and country_b must be the pair's countries",
                  lambda df: (df["country_a"] == df["pair_id"].map(pairs["country_a"]))
                  & (df["country_b"] == df["pair_id"].map(pairs["country_b"])))]
    return pa.DataFrameSchema(fact_columns(tables, resource), checks=[r.check() for r in rules], name="relations")
