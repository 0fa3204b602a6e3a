"""Countries: the codes a row carries must match the membership spells."""

from __future__ import annotations

import pandas as pd

from coldwar_relations.rules.base import Rule, row_rule


def code_listed(system: str, column: str) -> Rule:
    def test(df, tables):
        spells = tables["state_memberships"]
        codes = set(zip(spells.loc[spells["system"] == system, "country_id"],
                        spells.loc[spells["system"] == system, "code"]))
        return pd.Series([pd.isna(code) or (cid, code) in codes for cid, code in zip(df["country_id"], df[column])],
                         index=df.index)
    return Rule(f"{system}-code-listed", ("country_id", column),
                f"{column} must be the code of this country in a {system.upper()} membership spell", test,
                reads=("state_memberships",))


@row_rule("has-a-code", ["cow_code", "gw_code", "icb_code"], "a country needs a COW, GW or ICB code")
def has_a_code(df, tables):
    return df["cow_code"].notna() | df["gw_code"].notna() | df["icb_code"].notna()


RULES = [code_listed("cow", "cow_code"), code_listed("gw", "gw_code"), has_a_code]
