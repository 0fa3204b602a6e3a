"""Event actors: a one-sided act has exactly one initiator."""

from __future__ import annotations

from coldwar_relations.rules.base import row_rule


@row_rule("one-initiator", ["event_id", "role"], "an event with a counterpart has exactly one initiator")
def one_initiator(df, tables):
    roles = df.groupby("event_id", observed=True)["role"].agg(list)
    ok = roles.map(lambda r: ("counterpart" not in r) or r.count("initiator") == 1)
    return df["event_id"].map(ok).astype(bool)


RULES = [one_initiator]
