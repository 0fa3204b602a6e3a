"""Crisis metrics: bounds in order, one unit per metric, dates where the unit is a date."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

from coldwar_relations import edtf

from .common import fact_columns
from .rules import Rule


def _units(resource) -> dict[str, str]:
    field = next(f for f in resource["schema"]["fields"] if f["name"] == "metric")
    return {c["value"]: c["unit"] for c in field.get("categories", [])}


def period_in_order(df: pd.DataFrame) -> pd.Series:
    parts = df["refers_to"].astype("string").str.split("/", n=1, expand=True).reindex(columns=[0, 1])
    start, _ = edtf.bounds(parts[0], errors="coerce")
    _, end = edtf.bounds(parts[1], errors="coerce")
    return end.isna() | start.isna() | (start <= end)


def schema(tables, resource) -> pa.DataFrameSchema:
    units = _units(resource)
    is_date = lambda df: (df["unit"] == "date").fillna(False)  # noqa: E731
    rules = [
        Rule("low-value-high", ["low", "value", "high"], "low <= value <= high wherever they are given",
             lambda df: ((df["low"].isna() | df["value"].isna() | (df["low"] <= df["value"]))
                         & (df["value"].isna() | df["high"].isna() | (df["value"] <= df["high"]))
                         & (df["low"].isna() | df["high"].isna() | (df["low"] <= df["high"]))).fillna(True)),
        Rule("unit-of-metric", ["metric", "unit"], "unit must be the unit the vocabulary gives this metric",
             lambda df: pd.Series([units.get(m) == u for m, u in zip(df["metric"], df["unit"])], index=df.index)),
        Rule("date-metric", ["unit", "value_date", "value", "low", "high"],
             "a date metric gives value_date and no number; any other metric gives a value or a low/high bound",
             lambda df: (is_date(df) & df["value_date"].notna() & df["value"].isna() & df["low"].isna()
                         & df["high"].isna())
             | (~is_date(df) & df["value_date"].isna()
                & (df["value"].notna() | df["low"].notna() | df["high"].notna()))),
        Rule("period-in-order", ["refers_to"], "a period start/end must not end before it starts",
             period_in_order),
    ]
    return pa.DataFrameSchema(fact_columns(tables, resource), checks=[r.check() for r in rules],
                              name="crisis_metrics")
