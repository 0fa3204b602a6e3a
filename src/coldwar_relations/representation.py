"""Who represented the United States in a country on a date, at what level (chiefs_of_mission).

A chief is at post from the presentation of credentials (else arrival, else appointment) to
the end of the mission; a mission without an end is current. Chargés d'affaires ad interim
count too, so a gap between ambassadors is filled where the record has one.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from coldwar_relations import edtf, loader

COLUMNS = ["person_name", "role_title", "rank", "credentials_date", "ended_date", "ended_note", "url"]
# levels of representation a chief's title stands for, highest first
RANKS = ("ambassador", "minister", "charge", "other")
PRINCIPAL = RANKS[:2]  # heads of a post in their own right (a chargé may act beside them)


def mission_start(chiefs: pd.DataFrame) -> pd.Series:
    """First day a chief can have been at post: credentials presented, else arrival, else
    appointment (earliest day of each date's precision)."""
    start = pd.Series(pd.NaT, index=chiefs.index, dtype="datetime64[s]")
    for column in ("appointed_date", "arrived_date", "credentials_date"):  # later ones take precedence
        earliest, _ = edtf.bounds(chiefs[column].replace("", None).astype("string"), errors="coerce")
        start = earliest.where(earliest.notna(), start)
    return start


def mission_end(chiefs: pd.DataFrame, latest: bool = True) -> pd.Series:
    """Last (or first) day the end of a mission can mean; missing while it lasts."""
    earliest, last = edtf.bounds(chiefs["ended_date"].replace("", None).astype("string"), errors="coerce")
    return last if latest else earliest


def us_representative(country_id: str, date, path: str | Path | None = None) -> pd.DataFrame:
    """The U.S. chiefs of mission at post in ``country_id`` on ``date`` (usually one row;
    none where the United States had no chief there). E.g. the Soviet Union on 1962-10-22:
    Foy D. Kohler, Ambassador Extraordinary and Plenipotentiary."""
    day = pd.Timestamp(date)
    chiefs = loader.load("chiefs_of_mission", path)
    chiefs = chiefs[(chiefs["country_id"] == country_id) & (chiefs["record_list"] == "chiefs")]
    end = mission_end(chiefs)
    at_post = (mission_start(chiefs) <= day) & (end.isna() | (end >= day))
    return chiefs.loc[at_post, COLUMNS].reset_index(drop=True)
