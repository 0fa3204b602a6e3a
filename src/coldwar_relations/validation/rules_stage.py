"""Run each table's rules (``coldwar_relations.rules``) and translate failures into Problems."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from coldwar_relations import loader, resources, rules
from coldwar_relations.validation import numbers
from coldwar_relations.validation.problems import FIRST_DATA_ROW, Problem



def read_all(root: Path, skip: set[str], texts: dict | None = None,
             problems: list | None = None) -> dict[str, pd.DataFrame]:
    """Every readable table, typed leniently (bad cells become missing: the Table Schema stage
    reports them). ``texts``: tables already read as text, to avoid reading them twice;
    ``problems`` receives what only the text shows (numbers that are not finite)."""
    tables = {}
    for res in resources.descriptor(root)["resources"]:
        if res["name"] in skip:
            continue
        text = texts[res["name"]] if texts and res["name"] in texts else loader.read_text(
            resources.inside(root, res["path"]), strict=False)
        if problems is not None:
            problems += numbers.non_finite(res, text)
        tables[res["name"]] = loader.typed(text, res["schema"], errors="coerce")
    return tables


def _show(value) -> str:
    if value is None or (not isinstance(value, (list, tuple)) and pd.isna(value)):
        return ""
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    return str(value)


def _problems(name: str, path: str, frame: pd.DataFrame, cases: pd.DataFrame) -> list[Problem]:
    problems = []
    seen = set()
    for case in cases.itertuples(index=False):
        rule = rules.rule(str(case.check))
        index = case.index
        row = int(index) + FIRST_DATA_ROW if index is not None and not pd.isna(index) else None
        if row is None and case.column == name:  # the check itself failed to run
            problems.append(Problem(path, rule.name, f"could not be checked ({case.failure_case}): {rule.message}",
                                    stage="rules"))
            continue
        if rule.on_column:
            column, value = case.column, _show(case.failure_case)
        else:
            column = ", ".join(rule.columns)
            value = "; ".join(_show(frame.at[index, c]) for c in rule.columns if c in frame.columns) if row else None
        key = (rule.name, row, column)
        if key in seen:
            continue
        seen.add(key)
        problems.append(Problem(path, rule.name, rule.message, row, column, value, stage="rules"))
    return problems


def check(root: Path, skip: set[str], tables: dict | None = None) -> list[Problem]:
    tables = tables if tables is not None else read_all(root, skip)
    problems: list[Problem] = []
    for res in resources.descriptor(root)["resources"]:
        name = res["name"]
        if name in skip:
            problems.append(Problem(res["path"], "not-checked", "row and cross-table rules were not run on this "
                                    "file because of the structural errors reported above", stage="rules"))
            continue
        needs = rules.reads(name, res)
        if needs & skip or needs - tables.keys():
            missing = sorted((needs & skip) | (needs - tables.keys()))
            problems.append(Problem(res["path"], "skipped", "cross-table rules not run because a table they "
                                    f"need is missing or has structural errors: {', '.join(missing)}", stage="rules"))
            continue
        cases = rules.failures(name, tables, res)
        if cases is not None:
            problems.extend(_problems(name, res["path"], tables[name], cases))
    return problems
