"""Crisis actors: existed as states when the crisis began, dates in order, code matches the country."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

from .common import fact_columns
from .crises import trigger_not_after_termination
from .rules import OPEN_END, Rule


def existed_on_crisis_trigger(tables):
    spells = tables["state_memberships"]
    ends = spells["end_date"].fillna(OPEN_END)
    by_country = {c: list(zip(g["start_date"], ends[g.index])) for c, g in spells.groupby("country_id", observed=True)}
    crises = tables["crises"].set_index("icb_crisno")

    def test(df):
        lo = df["icb_crisno"].map(crises["trigger_date_earliest"])
        hi = df["icb_crisno"].map(crises["trigger_date_latest"])
        member = pd.Series([
            pd.isna(a) or any(start <= b and end >= a for start, end in by_country.get(c, []))
            for c, a, b in zip(df["country_id"], lo, hi)], index=df.index)
        return member | df["membership_exception"].notna()
    return test


def country_of_code(countries: pd.DataFrame) -> dict[int, str]:
    """ICB state code -> country_id: a state's ICB code first, then its GW, then its COW code.
    The build links actors with it and the rule below checks the link with it."""
    ids: dict[int, str] = {}
    for column in ("icb_code", "gw_code", "cow_code"):
        for code, cid in zip(countries[column], countries["country_id"]):
            if pd.notna(code):
                ids.setdefault(int(code), cid)
    return ids


def schema(tables, resource) -> pa.DataFrameSchema:
    codes = country_of_code(tables["countries"])
    rules = [
        Rule("actor-existed", ["country_id", "icb_crisno", "membership_exception"],
             "the actor must be a COW or GW member on the crisis trigger date, unless membership_exception says why not",
             existed_on_crisis_trigger(tables)),
        trigger_not_after_termination(),
        Rule("response-after-trigger", ["trigger_date", "major_response_date", "note"],
             "major_response_date must not be before trigger_date unless the note flags it",
             lambda df: df["major_response_date_latest"].isna() | df["trigger_date_earliest"].isna()
             | (df["major_response_date_latest"] >= df["trigger_date_earliest"]) | df["note"].notna()),
        Rule("actor-code-matches", ["icb_cracid", "country_id"],
             "icb_cracid must be the code of country_id in countries",
             lambda df: pd.Series([codes.get(int(c)) == cid if pd.notna(c) else True
                                   for c, cid in zip(df["icb_cracid"], df["country_id"])], index=df.index)),
    ]
    return pa.DataFrameSchema(fact_columns(tables, resource), checks=[r.check() for r in rules],
                              name="crisis_actors")
