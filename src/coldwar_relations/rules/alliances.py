"""Alliances: dates in order."""

from __future__ import annotations

from coldwar_relations.rules.base import row_rule


@row_rule("alliance-dates-in-order", ["signed", "in_force", "dissolved"],
          "signed <= in_force <= dissolved (within their precision)")
def dates_in_order(df, tables):
    ok = df["signed_earliest"].isna() | df["in_force_latest"].isna() | (df["signed_earliest"] <= df["in_force_latest"])
    first = df["in_force_earliest"].fillna(df["signed_earliest"])
    return ok & (first.isna() | df["dissolved_latest"].isna() | (first <= df["dissolved_latest"]))


RULES = [dates_in_order]
