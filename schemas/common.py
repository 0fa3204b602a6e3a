"""Columns every fact table shares."""

from __future__ import annotations

import pandera.pandas as pa

from .rules import source_ids_exist, text_columns


def fact_columns(tables, resource) -> dict[str, pa.Column]:
    columns = text_columns(resource)
    known = set(tables["sources"]["source_id"].dropna())
    columns["source_ids"] = pa.Column(checks=[*columns["source_ids"].checks, source_ids_exist(known)],
                                      nullable=True, required=False)
    return columns
