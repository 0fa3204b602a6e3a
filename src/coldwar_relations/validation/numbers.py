"""Numbers are finite. Table Schema's number type admits NaN, INF and -INF, and Frictionless
accepts them; in this package a figure that is not a number is a mistake (an unknown figure
is an empty cell). Checked on the text, before typing turns such cells into missing values."""

from __future__ import annotations

import pandas as pd

from coldwar_relations.validation.problems import FIRST_DATA_ROW, Problem

MESSAGE = "must be a finite number (NaN and infinity are not figures; leave the cell empty if unknown)"


def non_finite(res: dict, text: pd.DataFrame) -> list[Problem]:
    problems = []
    for field in res["schema"]["fields"]:
        if field.get("type") != "number" or field["name"] not in text.columns:
            continue
        raw = text[field["name"]]
        present = raw.notna()
        if not present.any():
            continue
        numbers = pd.to_numeric(raw[present], errors="coerce")
        lowered = raw[present].astype("string").str.strip().str.lower()
        named = lowered.str.fullmatch(r"[+-]?(nan|inf|infinity)").fillna(False).astype(bool)
        bad = named | (numbers.notna() & ~numbers.abs().lt(float("inf")))
        for i, value in raw[present][bad].items():
            problems.append(Problem(res["path"], "finite-number", MESSAGE, int(i) + FIRST_DATA_ROW, field["name"], str(value),
                                    stage="rules"))
    return problems
