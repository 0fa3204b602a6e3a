"""Pair crises: the actor and its trigger are the pair's states; linked events exist."""

from __future__ import annotations

from coldwar_relations.rules.base import ids_exist, row_rule


@row_rule("pair-crisis-states", ["pair_id", "actor_country_id", "triggered_by_country_id"],
          "actor_country_id and triggered_by_country_id are the two states of the pair", reads=("pairs",))
def states_of_pair(df, tables):
    pairs = tables["pairs"].set_index("pair_id")
    a, b = df["pair_id"].map(pairs["country_a"]), df["pair_id"].map(pairs["country_b"])
    return ((df["actor_country_id"] == a) & (df["triggered_by_country_id"] == b)) | (
        (df["actor_country_id"] == b) & (df["triggered_by_country_id"] == a))


RULES = [states_of_pair, ids_exist("pair-crisis-events-exist", "event_ids", "events", "event_id")]
