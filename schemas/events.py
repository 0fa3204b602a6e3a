"""Events: actors that existed, treaties in force after signature, possible relations sequences."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

from coldwar_relations import relations

from .common import fact_columns
from .rules import OPEN_END, Rule


def _actors_by_event(tables) -> dict[str, list[str]]:
    actors = tables["event_actors"]
    return actors.groupby("event_id", observed=True)["country_id"].agg(list).to_dict()


def actors_existed(tables):
    spells = tables["state_memberships"]
    ends = spells["end_date"].fillna(OPEN_END)
    by_country = {c: list(zip(g["start_date"], ends[g.index])) for c, g in spells.groupby("country_id", observed=True)}
    who = _actors_by_event(tables)

    def test(df):
        ok = []
        for eid, lo, hi, exception in zip(df["event_id"], df["date_earliest"], df["date_latest"],
                                          df["membership_exception"]):
            existed = all(any(s <= hi and e >= lo for s, e in by_country.get(c, [])) for c in who.get(eid, []))
            ok.append(existed or pd.notna(exception) or pd.isna(lo))
        return pd.Series(ok, index=df.index)
    return test


def in_force_after_signature(df: pd.DataFrame) -> pd.Series:
    signed = df[df["event_type"] == "treaty_signed"].groupby("instrument", observed=True)["date_earliest"].min()
    first = df["instrument"].map(signed)
    later = df["event_type"].isin(["treaty_in_force", "treaty_terminated"])
    return ~later | first.isna() | (df["date_latest"] >= first)


def sequences_possible(tables):
    """Replay each pair's events; flag the events the state machine rejects."""
    def test(df):
        bad = set()
        actors = tables["event_actors"]
        for pair in tables["pairs"].itertuples():
            events = relations.pair_events(df, actors, pair.country_a, pair.country_b)
            bad |= {s.event_id for s in relations.replay(events, pair.initial_status) if s.error}
        return ~df["event_id"].isin(bad)
    return test


def schema(tables, resource) -> pa.DataFrameSchema:
    who = _actors_by_event(tables)
    rules = [
        Rule("actors-existed", ["event_id", "date", "membership_exception"],
             "every actor must be a COW or GW member on the event date, unless membership_exception says why not",
             actors_existed(tables)),
        Rule("in-force-after-signature", ["instrument", "event_type", "date"],
             "a treaty cannot enter into force or end before it was signed", in_force_after_signature),
        Rule("relations-sequence", ["event_id", "event_type", "date"],
             "the pair's relations cannot change this way: relations cannot be severed when none exist, "
             "restored when never severed, or established while they exist (see coldwar_relations.relations)",
             sequences_possible(tables)),
        Rule("status-override-explained", ["relations_status_after", "note"],
             "relations_status_after is set only with a note saying why",
             lambda df: df["relations_status_after"].isna() | df["note"].notna()),
        Rule("end-after-start", ["date", "end_date"], "end_date must not be before date",
             lambda df: df["end_date_latest"].isna() | (df["end_date_latest"] >= df["date_earliest"])),
        Rule("has-actors", ["event_id", "event_type"],
             "an event needs at least one actor in event_actors, and a change of relations needs two",
             lambda df: pd.Series([len(who.get(e, [])) >= (2 if t in relations.TRANSITIONS else 1)
                                   for e, t in zip(df["event_id"], df["event_type"])], index=df.index)),
        Rule("crisis-event-has-crisis", ["event_type", "icb_crisno"],
             "crisis_onset and crisis_end events name their ICB crisis",
             lambda df: ~df["event_type"].isin(["crisis_onset", "crisis_end"]) | df["icb_crisno"].notna()),
    ]
    return pa.DataFrameSchema(fact_columns(tables, resource), checks=[r.check() for r in rules], name="events")
