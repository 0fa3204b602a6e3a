"""Relations by pair and year (status on 31 December), derived from the events.

Built by replaying each pair's events with ``coldwar_relations.relations``, so the table
cannot disagree with the events it comes from. A year appears only when both states were
independent in the Gleditsch-Ward list on 31 December of that year (GW rather than COW because
COW reuses Germany's pre-1945 code for unified Germany; every state in scope is in GW).
"""

from __future__ import annotations

import pandas as pd

from coldwar_relations import relations, representation
from coldwar_relations.derive import derives
from coldwar_relations.scope import FIRST_YEAR, LAST_FULL_YEAR


def _gw_spells(spells: pd.DataFrame) -> dict[str, list[tuple[str, str]]]:
    gw = spells[spells.system == "gw"]
    out: dict[str, list] = {}
    for c, start, end in zip(gw.country_id, gw.start_date, gw.end_date):
        out.setdefault(c, []).append((start, end or "9999-12-31"))
    return out


def _exists_on(gw: dict, country: str, day: str) -> bool:
    return any(start <= day <= end for start, end in gw.get(country, []))


@derives("relations", reads=("state_memberships", "events", "event_actors", "pairs", "us_recognition_events",
                              "chiefs_of_mission"))
def relations_table(spells: pd.DataFrame, events: pd.DataFrame, actors: pd.DataFrame, pairs: pd.DataFrame,
                    historian: pd.DataFrame | None = None, chiefs: pd.DataFrame | None = None) -> pd.DataFrame:
    """``historian``: us_recognition_events, whose events applied to relations join the curated
    ones; ``chiefs``: chiefs_of_mission, for the rank of the U.S. chief at post on 31 December."""
    extra = applicable(historian) if historian is not None else None
    if extra is not None and len(extra):
        events = pd.concat([events, extra.reindex(columns=events.columns, fill_value="")], ignore_index=True)
        actors = pd.concat([actors, pd.DataFrame({
            "event_id": list(extra["event_id"]) * 2, "country_id": ["USA"] * len(extra) + list(extra["country_id"]),
            "role": "participant"})], ignore_index=True)
    ranks = _chief_ranks(chiefs) if chiefs is not None else {}
    gw = _gw_spells(spells)
    ordered = relations.replay_pairs(events, actors, zip(pairs["country_a"], pairs["country_b"]))
    sources = dict(zip(events.event_id, events.source_ids))
    stated = dict(zip(events.event_id, events.get("representation_after", pd.Series(dtype=str))))
    types = dict(zip(events.event_id, events.event_type))
    rows = []
    for pair in pairs.itertuples():
        steps = relations.walk(ordered[(pair.country_a, pair.country_b)], pair.initial_status)
        bad = [f"{pair.pair_id}: {s.event_id}: {s.error}" for s in steps if s.error]
        if bad:
            raise ValueError("impossible sequences of events:\n" + "\n".join(bad))
        changes = [s for s in steps if s.after != s.before]
        # before any change the status is the pair's initial one where the pair cites a source
        # for it, or where the first change shows there were no relations before; else unknown
        shown = bool(changes) and types[changes[0].event_id] in relations.SHOWS_NONE_BEFORE
        initial_sources = pair.source_ids or (sources[changes[0].event_id] if shown else "")
        initial = pair.initial_status if initial_sources else relations.UNKNOWN
        why = ("" if initial_sources else
               f"no recorded event or source covers the pair before {changes[0].date}" if changes else
               "no recorded event or source covers the pair")
        for year in range(FIRST_YEAR, LAST_FULL_YEAR + 1):
            day = f"{year}-12-31"
            if not (_exists_on(gw, pair.country_a, day) and _exists_on(gw, pair.country_b, day)):
                continue
            last = next((s for s in reversed(changes) if s.date[:4] <= str(year)), None)
            status = last.after if last else initial
            representation = ""
            for step in (s for s in steps if s.date[:4] <= str(year)):
                if stated.get(step.event_id):
                    representation = stated[step.event_id]
                elif step.after != step.before:
                    representation = ""
            rows.append({
                "pair_id": pair.pair_id, "country_a": pair.country_a, "country_b": pair.country_b,
                "year": year, "status": status, "representation": representation,
                "since": last.date if last else "",
                "event_id": last.event_id if last else "",
                "source_ids": sources[last.event_id] if last else initial_sources,
                "note": "" if last else why,
                "us_chief_rank": _rank_on(ranks, pair, day),
            })
    return pd.DataFrame(rows)


def _chief_ranks(chiefs: pd.DataFrame) -> dict[str, list[tuple]]:
    """country -> [(first day at post, last day or None, rank)] of the U.S. chiefs who served."""
    served = chiefs[(chiefs["record_list"] == "chiefs") & (chiefs["country_id"] != "")]
    start, end = representation.mission_start(served), representation.mission_end(served)
    out: dict[str, list] = {}
    for country, first, last, rank in zip(served["country_id"], start, end, served["rank"]):
        if pd.notna(first):
            out.setdefault(country, []).append((first, last, rank))
    return out


def _rank_on(ranks: dict, pair, day: str) -> str:
    """The highest rank of a U.S. chief at post in the partner on ``day`` ("none" if none);
    empty for a pair without the United States."""
    if "USA" not in (pair.country_a, pair.country_b) or not ranks:
        return ""
    partner = pair.country_b if pair.country_a == "USA" else pair.country_a
    when = pd.Timestamp(day)
    at_post = {rank for first, last, rank in ranks.get(partner, []) if first <= when and (pd.isna(last) or when <= last)}
    return next((r for r in representation.RANKS if r in at_post), "none")


def applicable(hsg: pd.DataFrame) -> pd.DataFrame:
    """The Office of the Historian's events that set relations: a named state, a fact the curated
    events do not already hold, and a change the state machine can make."""
    return hsg[hsg["applied_to_relations"].astype(str).str.lower() == "true"]
