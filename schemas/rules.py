"""Building blocks shared by the table schemas.

A ``Rule`` is a row-wise test with the columns it looks at and a sentence saying what it
requires, so that a failure can be reported as file, row, column, value and rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import pandas as pd
import pandera.pandas as pa

FORMULA_START = r"[=+@\t\r]"
RULE_TEXT: dict[str, tuple[list[str], str]] = {}
OPEN_END = pd.Timestamp("2200-01-01")  # stands for "not ended" where a date is needed
ROW_RULES: set[str] = set()  # rules over whole rows, reported once per row with their columns


@dataclass(frozen=True)
class Rule:
    name: str
    columns: list[str]
    text: str
    test: Callable[[pd.DataFrame], pd.Series]

    def check(self) -> pa.Check:
        RULE_TEXT[self.name] = (self.columns, self.text)
        ROW_RULES.add(self.name)
        return pa.Check(lambda df: self.test(df).fillna(False).astype(bool), name=self.name)


def no_formula(column: str) -> pa.Check:
    name = "no-formula"
    RULE_TEXT[name] = ([column], "text must not begin with =, +, @, a tab or a carriage return "
                                 "(a spreadsheet would run it as a formula)")
    return pa.Check(lambda s: ~s.astype("string").str.match(FORMULA_START).fillna(False), name=name)


def source_ids_exist(known: set[str]) -> pa.Check:
    name = "source-exists"
    RULE_TEXT[name] = (["source_ids"], "every id in source_ids must be a source_id in data/sources.csv")
    def test(s: pd.Series) -> pd.Series:  # each distinct cell is checked once
        verdict = {v: all(i in known for i in str(v).split(";")) for v in s.dropna().unique()}
        return s.map(verdict).fillna(True).astype(bool)
    return pa.Check(test, name=name)


def text_columns(resource: dict) -> dict[str, pa.Column]:
    """A formula-injection check on every text field of the resource's Table Schema."""
    fields = [f["name"] for f in resource["schema"]["fields"] if f.get("type", "string") == "string"]
    return {c: pa.Column(checks=[no_formula(c)], nullable=True, required=False) for c in fields}


def end_not_before_start(start: str = "start_date", end: str = "end_date") -> Rule:
    return Rule("end-after-start", [start, end], f"{end} must not be before {start}",
                lambda df: df[end].isna() | df[start].isna() | (df[end] >= df[start]))


def open_spell_consistent(end: str = "end_date") -> Rule:
    """An open spell has no end but says until when it was observed; a closed one the reverse."""
    def test(df):
        open_ = df["is_open"].fillna(False).astype(bool)
        return (open_ & df[end].isna() & df["observed_until"].notna()) | (
            ~open_ & df[end].notna() & df["observed_until"].isna())
    return Rule("open-spell", ["is_open", end, "observed_until"],
                f"an open spell (is_open true) has an empty {end} and an observed_until date; "
                f"a closed spell has an {end} and no observed_until", test)


def spell_end(df: pd.DataFrame, end: str = "end_date") -> pd.Series:
    """End of a spell for comparisons: its end, or the last day it was observed."""
    return df[end].fillna(df["observed_until"]) if "observed_until" in df else df[end]


def open_end(df: pd.DataFrame, end: str = "end_date") -> pd.Series:
    """End of a spell as a container of other spells: an open spell has no end yet."""
    return df[end].fillna(OPEN_END)


def no_overlap(group: list[str], shared: str | None = None, start: str = "start_date", end: str = "end_date") -> Rule:
    """Spells in one group may touch (one ends the day the next starts) but not overlap."""
    def test(df):
        frame = df.assign(_end=spell_end(df, end)).sort_values([*group, start])
        by = frame.groupby(group, sort=False, observed=True, dropna=False)
        previous_end = by["_end"].cummax().groupby([frame[g] for g in group], observed=True, dropna=False).shift()
        clash = frame[start] < previous_end
        if shared:
            flag = frame[shared].fillna(False).astype(bool)
            previous_flag = flag.groupby([frame[g] for g in group], observed=True, dropna=False).shift(fill_value=False)
            clash &= ~(flag & previous_flag.astype(bool))
        return ~clash.reindex(df.index).fillna(False)
    what = " unless both are marked shared_spell" if shared else ""
    return Rule("no-overlap", [*group, start, end],
                f"spells of the same {'/'.join(group)} must not overlap{what}", test)
