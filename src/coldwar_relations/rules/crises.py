"""Crises: ordered dates, a duration the dates allow, a triggering state when ICB names one."""

from __future__ import annotations

import pandas as pd

from coldwar_relations.rules.base import Rule, row_rule
from coldwar_relations.scope import CORE_END, CORE_START

CORE = (pd.Timestamp(CORE_START), pd.Timestamp(CORE_END))
# ICB counts both the first and the last day; allow one day either way for its conventions.
DURATION_TOLERANCE_DAYS = 1


def trigger_not_after_termination(name: str, start: str = "trigger_date", end: str = "termination_date") -> Rule:
    return Rule(name, (start, end), f"{start} must not be after {end} (within their precision)",
                lambda df, _: df[f"{start}_earliest"].isna() | df[f"{end}_latest"].isna()
                | (df[f"{start}_earliest"] <= df[f"{end}_latest"]))


@row_rule("duration-matches-dates", ["duration_days", "trigger_date", "termination_date", "duration_note"],
          "duration_days must fit the trigger and termination dates (counting both ends, within their "
          "precision, give or take a day) unless duration_note explains the difference")
def duration_matches_dates(df, tables):
    shortest = (df["termination_date_earliest"] - df["trigger_date_latest"]).dt.days + 1
    longest = (df["termination_date_latest"] - df["trigger_date_earliest"]).dt.days + 1
    d = df["duration_days"].astype("Float64")
    fits = (d >= shortest - DURATION_TOLERANCE_DAYS) & (d <= longest + DURATION_TOLERANCE_DAYS)
    return d.isna() | shortest.isna() | fits.fillna(True) | df["duration_note"].notna()


@row_rule("triggering-state", ["triggering_entity", "triggering_country_id"],
          "triggering_country_id is given exactly when triggering_entity is 'state'")
def triggering_state(df, tables):
    return (df["triggering_entity"] == "state").fillna(False) == df["triggering_country_id"].notna()


@row_rule("core-period-flag", ["in_core_period", "trigger_date"],
          "in_core_period must be true exactly when the trigger falls in 1945-1991")
def core_period_flag(df, tables):
    return df["in_core_period"].fillna(False).astype(bool) == df["trigger_date_earliest"].between(*CORE).fillna(False)


RULES = [
    trigger_not_after_termination("crisis-trigger-before-termination"),
    duration_matches_dates,
    triggering_state,
    core_period_flag,
]
