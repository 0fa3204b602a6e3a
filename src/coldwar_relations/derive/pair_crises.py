"""Crises between the two states of a pair: when one state's crisis was triggered by the other.

ICB codes, for each crisis actor, the state that triggered its crisis (TRIGENT). A pair in scope
whose one state triggered the other's crisis had that crisis between them: its onset is the
actor's trigger date and its end the actor's termination date, as ICB gives them. Curated crisis
events of the pair (events, by ICB number) are linked.
"""

from __future__ import annotations

import pandas as pd

from coldwar_relations.derive import derives
from coldwar_relations.rules.crisis_actors import country_of_code


@derives("pair_crises", reads=("crises", "crisis_actors", "countries", "pairs", "events", "event_actors"))
def pair_crises(crises: pd.DataFrame, actors: pd.DataFrame, countries: pd.DataFrame, pairs: pd.DataFrame,
                events: pd.DataFrame, event_actors: pd.DataFrame) -> pd.DataFrame:
    codes = country_of_code(countries.assign(**{c: pd.to_numeric(countries[c]) for c in
                                                ("icb_code", "gw_code", "cow_code")}))
    pair_of = {frozenset((p.country_a, p.country_b)): p.pair_id for p in pairs.itertuples()}
    titles = dict(zip(crises["icb_crisno"], crises["title"]))
    core = dict(zip(crises["icb_crisno"], crises["in_core_period"]))
    who = event_actors.groupby("event_id")["country_id"].agg(frozenset).to_dict()
    crisis_events = events[events["event_type"].isin(["crisis_onset", "crisis_end"]) & (events["icb_crisno"] != "")]
    rows = []
    for a in actors.itertuples():
        trigger = None if pd.isna(a.icb_trigent) or a.icb_trigent == "" else codes.get(int(a.icb_trigent))
        pair = pair_of.get(frozenset((a.country_id, trigger))) if trigger and trigger != a.country_id else None
        if pair is None:
            continue
        linked = crisis_events[(crisis_events["icb_crisno"] == str(a.icb_crisno))
                               & crisis_events["event_id"].map(who).eq(frozenset((a.country_id, trigger)))]
        rows.append({
            "pair_id": pair, "icb_crisno": a.icb_crisno, "icb_cracno": a.icb_cracno, "title": titles[a.icb_crisno],
            "actor_country_id": a.country_id, "triggered_by_country_id": trigger,
            "onset_date": a.trigger_date, "end_date": a.termination_date,
            "in_core_period": core[a.icb_crisno],
            "event_ids": ";".join(sorted(linked["event_id"])),
            "source_ids": a.source_ids,
        })
    frame = pd.DataFrame(rows)
    numbers = frame[["icb_crisno", "icb_cracno"]].astype(int)  # text or integers: numeric order either way
    order = frame.assign(_crisno=numbers.icb_crisno, _cracno=numbers.icb_cracno).sort_values(
        ["pair_id", "_crisno", "_cracno"]).index
    return frame.loc[order].reset_index(drop=True)
