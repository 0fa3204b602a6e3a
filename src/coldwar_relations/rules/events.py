"""Events: actors that existed, treaties in force after signature, possible relations sequences."""

from __future__ import annotations

import pandas as pd

from coldwar_relations import relations
from coldwar_relations.rules.base import existed_between, row_rule


def _actors_by_event(tables) -> dict[str, list[str]]:
    return tables["event_actors"].groupby("event_id", observed=True)["country_id"].agg(list).to_dict()


@row_rule("actors-existed", ["event_id", "date", "membership_exception"],
          "every actor must be a COW or GW member on the event date, unless membership_exception says why not",
          reads=("state_memberships", "event_actors"))
def actors_existed(df, tables):
    existed = existed_between(tables["state_memberships"])
    who = _actors_by_event(tables)
    return pd.Series([
        pd.isna(lo) or pd.notna(exception) or all(existed(c, lo, hi) for c in who.get(eid, []))
        for eid, lo, hi, exception in zip(df["event_id"], df["date_earliest"], df["date_latest"],
                                          df["membership_exception"])], index=df.index)


@row_rule("in-force-after-signature", ["instrument", "event_type", "date"],
          "a treaty cannot enter into force or end before it was signed")
def in_force_after_signature(df, tables):
    signed = df[df["event_type"] == "treaty_signed"].groupby("instrument", observed=True)["date_earliest"].min()
    first = df["instrument"].map(signed)
    later = df["event_type"].isin(["treaty_in_force", "treaty_terminated"])
    return ~later | first.isna() | (df["date_latest"] >= first)


@row_rule("relations-sequence", ["event_id", "event_type", "date"],
          "the pair's relations cannot change this way: relations cannot be severed when none exist, "
          "restored when never severed, or established while they exist (see coldwar_relations.relations)",
          reads=("event_actors", "pairs"))
def sequences_possible(df, tables):
    """Replay each pair's events; flag the events the state machine rejects."""
    bad = set()
    pairs = tables["pairs"]
    initial = dict(zip(zip(pairs["country_a"], pairs["country_b"]), pairs["initial_status"]))
    for pair, records in relations.replay_pairs(df, tables["event_actors"], initial).items():
        bad |= {s.event_id for s in relations.walk(records, initial[pair]) if s.error}
    return ~df["event_id"].isin(bad)


@row_rule("status-override-explained", ["relations_status_after", "note"],
          "relations_status_after is set only with a note saying why")
def status_override_explained(df, tables):
    return df["relations_status_after"].isna() | df["note"].notna()


@row_rule("event-end-after-start", ["date", "end_date"], "end_date must not be before date")
def end_after_start(df, tables):
    return df["end_date_latest"].isna() | (df["end_date_latest"] >= df["date_earliest"])


@row_rule("has-actors", ["event_id", "event_type"],
          "an event needs at least one actor in event_actors, and a change of relations needs two",
          reads=("event_actors",))
def has_actors(df, tables):
    who = _actors_by_event(tables)
    return pd.Series([len(who.get(e, [])) >= (2 if t in relations.TRANSITIONS else 1)
                      for e, t in zip(df["event_id"], df["event_type"])], index=df.index)


@row_rule("crisis-event-has-crisis", ["event_type", "icb_crisno"],
          "crisis_onset and crisis_end events name their ICB crisis")
def crisis_event_has_crisis(df, tables):
    return ~df["event_type"].isin(["crisis_onset", "crisis_end"]) | df["icb_crisno"].notna()


RULES = [actors_existed, in_force_after_signature, sequences_possible, status_override_explained, end_after_start,
         has_actors, crisis_event_has_crisis]
