"""Sources: each must be findable (a URL or a citation)."""

from __future__ import annotations

from coldwar_relations.rules.base import row_rule


@row_rule("source-findable", ["url", "citation"], "a source needs a url or a citation so that a reader can find it")
def findable(df, tables):
    return df["url"].notna() | df["citation"].notna()


RULES = [findable]
