"""Pairs: a starting status other than none cites its sources."""

from __future__ import annotations

from coldwar_relations.rules.base import row_rule


@row_rule("initial-status-sourced", ["initial_status", "source_ids"], "a starting status other than none needs source_ids")
def initial_status_sourced(df, tables):
    return (df["initial_status"] == "none").fillna(False) | df["source_ids"].notna()


RULES = [initial_status_sourced]
