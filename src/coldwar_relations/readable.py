"""Country names of the time beside country codes, in the exports people read.

Spreadsheets, Stata, SPSS and R users read rows, not joins: each column of country ids
(country_id, country_a, actor_country_id...) gets a ``<column>_name`` column with the state's
name on the row's date (code 365 reads "Soviet Union" in 1962 and "Russian Federation" in
1992). The database and Parquet exports keep the descriptor's tables as they are; there the
``country_names`` table, or ``cw.with_country_names``, does the same.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from coldwar_relations import loader
from coldwar_relations.joins import DATE_COLUMNS, with_country_names

NAMING_TABLES = ("countries", "country_names")  # they hold the names: nothing to add


def named(resource: dict, frame: pd.DataFrame, path: str | Path | None = None) -> tuple[dict, pd.DataFrame]:
    """The resource and its frame with a name column after each country column; the added
    fields are described like the others, so every format labels them."""
    if resource["name"] in NAMING_TABLES:
        return resource, frame
    when = _referenced_date(resource, frame, path)
    out = (with_country_names(frame, path) if when is None else
           with_country_names(frame.assign(_when=when.to_numpy()), path, date="_when").drop(columns="_when"))
    added = set(out.columns) - set(frame.columns)
    if not added:
        return resource, frame
    fields = []
    for field in resource["schema"]["fields"]:
        fields.append(field)
        if f"{field['name']}_name" in added:
            fields.append({
                "name": f"{field['name']}_name", "type": "string",
                "title": f"Name of {field['name']} at the time",
                "description": f"The name of the state in {field['name']} on the row's date (from country_names; "
                               "the name in countries where the row has no date). Added by the export.",
            })
    return {**resource, "schema": {**resource["schema"], "fields": fields}}, out


def _referenced_date(resource: dict, frame: pd.DataFrame, path) -> pd.Series | None:
    """For a table without a date of its own (event_actors), the date of the row it refers to."""
    if "year" in frame.columns or any(c in frame.columns for c in DATE_COLUMNS):
        return None
    for key in resource["schema"].get("foreignKeys", []):
        target = loader.load(key["reference"]["resource"], path)
        date = next((c for c in DATE_COLUMNS if c in target.columns
                     and pd.api.types.is_datetime64_any_dtype(target[c])), None)
        if date is not None:
            fields, ref = key["fields"], key["reference"]["fields"]
            fields, ref = ([fields] if isinstance(fields, str) else fields), ([ref] if isinstance(ref, str) else ref)
            dates = target[[*ref, date]].drop_duplicates(ref).rename(columns=dict(zip(ref, fields)))
            return frame[fields].merge(dates, how="left", on=fields)[date]
    return None
