"""Panels in the form researchers use: state-years, dyad-years, leader-years."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from coldwar_relations import loader
from coldwar_relations.scope import FIRST_YEAR, LAST_FULL_YEAR



def state_years(start: int = 1945, end: int = 1991, system: str = "cow",
                path: str | Path | None = None) -> pd.DataFrame:
    """One row per state and year in which the state was a member of the system ("cow" or
    "gw") at any time during the year (the COW convention). Open spells continue to ``end``.
    Columns: country_id, code, year."""
    if system not in ("cow", "gw"):
        raise ValueError("system must be 'cow' or 'gw'")
    spells = loader.load("state_memberships", path)
    spells = spells[spells["system"] == system]
    first, now = int(spells["start_date"].dt.year.min()), pd.Timestamp.today().year
    if start < first or end > now or start > end:
        raise ValueError(f"state_years covers {first} to {now} (open spells continue to the current year); "
                         f"asked for {start}-{end}")
    rows = []
    for s in spells.itertuples():
        last = s.end_date.year if pd.notna(s.end_date) else end
        for year in range(max(start, s.start_date.year), min(end, last) + 1):
            rows.append((s.country_id, s.code, year))
    out = pd.DataFrame(rows, columns=["country_id", "code", "year"]).drop_duplicates()
    return out.sort_values(["code", "year"]).reset_index(drop=True).astype({"code": "Int64", "year": "Int64"})


def dyad_years(pairs: list[str] | None = None, start: int = FIRST_YEAR, end: int = LAST_FULL_YEAR,
               path: str | Path | None = None) -> pd.DataFrame:
    """One row per pair in scope and year: the diplomatic status on 31 December (from the
    relations table), with the event that set it. ``pairs``: pair ids such as "RUS-USA"
    (either order) or None for all pairs."""
    if start < FIRST_YEAR or end > LAST_FULL_YEAR:
        raise ValueError(f"dyad_years covers {FIRST_YEAR} to {LAST_FULL_YEAR} (status on 31 December of a full "
                         f"year); asked for {start}-{end}")
    rel = loader.load("relations", path)
    if pairs is not None:
        wanted = {"-".join(sorted(p.split("-"))) for p in pairs}
        rel = rel[rel["pair_id"].map(lambda p: "-".join(sorted(p.split("-")))).isin(wanted)]
    return rel[(rel["year"] >= start) & (rel["year"] <= end)].reset_index(drop=True)


def leader_years(start: int = 1945, end: int = 1991, path: str | Path | None = None,
                 standardize: str | None = None) -> pd.DataFrame:
    """One row per leader spell and calendar year in which the leader held office on at least
    one day, with the number of days in office that year (counted to 31 December, or today,
    for a spell still open). An open spell is in office and not known to have ended: it runs
    to ``end``, and ``beyond_observation`` is true for the days after its observed_until date.
    ``standardize`` ("cow" or "gw", peacesciencer's option) keeps only the years in which the
    state was a member of that system; leaders of non-members (pre-independence leaders,
    whose spells carry a membership_exception) drop out. Years before the first leader spell
    or after the current year are outside the coverage and raise an error."""
    leaders = loader.load("leaders", path)
    first, today = int(leaders["start_date"].dt.year.min()), pd.Timestamp.today().normalize()
    if start < first or end > today.year or start > end:
        raise ValueError(f"leader_years covers {first} to {today.year}; asked for {start}-{end}")
    rows = []
    for s in leaders.itertuples():
        stop = s.end_date if pd.notna(s.end_date) else today
        seen = s.end_date if pd.notna(s.end_date) else s.observed_until
        for year in range(max(start, s.start_date.year), min(end, stop.year) + 1):
            lo = max(s.start_date, pd.Timestamp(year, 1, 1))
            hi = min(stop, pd.Timestamp(year, 12, 31))
            rows.append((s.leader_spell_id, s.country_id, s.leader, year, (hi - lo).days + 1, bool(hi > seen)))
    out = pd.DataFrame(rows, columns=["leader_spell_id", "country_id", "leader", "year", "days_in_office",
                                      "beyond_observation"])
    if standardize is not None:
        members = state_years(start, end, system=standardize, path=path)[["country_id", "year"]]
        out = out.merge(members.astype({"year": "int64"}).drop_duplicates(), on=["country_id", "year"])
    return out
