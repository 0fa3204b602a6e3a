"""Event actors: a one-sided act has exactly one initiator."""

from __future__ import annotations

import pandera.pandas as pa

from .rules import Rule, text_columns


def schema(tables, resource) -> pa.DataFrameSchema:
    def one_initiator(df):
        roles = df.groupby("event_id", observed=True)["role"].agg(list)
        ok = roles.map(lambda r: ("counterpart" not in r) or r.count("initiator") == 1)
        return df["event_id"].map(ok).astype(bool)
    rules = [Rule("one-initiator", ["event_id", "role"],
                  "an event with a counterpart has exactly one initiator", one_initiator)]
    return pa.DataFrameSchema(text_columns(resource), checks=[r.check() for r in rules], name="event_actors")
