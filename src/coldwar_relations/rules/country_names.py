"""Name spells: ordered, and one name at a time for each state."""

from __future__ import annotations

from coldwar_relations.rules.base import Rule, row_rule


@row_rule("name-end-after-start", ["start_date", "end_date"], "end_date must not be before start_date")
def end_after_start(df, tables):
    return df["end_date_latest"].isna() | (df["end_date_latest"] >= df["start_date_earliest"])


def _no_overlap(df, tables):
    frame = df.assign(_end=df["end_date_latest"]).sort_values(["country_id", "start_date_earliest"])
    previous = frame.groupby("country_id", observed=True)["_end"].shift()
    open_before = frame.groupby("country_id", observed=True)["_end"].transform(
        lambda s: s.isna().shift(fill_value=False).cummax())
    clash = (frame["start_date_earliest"] <= previous).fillna(False) | open_before
    return ~clash.reindex(df.index)


RULES = [
    end_after_start,
    Rule("name-no-overlap", ("country_id", "start_date", "end_date"),
         "a state has one name at a time: its name spells must not overlap", _no_overlap),
]
