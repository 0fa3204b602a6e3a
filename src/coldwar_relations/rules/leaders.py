"""Leader spells: inside the state's existence, not overlapping, open spells flagged."""

from __future__ import annotations

from coldwar_relations.rules.base import (end_not_before_start, inside_membership, no_overlap, open_spell_consistent,
                                          row_rule)

# Archigos and Gleditsch-Ward often date a state's independence or end a few days apart;
# a spell may stick out of the state's GW membership by this much without explanation.
MEMBERSHIP_TOLERANCE_DAYS = 31


@row_rule("leader-inside-state", ["country_id", "start_date", "end_date", "membership_exception"],
          f"a leader spell must lie inside a GW membership spell of its state (give or take "
          f"{MEMBERSHIP_TOLERANCE_DAYS} days) unless membership_exception explains why not",
          reads=("state_memberships",))
def inside_state(df, tables):
    within = inside_membership(tables["state_memberships"], "gw", MEMBERSHIP_TOLERANCE_DAYS)
    return within(df) | df["membership_exception"].notna()


@row_rule("gw-code-matches", ["country_id", "gw_code"], "gw_code must be the country's gw_code in countries",
          reads=("countries",))
def gw_code_matches(df, tables):
    gw_of = dict(zip(tables["countries"]["country_id"], tables["countries"]["gw_code"]))
    return df["country_id"].astype("string").map(gw_of).astype("Int64").eq(df["gw_code"]).fillna(False)


@row_rule("open-has-no-exit", ["is_open", "exit", "exitcode"],
          "an open spell has no exit or exitcode; a closed spell has both")
def open_has_no_exit(df, tables):
    return df["is_open"].fillna(False).astype(bool) == (df["exit"].isna() & df["exitcode"].isna())


RULES = [
    end_not_before_start("leader-end-after-start"),
    open_spell_consistent("leader-open-spell"),
    no_overlap("leader-no-overlap", ["country_id"], shared="shared_spell"),
    inside_state,
    gw_code_matches,
    open_has_no_exit,
]
