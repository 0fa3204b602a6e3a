"""Sources: each must be findable (a URL or a citation)."""

from __future__ import annotations

import pandera.pandas as pa

from .rules import Rule, text_columns


def schema(tables, resource) -> pa.DataFrameSchema:
    findable = Rule("source-findable", ["url", "citation"],
                    "a source needs a url or a citation so that a reader can find it",
                    lambda df: df["url"].notna() | df["citation"].notna())
    return pa.DataFrameSchema(text_columns(resource), checks=[findable.check()], name="sources")
