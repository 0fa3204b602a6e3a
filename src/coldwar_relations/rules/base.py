"""A rule: a named test over a table, with the sentence that says what it requires.

Rules are what a Table Schema cannot say: rows compared with other rows and other tables.
Each rule is defined once, at import, under a name unique in the library (a second
definition of a name fails at import), and carries its own message, so that a failure is
reported as file, row, column, value and rule whichever table it runs on. ``reads`` names
the other tables the test needs, which is how the validator knows what a table depends on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import pandas as pd
import pandera.pandas as pa

from coldwar_relations import cells, edtf, formula

OPEN_END = pd.Timestamp("2200-01-01")  # stands for "not ended" where a date is needed

_REGISTRY: dict[str, "Rule"] = {}


class Tables(dict):
    """The package's tables by name, as a rule sees them, with the Table Schema resource of
    the table being checked (``tables.resource``)."""

    def __init__(self, tables: dict[str, pd.DataFrame], resource: dict | None = None):
        super().__init__(tables)
        self.resource = resource or {}


@dataclass(frozen=True)
class Rule:
    """``test(df, tables)`` returns True for each row (or cell, for a column rule) that passes.
    A row rule reports the columns it looks at; a column rule reports the column it ran on."""

    name: str
    columns: tuple[str, ...]
    message: str
    test: Callable[[pd.DataFrame, Tables], pd.Series] = field(compare=False)
    reads: tuple[str, ...] = ()
    on_column: bool = False

    def __post_init__(self):
        if self.name in _REGISTRY:
            raise ValueError(f"rule name {self.name!r} is defined twice; rule names must be unique")
        _REGISTRY[self.name] = self

    def check(self, tables: Tables) -> pa.Check:
        def run(data):
            if self.on_column:
                return _by_distinct_value(self.test, data, tables)
            return self.test(data, tables).fillna(False).astype(bool)
        return pa.Check(run, name=self.name, description=self.message)


def _by_distinct_value(test, values: pd.Series, tables: Tables) -> pd.Series:
    """A column rule judges each distinct value once: codes, enumerations and source lists
    repeat, and a million cells often hold a few hundred values."""
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    if len(uniques) == len(values):
        return test(values, tables).fillna(False).astype(bool)
    verdict = test(pd.Series(uniques), tables).fillna(False).astype(bool).to_numpy()
    return pd.Series(verdict[codes], index=values.index)


def rule(name: str) -> Rule:
    """The rule of that name (a validation failure names its rule)."""
    return _REGISTRY[name]


def row_rule(name: str, columns: list[str], message: str, reads: tuple[str, ...] = ()):
    """Decorator: define a row rule from its test function."""
    def define(test):
        return Rule(name, tuple(columns), message, test, tuple(reads))
    return define


NO_FORMULA = Rule("no-formula", (), formula.DESCRIPTION, lambda s, _: ~formula.formula_cells(s), on_column=True)
NO_CONTROL = Rule("no-control-characters", (), cells.CONTROL_DESCRIPTION, lambda s, _: ~cells.control_cells(s),
                  on_column=True)
CELL_LENGTH = Rule("cell-length", (), cells.LENGTH_DESCRIPTION, lambda s, _: ~cells.long_cells(s), on_column=True)


def _real_day(values: pd.Series, _) -> pd.Series:
    """A value of the reduced-precision pattern names a day that exists (no 1962-02-30)."""
    text = values.astype("string")
    shaped = text.str.fullmatch(edtf.PATTERN).fillna(False).astype(bool)
    earliest, _ = edtf.bounds(text.where(shaped), errors="coerce")
    return ~shaped | earliest.notna()


REAL_DATE = Rule("real-date", (), "the date must exist in the calendar (no 30 February, no 29 February "
                 "outside leap years)", _real_day, on_column=True)


def _sources_exist(values: pd.Series, tables: Tables) -> pd.Series:
    known = set(tables["sources"]["source_id"].dropna())
    verdict = {v: all(i in known for i in str(v).split(";")) for v in values.dropna().unique()}
    return values.map(verdict).fillna(True).astype(bool)  # each distinct cell is checked once


SOURCE_EXISTS = Rule("source-exists", ("source_ids",),
                     "every id in source_ids must be a source_id in data/sources.csv", _sources_exist,
                     reads=("sources",), on_column=True)


def column_rules(resource: dict) -> dict[str, list[Rule]]:
    """Rules every table gets from its Table Schema: text without formulas, control characters
    or more than a spreadsheet cell holds; reduced-precision dates that exist; and sources that
    exist wherever a row cites them."""
    rules: dict[str, list[Rule]] = {}
    for f in resource["schema"]["fields"]:
        if f.get("type", "string") == "string":
            rules.setdefault(f["name"], []).extend([NO_FORMULA, NO_CONTROL, CELL_LENGTH])
        if f.get("x-edtf"):
            rules.setdefault(f["name"], []).append(REAL_DATE)
        if f["name"] == "source_ids" and resource["name"] != "sources":
            rules.setdefault(f["name"], []).append(SOURCE_EXISTS)
    return rules


# -- builders for rules that several tables share, each instance under its own name --------

def end_not_before_start(name: str, start: str = "start_date", end: str = "end_date") -> Rule:
    return Rule(name, (start, end), f"{end} must not be before {start}",
                lambda df, _: df[end].isna() | df[start].isna() | (df[end] >= df[start]))


def open_spell_consistent(name: str, end: str = "end_date") -> Rule:
    """An open spell has no end but says until when it was observed; a closed one the reverse."""
    def test(df, _):
        open_ = df["is_open"].fillna(False).astype(bool)
        return (open_ & df[end].isna() & df["observed_until"].notna()) | (
            ~open_ & df[end].notna() & df["observed_until"].isna())
    return Rule(name, ("is_open", end, "observed_until"),
                f"an open spell (is_open true) has an empty {end} and an observed_until date; "
                f"a closed spell has an {end} and no observed_until", test)


def spell_end(df: pd.DataFrame, end: str = "end_date") -> pd.Series:
    """End of a spell for comparisons: its end, or the last day it was observed."""
    return df[end].fillna(df["observed_until"]) if "observed_until" in df else df[end]


def open_end(df: pd.DataFrame, end: str = "end_date") -> pd.Series:
    """End of a spell as a container of other spells: an open spell has no end yet."""
    return df[end].fillna(OPEN_END)


def no_overlap(name: str, group: list[str], shared: str | None = None, start: str = "start_date",
               end: str = "end_date") -> Rule:
    """Spells in one group may touch (one ends the day the next starts) but not overlap."""
    def test(df, _):
        frame = df.assign(_end=spell_end(df, end)).sort_values([*group, start])
        keys = [frame[g] for g in group]
        previous_end = frame.groupby(keys, sort=False, observed=True, dropna=False)["_end"].cummax()
        previous_end = previous_end.groupby(keys, observed=True, dropna=False).shift()
        clash = frame[start] < previous_end
        if shared:
            flag = frame[shared].fillna(False).astype(bool)
            previous_flag = flag.groupby(keys, observed=True, dropna=False).shift(fill_value=False)
            clash &= ~(flag & previous_flag.astype(bool))
        return ~clash.reindex(df.index).fillna(False)
    what = " unless both are marked shared_spell" if shared else ""
    return Rule(name, (*group, start, end), f"spells of the same {'/'.join(group)} must not overlap{what}", test)


def inside_membership(spells: pd.DataFrame, system: str, tolerance_days: int = 0):
    """Row test: the spell lies inside one membership spell of its country in ``system``
    (vectorised: each row is paired with its country's few membership spells)."""
    chosen = spells[spells["system"] == system]
    members = chosen[["country_id", "start_date"]].assign(_end=open_end(chosen)).rename(
        columns={"start_date": "_start"})
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


def existed_between(spells: pd.DataFrame):
    """(country_id, earliest, latest) -> was the country a member (either system) at some
    moment between the two dates?"""
    ends = spells["end_date"].fillna(OPEN_END)
    by_country = {c: list(zip(g["start_date"], ends[g.index]))
                  for c, g in spells.groupby("country_id", observed=True)}

    def existed(country, earliest, latest) -> bool:
        return any(start <= latest and end >= earliest for start, end in by_country.get(country, []))
    return existed


def ids_exist(name: str, column: str, table: str, key: str) -> Rule:
    """Every ;-separated id in ``column`` is a ``key`` of ``table``."""
    def test(df, tables):
        known = set(tables[table][key])
        return df[column].map(lambda v: pd.isna(v) or all(i in known for i in str(v).split(";"))).astype(bool)
    return Rule(name, (column,), f"every id in {column} must be a {key} in {table}", test, reads=(table,))
