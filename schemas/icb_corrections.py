"""Corrections: a corrected value exactly when something was corrected."""

from __future__ import annotations

import pandera.pandas as pa

from .common import fact_columns
from .rules import Rule


def schema(tables, resource) -> pa.DataFrameSchema:
    rules = [Rule("correction-has-value", ["action", "corrected_value"],
                  "a corrected or reduced_precision row gives corrected_value; a flagged row leaves it empty",
                  lambda df: (df["action"] == "flagged").fillna(False) == df["corrected_value"].isna())]
    return pa.DataFrameSchema(fact_columns(tables, resource), checks=[r.check() for r in rules],
                              name="icb_corrections")
