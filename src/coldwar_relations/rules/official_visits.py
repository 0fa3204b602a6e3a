"""Official visits: in order, and to a state that existed (or the record says why not)."""

from __future__ import annotations

import pandas as pd

from coldwar_relations.rules.base import existed_between, row_rule


@row_rule("visit-end-after-start", ["start_date", "end_date"], "end_date must not be before start_date")
def end_after_start(df, tables):
    return df["end_date"].isna() | (df["end_date"] >= df["start_date"])


@row_rule("visit-state-existed", ["country_id", "start_date", "membership_exception"],
          "the country must be a COW or GW member on the visit's dates, unless membership_exception says why not",
          reads=("state_memberships",))
def state_existed(df, tables):
    existed = existed_between(tables["state_memberships"])
    end = df["end_date"].fillna(df["start_date"])
    return pd.Series([pd.isna(c) or pd.notna(note) or existed(c, lo, hi)
                      for c, lo, hi, note in zip(df["country_id"], df["start_date"], end, df["membership_exception"])],
                     index=df.index)


@row_rule("visit-country-named-or-explained", ["country_id", "mapping_note"],
          "a visit without a country_id says why in mapping_note")
def country_named(df, tables):
    return df["country_id"].notna() | df["mapping_note"].notna()


RULES = [end_after_start, state_existed, country_named]
