"""Leader spells: inside the state's existence, not overlapping, open spells flagged."""

from __future__ import annotations

import pandera.pandas as pa

from .common import fact_columns
from .major_powers import inside
from .rules import Rule, end_not_before_start, no_overlap, open_spell_consistent

# Archigos and Gleditsch-Ward often date a state's independence or end a few days apart;
# a spell may stick out of the state's GW membership by this much without explanation.
MEMBERSHIP_TOLERANCE_DAYS = 31


def schema(tables, resource) -> pa.DataFrameSchema:
    within = inside(tables["state_memberships"], "gw", MEMBERSHIP_TOLERANCE_DAYS)
    gw_of = dict(zip(tables["countries"]["country_id"], tables["countries"]["gw_code"]))
    rules = [
        end_not_before_start(),
        open_spell_consistent(),
        no_overlap(["country_id"], shared="shared_spell"),
        Rule("leader-inside-state", ["country_id", "start_date", "end_date", "membership_exception"],
             f"a leader spell must lie inside a GW membership spell of its state (give or take "
             f"{MEMBERSHIP_TOLERANCE_DAYS} days) unless membership_exception explains why not",
             lambda df: within(df) | df["membership_exception"].notna()),
        Rule("gw-code-matches", ["country_id", "gw_code"], "gw_code must be the country's gw_code in countries",
             lambda df: df["country_id"].astype("string").map(gw_of).astype("Int64").eq(df["gw_code"]).fillna(False)),
        Rule("open-has-no-exit", ["is_open", "exit", "exitcode"],
             "an open spell has no exit or exitcode; a closed spell has both",
             lambda df: df["is_open"].fillna(False).astype(bool) == (df["exit"].isna() & df["exitcode"].isna())),
    ]
    return pa.DataFrameSchema(fact_columns(tables, resource), checks=[r.check() for r in rules], name="leaders")
