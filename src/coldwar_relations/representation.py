"""Who represented the United States in a country on a date, at what level (chiefs_of_mission).

A chief is at post from the presentation of credentials (else arrival, else appointment) to
the end of the mission; a mission without an end is current. Chargés d'affaires ad interim
count too, so a gap between ambassadors is filled where the record has one.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from coldwar_relations import loader

COLUMNS = ["person_name", "role_title", "rank", "credentials_date", "ended_date", "ended_note", "url"]


def us_representative(country_id: str, date, path: str | Path | None = None) -> pd.DataFrame:
    """The U.S. chiefs of mission at post in ``country_id`` on ``date`` (usually one row;
    none where the United States had no chief there). E.g. the Soviet Union on 1962-10-22:
    Foy D. Kohler, Ambassador Extraordinary and Plenipotentiary."""
    day = pd.Timestamp(date)
    chiefs = loader.load("chiefs_of_mission", path)
    chiefs = chiefs[(chiefs["country_id"] == country_id) & (chiefs["record_list"] == "chiefs")]
    start = chiefs["credentials_date_earliest"].fillna(chiefs["arrived_date_earliest"]).fillna(
        chiefs["appointed_date_earliest"])
    at_post = (start <= day) & (chiefs["ended_date_latest"].isna() | (chiefs["ended_date_latest"] >= day))
    return chiefs.loc[at_post, COLUMNS].reset_index(drop=True)
