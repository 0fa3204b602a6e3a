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


# Beyond these, a figure is a typing slip or a wrong unit: more persons than have lived at once,
# more than 100 years of days, a distance longer than the equator, an area larger than all land.
PLAUSIBLE_MAXIMUM = {
    "persons": 1e10, "percent": 100, "days": 36_525, "months": 1_200, "km": 40_075, "km2": 1.5e8,
    "states": 250, "seats": 10_000, "votes": 1e9, "usd_current": 1e13, "short_tons": 1e9, "tons_unspecified": 1e9,
    "warheads": 1e5, "missiles": 1e5, "launchers": 1e5, "aircraft": 1e6, "ships": 1e5, "tanks": 1e6,
    "divisions": 1e4, "brigades": 1e5, "flights": 1e8, "sorties": 1e8, "shells": 1e10, "mines": 1e8, "places": 1e6,
}


@row_rule("non-negative-figure", ["value", "low", "high"], "a figure (value, low, high) must not be negative")
def non_negative(df, tables):
    return ((df["value"].isna() | (df["value"] >= 0)) & (df["low"].isna() | (df["low"] >= 0))
            & (df["high"].isna() | (df["high"] >= 0))).fillna(True)


@row_rule("plausible-magnitude", ["unit", "value", "low", "high"],
          "a figure must be within what its unit can plausibly reach (for example at most 1e10 persons, "
          "100 percent, 36,525 days); check the figure and the unit")
def plausible_magnitude(df, tables):
    ceiling = df["unit"].astype("string").map(PLAUSIBLE_MAXIMUM).astype("Float64").fillna(1e13)
    biggest = df[["value", "low", "high"]].astype("Float64").max(axis=1)
    return (biggest.isna() | (biggest <= ceiling)).fillna(True)


RULES = [low_value_high, unit_of_metric, date_metric, period_in_order, non_negative, plausible_magnitude]
