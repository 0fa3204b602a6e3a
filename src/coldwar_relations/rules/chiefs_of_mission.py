"""Chiefs of mission: dates in order unless the build flags the record; a state that existed."""

from __future__ import annotations

import pandas as pd

from coldwar_relations import representation
from coldwar_relations.rules.base import existed_between, row_rule


@row_rule("chief-dates-in-order", ["appointed_date", "credentials_date", "ended_date", "date_order_note"],
          "appointed_date <= credentials_date <= ended_date (within their precision), unless date_order_note "
          "says which the record has out of order")
def dates_in_order(df, tables):
    ok = pd.Series(True, index=df.index)
    for first, then in (("appointed_date", "credentials_date"), ("credentials_date", "ended_date"),
                        ("appointed_date", "ended_date")):
        a, b = df[f"{first}_earliest"], df[f"{then}_latest"]
        ok &= a.isna() | b.isna() | (a <= b)
    return ok | df["date_order_note"].notna()


@row_rule("chief-country-named-or-explained", ["country_id", "mapping_note"],
          "a record without a country_id says why in mapping_note")
def country_named(df, tables):
    return df["country_id"].notna() | df["mapping_note"].notna()


@row_rule("chief-state-existed", ["country_id", "mapping_date", "membership_exception"],
          "the country must be a COW or GW member on the mapping date, unless membership_exception says why not",
          reads=("state_memberships",))
def state_existed(df, tables):
    existed = existed_between(tables["state_memberships"])
    return pd.Series([pd.isna(c) or pd.isna(lo) or pd.notna(note) or existed(c, lo, hi)
                      for c, lo, hi, note in zip(df["country_id"], df["mapping_date_earliest"],
                                                 df["mapping_date_latest"], df["membership_exception"])], index=df.index)


@row_rule("chief-missions-do-not-overlap", ["country_id", "rank", "credentials_date", "ended_date", "overlap_note"],
          "an ambassador's or minister's mission must not begin before the previous one at the same post ended, "
          "unless overlap_note says the record has it so")
def no_overlap(df, tables):
    start = representation.mission_start(df)
    principal = (df["record_list"] == "chiefs") & df["rank"].isin(representation.PRINCIPAL) & df["country_id"].notna()
    frame = df.assign(_start=start, _end=representation.mission_end(df, latest=False))
    frame = frame[principal & start.notna()].sort_values("_start")
    previous = frame.groupby("country_id", observed=True)["_end"].transform(lambda s: s.cummax().shift())
    clash = (frame["_start"] < previous).fillna(False) & frame["overlap_note"].isna()
    return pd.Series(~df.index.isin(frame.index[clash]), index=df.index)


RULES = [dates_in_order, country_named, state_existed, no_overlap]
