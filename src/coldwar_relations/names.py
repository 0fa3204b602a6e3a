"""The name a state had at a date: "Soviet Union" for code 365 in 1962, "Russian Federation" in 1992.

Renamed states have name spells in ``country_names``; every other state keeps the name in
``countries``. A date inside a reduced-precision boundary (a renaming known only to the year)
takes the spell whose earliest day it reaches.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from coldwar_relations import loader


def name_of(country_id: str, date, path: str | Path | None = None, short: bool = False) -> str:
    """The common name of ``country_id`` on ``date`` (a date or ISO string)."""
    names = names_on(pd.Series([country_id]), pd.Series([pd.Timestamp(date)]), path, short)
    if pd.isna(names.iloc[0]):
        raise KeyError(f"no country {country_id!r} in the countries table")
    return names.iloc[0]


def names_on(country_ids: pd.Series, dates: pd.Series, path: str | Path | None = None,
             short: bool = False, countries: pd.DataFrame | None = None,
             spells: pd.DataFrame | None = None) -> pd.Series:
    """Vectorised ``name_of``: the name of each country on each date (missing date: the
    countries table's name). ``countries`` and ``spells`` (country_names): tables already loaded."""
    column = "short_name" if short else "name"
    countries = countries if countries is not None else loader.load("countries", path)
    spells = spells if spells is not None else loader.load("country_names", path)
    default = countries.set_index("country_id")["name"]
    out = country_ids.astype("string").map(default).astype("object")
    frame = pd.DataFrame({"country_id": country_ids.astype("string").to_numpy(),
                          "date": pd.to_datetime(dates).to_numpy(), "row": range(len(country_ids))})
    paired = frame.merge(spells[["country_id", column, "start_date_earliest", "end_date_latest"]].assign(
        country_id=lambda d: d["country_id"].astype("string")), on="country_id")
    inside = (paired["date"] >= paired["start_date_earliest"]) & (
        paired["end_date_latest"].isna() | (paired["date"] <= paired["end_date_latest"]))
    hits = paired[inside].drop_duplicates("row", keep="last").set_index("row")[column]
    values = out.to_numpy(copy=True)
    values[hits.index.to_numpy()] = hits.astype(str).to_numpy()
    return pd.Series(values, index=country_ids.index)
