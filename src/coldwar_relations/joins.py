"""Foreign keys from the descriptor, made usable: join a table to the table it refers to."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from coldwar_relations import loader, resources


def _foreign_keys(name: str, target: str, path) -> list[dict]:
    keys = resources.resource(name, path)["schema"].get("foreignKeys", [])
    return [k for k in keys if k["reference"]["resource"] == target]


def join(left: str | pd.DataFrame, right: str, left_name: str | None = None,
         path: str | Path | None = None, columns: list[str] | None = None) -> pd.DataFrame:
    """Attach the columns of table ``right`` to ``left`` through the foreign keys the
    descriptor declares (e.g. ``join("event_actors", "countries")``). ``left`` is a table name
    or a DataFrame loaded from table ``left_name``. A table with several keys to the same
    table (pairs: country_a, country_b) gets one block of columns per key, prefixed with the
    key's field name."""
    name = left if isinstance(left, str) else left_name
    if name is None:
        raise ValueError("give left_name when left is a DataFrame")
    frame = loader.load(left, path) if isinstance(left, str) else left
    keys = _foreign_keys(name, right, path)
    if not keys:
        raise ValueError(f"{name} has no foreign key to {right}")
    target = loader.load(right, path)
    if columns is not None:
        target = target[list(dict.fromkeys([*keys[0]["reference"]["fields"], *columns]))]
    for key in keys:
        ref = key["reference"]["fields"]
        block = target
        if len(keys) > 1:
            prefix = "_".join(key["fields"])
            block = target.rename(columns={c: f"{prefix}_{c}" for c in target.columns if c not in ref})
        frame = frame.merge(block, how="left", left_on=key["fields"], right_on=ref,
                            suffixes=("", f"_{right}"))
        frame = frame.drop(columns=[r for r in ref if r not in key["fields"] and r in frame.columns])
    return frame


def with_country_names(frame: pd.DataFrame, path: str | Path | None = None, date: str | None = None) -> pd.DataFrame:
    """Add ``<column>_name`` beside every column holding country ids (country_id,
    country_a, actor_country_id, ...): the name of the time when the row has a date (``date``,
    or the first of date, start_date, trigger_date, value_date, or a year), else the name in
    ``countries``."""
    from coldwar_relations.names import names_on

    when = _row_dates(frame, date)
    out = frame.copy()
    for column in [c for c in frame.columns if c.endswith("country_id") or c in ("country_a", "country_b")]:
        out.insert(out.columns.get_loc(column) + 1, f"{column}_name", names_on(out[column], when, path))
    return out


DATE_COLUMNS = ("date_earliest", "start_date_earliest", "trigger_date_earliest", "value_date_earliest",
                "date", "start_date", "trigger_date", "value_date")


def _row_dates(frame: pd.DataFrame, date: str | None) -> pd.Series:
    if date is not None:
        return pd.to_datetime(frame[date], errors="coerce")
    for column in DATE_COLUMNS:
        if column in frame.columns and pd.api.types.is_datetime64_any_dtype(frame[column]):
            return frame[column]
    if "year" in frame.columns:  # a panel: the name on 31 December, as the status is
        return pd.to_datetime(frame["year"].astype("Int64").astype("string") + "-12-31", errors="coerce")
    return pd.Series(pd.NaT, index=frame.index)
