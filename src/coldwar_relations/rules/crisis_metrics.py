"""Crisis metrics: bounds in order, one unit per metric, dates where the unit is a date."""

from __future__ import annotations

import pandas as pd

from coldwar_relations import edtf
from coldwar_relations.rules.base import row_rule


def _is_date(df):
    return (df["unit"] == "date").fillna(False)


@row_rule("low-value-high", ["low", "value", "high"], "low <= value <= high wherever they are given")
def low_value_high(df, tables):
    return ((df["low"].isna() | df["value"].isna() | (df["low"] <= df["value"]))
            & (df["value"].isna() | df["high"].isna() | (df["value"] <= df["high"]))
            & (df["low"].isna() | df["high"].isna() | (df["low"] <= df["high"]))).fillna(True)


@row_rule("unit-of-metric", ["metric", "unit"], "unit must be the unit the vocabulary gives this metric")
def unit_of_metric(df, tables):
    field = next(f for f in tables.resource["schema"]["fields"] if f["name"] == "metric")
    units = {c["value"]: c["unit"] for c in field.get("categories", [])}
    return pd.Series([units.get(m) == u for m, u in zip(df["metric"], df["unit"])], index=df.index)


@row_rule("date-metric", ["unit", "value_date", "value", "low", "high"],
          "a date metric gives value_date and no number; any other metric gives a value or a low/high bound")
def date_metric(df, tables):
    is_date = _is_date(df)
    return (is_date & df["value_date"].notna() & df["value"].isna() & df["low"].isna() & df["high"].isna()) | (
        ~is_date & df["value_date"].isna() & (df["value"].notna() | df["low"].notna() | df["high"].notna()))


@row_rule("period-in-order", ["refers_to"], "a period start/end must not end before it starts")
def period_in_order(df, tables):
    parts = df["refers_to"].astype("string").str.split("/", n=1, expand=True).reindex(columns=[0, 1])
    start, _ = edtf.bounds(parts[0], errors="coerce")
    _, end = edtf.bounds(parts[1], errors="coerce")
    return end.isna() | start.isna() | (start <= end)


RULES = [low_value_high, unit_of_metric, date_metric, period_in_order]
