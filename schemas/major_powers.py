"""Major-power spells lie inside the state's COW membership."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

from .common import fact_columns
from .rules import Rule, end_not_before_start, no_overlap, open_end, open_spell_consistent, spell_end


def inside(spells: pd.DataFrame, system: str, tolerance_days: int = 0):
    """Row test: the spell lies inside one membership spell of its country in ``system``
    (vectorised: each row is paired with its country's few membership spells)."""
    members = spells.loc[spells["system"] == system, ["country_id", "start_date"]].assign(
        _end=open_end(spells[spells["system"] == system])).rename(columns={"start_date": "_start"})
    members["country_id"] = members["country_id"].astype("string")
    slack = pd.Timedelta(days=tolerance_days)

    def test(df):
        rows = pd.DataFrame({"country_id": df["country_id"].astype("string"), "start": df["start_date"],
                             "end": spell_end(df), "row": range(len(df))})
        paired = rows.merge(members, on="country_id", how="inner")
        fits = (paired["start"] >= paired["_start"] - slack) & (paired["end"] <= paired["_end"] + slack)
        ok = pd.Series(False, index=range(len(df)))
        ok[paired.loc[fits, "row"].unique()] = True
        unknown = (rows["start"].isna() | rows["end"].isna()).to_numpy()
        return pd.Series(ok.to_numpy() | unknown, index=df.index)
    return test


def schema(tables, resource) -> pa.DataFrameSchema:
    rules = [
        end_not_before_start(), open_spell_consistent(), no_overlap(["cow_code"]),
        Rule("major-inside-membership", ["country_id", "start_date", "end_date"],
             "a major-power spell must lie inside one of the state's COW membership spells",
             inside(tables["state_memberships"], "cow")),
    ]
    return pa.DataFrameSchema(fact_columns(tables, resource), checks=[r.check() for r in rules], name="major_powers")
