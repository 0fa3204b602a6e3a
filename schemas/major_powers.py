"""Major-power spells lie inside the state's COW membership."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

from .common import fact_columns
from .rules import Rule, end_not_before_start, no_overlap, open_end, open_spell_consistent, spell_end


def inside(spells: pd.DataFrame, system: str, tolerance_days: int = 0):
    """Row test: the spell lies inside one membership spell of its country in ``system``."""
    members = spells[spells["system"] == system].assign(_end=lambda d: open_end(d))
    by_country = {c: list(zip(g["start_date"], g["_end"])) for c, g in members.groupby("country_id", observed=True)}
    slack = pd.Timedelta(days=tolerance_days)

    def test(df):
        ends = spell_end(df)
        return pd.Series([
            any(start >= m_start - slack and end <= m_end + slack for m_start, m_end in by_country.get(cid, []))
            if pd.notna(start) and pd.notna(end) else True
            for cid, start, end in zip(df["country_id"], df["start_date"], ends)], index=df.index)
    return test


def schema(tables, resource) -> pa.DataFrameSchema:
    rules = [
        end_not_before_start(), open_spell_consistent(), no_overlap(["cow_code"]),
        Rule("major-inside-membership", ["country_id", "start_date", "end_date"],
             "a major-power spell must lie inside one of the state's COW membership spells",
             inside(tables["state_memberships"], "cow")),
    ]
    return pa.DataFrameSchema(fact_columns(tables, resource), checks=[r.check() for r in rules], name="major_powers")
