"""Crisis actors: existed as states when the crisis began, dates in order, code matches the country."""

from __future__ import annotations

import pandas as pd

from coldwar_relations.rules.base import existed_between, row_rule
from coldwar_relations.rules.crises import trigger_not_after_termination


def country_of_code(countries: pd.DataFrame) -> dict[int, str]:
    """ICB state code -> country_id: a state's ICB code first, then its GW, then its COW code.
    The build links actors with it and the rule below checks the link with it."""
    ids: dict[int, str] = {}
    for column in ("icb_code", "gw_code", "cow_code"):
        for code, cid in zip(countries[column], countries["country_id"]):
            if pd.notna(code):
                ids.setdefault(int(code), cid)
    return ids


@row_rule("actor-existed", ["country_id", "icb_crisno", "membership_exception"],
          "the actor must be a COW or GW member on the crisis trigger date, unless membership_exception says why not",
          reads=("state_memberships", "crises"))
def actor_existed(df, tables):
    existed = existed_between(tables["state_memberships"])
    crises = tables["crises"].set_index("icb_crisno")
    lo = df["icb_crisno"].map(crises["trigger_date_earliest"])
    hi = df["icb_crisno"].map(crises["trigger_date_latest"])
    member = pd.Series([pd.isna(a) or existed(c, a, b) for c, a, b in zip(df["country_id"], lo, hi)], index=df.index)
    return member | df["membership_exception"].notna()


@row_rule("response-after-trigger", ["trigger_date", "major_response_date", "note"],
          "major_response_date must not be before trigger_date unless the note flags it")
def response_after_trigger(df, tables):
    return (df["major_response_date_latest"].isna() | df["trigger_date_earliest"].isna()
            | (df["major_response_date_latest"] >= df["trigger_date_earliest"]) | df["note"].notna())


@row_rule("actor-code-matches", ["icb_cracid", "country_id"], "icb_cracid must be the code of country_id in countries",
          reads=("countries",))
def actor_code_matches(df, tables):
    codes = country_of_code(tables["countries"])
    return pd.Series([codes.get(int(c)) == cid if pd.notna(c) else True
                      for c, cid in zip(df["icb_cracid"], df["country_id"])], index=df.index)


RULES = [
    actor_existed,
    trigger_not_after_termination("actor-trigger-before-termination"),
    response_after_trigger,
    actor_code_matches,
]
