"""Countries: the codes a row carries must match the membership spells."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

from .common import fact_columns
from .rules import Rule


def schema(tables, resource) -> pa.DataFrameSchema:
    spells = tables["state_memberships"]
    codes = {s: set(zip(g["country_id"], g["code"])) for s, g in spells.groupby("system", observed=True)}

    def listed(system, column):
        return lambda df: pd.Series([
            pd.isna(code) or (cid, code) in codes.get(system, set())
            for cid, code in zip(df["country_id"], df[column])], index=df.index)

    rules = [
        Rule("cow-code-listed", ["country_id", "cow_code"],
             "cow_code must be the code of this country in a COW membership spell", listed("cow", "cow_code")),
        Rule("gw-code-listed", ["country_id", "gw_code"],
             "gw_code must be the code of this country in a GW membership spell", listed("gw", "gw_code")),
        Rule("has-a-code", ["cow_code", "gw_code", "icb_code"], "a country needs a COW, GW or ICB code",
             lambda df: df["cow_code"].notna() | df["gw_code"].notna() | df["icb_code"].notna()),
    ]
    return pa.DataFrameSchema(fact_columns(tables, resource), checks=[r.check() for r in rules], name="countries")
