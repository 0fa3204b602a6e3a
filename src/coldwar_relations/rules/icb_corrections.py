"""Corrections: a corrected value exactly when something was corrected."""

from __future__ import annotations

from coldwar_relations.rules.base import row_rule


@row_rule("correction-has-value", ["action", "corrected_value"],
          "a corrected or reduced_precision row gives corrected_value; a flagged row leaves it empty")
def correction_has_value(df, tables):
    return (df["action"] == "flagged").fillna(False) == df["corrected_value"].isna()


RULES = [correction_has_value]
