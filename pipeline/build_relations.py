"""Relations by pair and year (status on 31 December), derived from the events.

Built by replaying each pair's events with ``coldwar_relations.relations``, so the table
cannot disagree with the events it comes from. A year appears only when both states were
independent in the Gleditsch-Ward list on 31 December of that year (GW rather than COW because
COW reuses Germany's pre-1945 code for unified Germany; every state in scope is in GW).
"""

from __future__ import annotations

import pandas as pd

from coldwar_relations import relations
from coldwar_relations.scope import FIRST_YEAR, LAST_FULL_YEAR
from pipeline.csvio import read_table
from pipeline.paths import DATA
from pipeline.steps import step



def _exists_on(spells: pd.DataFrame, country: str, day: str) -> bool:
    s = spells[(spells.country_id == country) & (spells.system == "gw")]
    ends = s.end_date.where(s.end_date != "", "9999-12-31")
    return bool(((s.start_date <= day) & (ends >= day)).any())


def relations_table(spells: pd.DataFrame, data=DATA) -> pd.DataFrame:
    events = read_table(data / "events.csv")
    actors = read_table(data / "event_actors.csv")
    pairs = read_table(data / "pairs.csv")
    rows = []
    for pair in pairs.itertuples():
        chosen = relations.pair_events(events, actors, pair.country_a, pair.country_b)
        steps = relations.replay(chosen, pair.initial_status)
        bad = [f"{pair.pair_id}: {s.event_id}: {s.error}" for s in steps if s.error]
        if bad:
            raise ValueError("impossible sequences of events:\n" + "\n".join(bad))
        sources = dict(zip(events.event_id, events.source_ids))
        stated = dict(zip(events.event_id, events.get("representation_after", pd.Series(dtype=str))))
        changes = [s for s in steps if s.after != s.before]
        # before any change the status is the pair's initial one where the pair cites a source
        # for it, or where the first change shows there were no relations before; else unknown
        types = dict(zip(events.event_id, events.event_type))
        shown = bool(changes) and types[changes[0].event_id] in relations.SHOWS_NONE_BEFORE
        initial_sources = pair.source_ids or (sources[changes[0].event_id] if shown else "")
        initial = pair.initial_status if initial_sources else relations.UNKNOWN
        why = ("" if initial_sources else
               f"no recorded event or source covers the pair before {changes[0].date}" if changes else
               "no recorded event or source covers the pair")
        for year in range(FIRST_YEAR, LAST_FULL_YEAR + 1):
            day = f"{year}-12-31"
            if not (_exists_on(spells, pair.country_a, day) and _exists_on(spells, pair.country_b, day)):
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
            })
    return pd.DataFrame(rows)


@step("relations")
def _relations_step(ctx):
    return relations_table(ctx.table("state_memberships"), ctx.data)
