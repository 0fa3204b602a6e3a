"""Derived tables are exactly what their inputs give: each table with a derivation in
``coldwar_relations.derive`` is derived again from the package's own files and compared,
row by row and cell by cell, with the committed file."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from coldwar_relations import resources
from coldwar_relations.derive import derivations, text
from coldwar_relations.validation import structure
from coldwar_relations.validation.problems import FIRST_DATA_ROW, Problem

RULE = "derived-table"
SHOWN = 50  # differing rows listed one by one per table; the rest are counted in one problem


def _read(root: Path, res: dict) -> pd.DataFrame:
    return pd.read_csv(resources.inside(root, res["path"]), dtype=str, keep_default_na=False, encoding="utf-8")


def _compare(res: dict, committed: pd.DataFrame, derived: pd.DataFrame, inputs: str) -> list[Problem]:
    key = res["schema"].get("primaryKey") or list(committed.columns)
    key = [key] if isinstance(key, str) else key
    derived = derived.reindex(columns=committed.columns).map(text)
    problems: list[Problem] = []
    file = res["path"]
    mine = committed.assign(_row=committed.index + FIRST_DATA_ROW).set_index(key)
    theirs = derived.set_index(key)
    extra = mine.index.difference(theirs.index)
    missing = theirs.index.difference(mine.index)
    for k in extra[:SHOWN]:
        problems.append(Problem(file, RULE, f"this row does not follow from {inputs}: the build would not write it",
                                int(mine.at[k, "_row"]), ", ".join(key), ", ".join(map(str, _tuple(k))), "derived"))
    for k in missing[:SHOWN]:
        problems.append(Problem(file, RULE, f"a row that follows from {inputs} is missing; rebuild with "
                                "`python -m pipeline.build`", None, ", ".join(key), ", ".join(map(str, _tuple(k))),
                                "derived"))
    common = mine.index.intersection(theirs.index)
    a, b = mine.loc[common, committed.columns.difference(key)], theirs.loc[common, committed.columns.difference(key)]
    differs = a.ne(b)
    shown = 0
    for k, row in differs[differs.any(axis=1)].iterrows():
        for column in row.index[row.to_numpy()]:
            if shown < SHOWN:
                problems.append(Problem(file, RULE, f"differs from what {inputs} give ({b.at[k, column]!r}); the "
                                        "table is derived: change its inputs and rebuild, never the table",
                                        int(mine.at[k, "_row"]), column, a.at[k, column], "derived"))
            shown += 1
    hidden = max(0, len(extra) - SHOWN) + max(0, len(missing) - SHOWN) + max(0, shown - SHOWN)
    if hidden:
        problems.append(Problem(file, RULE, f"{hidden} more rows or cells differ from what {inputs} give",
                                stage="derived"))
    return problems


def _tuple(k) -> tuple:
    return k if isinstance(k, tuple) else (k,)


def check(root: Path, broken: set[str]) -> list[Problem]:
    """Problems where a derived table differs from its derivation; nothing is derived from a
    table with structural errors (those are reported already)."""
    descriptor = resources.descriptor(root)
    by_name = {r["name"]: r for r in descriptor["resources"]}
    problems: list[Problem] = []
    for name, derivation in derivations().items():
        if name not in by_name:
            continue
        res = by_name[name]
        needed = {name, *derivation.reads}
        if needed & broken or needed - by_name.keys():
            problems.append(Problem(res["path"], "skipped", "not compared with its derivation because a table it "
                                    f"is derived from is missing or has structural errors: "
                                    f"{', '.join(sorted(needed & broken | (needed - by_name.keys())))}",
                                    stage="derived"))
            continue
        inputs = ", ".join(derivation.reads)
        try:
            derived = derivation(lambda table: _read(root, by_name[table]))
        except (KeyError, ValueError) as error:  # inputs the derivation cannot replay
            problems.append(Problem(res["path"], RULE, f"cannot be derived from {inputs}: {error}".splitlines()[0],
                                    stage="derived"))
            continue
        problems += _compare(res, _read(root, res), derived, inputs)
    return problems


def check_alone(root: Path) -> list[Problem]:
    """``check``, finding by itself which of the tables it reads are structurally broken, so
    that it can run while the other stages read the rest of the package."""
    by_name = {r["name"]: r for r in resources.descriptor(root)["resources"]}
    needed = {t for name, d in derivations().items() if name in by_name for t in (name, *d.reads)}
    broken = {t for t in needed & by_name.keys() if not structure.check(root, by_name[t])[1]}
    return check(root, broken)
