"""Crises: ordered dates, a duration the dates allow, a triggering state when ICB names one."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

from coldwar_relations.scope import CORE_END, CORE_START

from .common import fact_columns
from .rules import Rule

CORE = (pd.Timestamp(CORE_START), pd.Timestamp(CORE_END))
# ICB counts both the first and the last day; allow one day either way for its conventions.
DURATION_TOLERANCE_DAYS = 1


def trigger_not_after_termination(prefix_a: str = "trigger_date", prefix_b: str = "termination_date") -> Rule:
    return Rule("trigger-before-termination", [prefix_a, prefix_b],
                f"{prefix_a} must not be after {prefix_b} (within their precision)",
                lambda df: df[f"{prefix_a}_earliest"].isna() | df[f"{prefix_b}_latest"].isna()
                | (df[f"{prefix_a}_earliest"] <= df[f"{prefix_b}_latest"]))


def duration_matches_dates() -> Rule:
    def test(df):
        shortest = (df["termination_date_earliest"] - df["trigger_date_latest"]).dt.days + 1
        longest = (df["termination_date_latest"] - df["trigger_date_earliest"]).dt.days + 1
        d = df["duration_days"].astype("Float64")
        fits = (d >= shortest - DURATION_TOLERANCE_DAYS) & (d <= longest + DURATION_TOLERANCE_DAYS)
        return d.isna() | shortest.isna() | fits.fillna(True) | df["duration_note"].notna()
    return Rule("duration-matches-dates", ["duration_days", "trigger_date", "termination_date", "duration_note"],
                "duration_days must fit the trigger and termination dates (counting both ends, within their "
                "precision, give or take a day) unless duration_note explains the difference", test)


def schema(tables, resource) -> pa.DataFrameSchema:
    rules = [
        trigger_not_after_termination(),
        duration_matches_dates(),
        Rule("triggering-state", ["triggering_entity", "triggering_country_id"],
             "triggering_country_id is given exactly when triggering_entity is 'state'",
             lambda df: (df["triggering_entity"] == "state").fillna(False) == df["triggering_country_id"].notna()),
        Rule("core-period-flag", ["in_core_period", "trigger_date"],
             "in_core_period must be true exactly when the trigger falls in 1945-1991",
             lambda df: df["in_core_period"].fillna(False).astype(bool)
             == df["trigger_date_earliest"].between(*CORE).fillna(False)),
    ]
    return pa.DataFrameSchema(fact_columns(tables, resource), checks=[r.check() for r in rules], name="crises")
