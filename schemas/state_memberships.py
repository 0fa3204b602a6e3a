"""Membership spells: ordered, consistent when open, and not overlapping within a system."""

from __future__ import annotations

import pandera.pandas as pa

from .common import fact_columns
from .rules import end_not_before_start, no_overlap, open_spell_consistent


def schema(tables, resource) -> pa.DataFrameSchema:
    rules = [end_not_before_start(), open_spell_consistent(), no_overlap(["system", "code"])]
    return pa.DataFrameSchema(fact_columns(tables, resource), checks=[r.check() for r in rules],
                              name="state_memberships")
