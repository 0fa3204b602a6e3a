"""Was a state in a bloc on a date? (alliance_memberships)"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from coldwar_relations import loader


def bloc_status(country_id: str, organisation_id: str, date, path: str | Path | None = None) -> str | None:
    """The state's status in the alliance or bloc on ``date``: "member",
    "participation_suspended", "outside_integrated_command", or None when it was not a
    member. A spell ends the day the next begins: on that day the new status holds.
    E.g. bloc_status("ALB", "warsaw_pact", "1970-01-01") is None (Albania withdrew in 1968)."""
    known = loader.load("alliances", path)["organisation_id"]
    if organisation_id not in set(known):
        raise KeyError(f"no organisation {organisation_id!r}; the organisations are: {', '.join(known)}")
    day = pd.Timestamp(date)
    spells = loader.load("alliance_memberships", path)
    spells = spells[(spells["country_id"] == country_id) & (spells["organisation_id"] == organisation_id)]
    current = spells[(spells["start_date_earliest"] <= day)
                     & (spells["end_date_earliest"].isna() | (spells["end_date_earliest"] > day))]
    return str(current.sort_values("start_date_earliest").iloc[-1]["status"]) if len(current) else None
