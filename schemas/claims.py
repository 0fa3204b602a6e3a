"""Claims: the events and metrics a claim points to exist."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

from .common import fact_columns
from .rules import Rule


def _all_exist(column: str, known: set[str]):
    return lambda df: df[column].map(lambda v: pd.isna(v) or all(i in known for i in str(v).split(";"))).astype(bool)


def schema(tables, resource) -> pa.DataFrameSchema:
    rules = [
        Rule("events-exist", ["event_ids"], "every id in event_ids must be an event_id in events",
             _all_exist("event_ids", set(tables["events"]["event_id"]))),
        Rule("metrics-exist", ["metric_ids"], "every id in metric_ids must be a metric_id in crisis_metrics",
             _all_exist("metric_ids", set(tables["crisis_metrics"]["metric_id"]))),
    ]
    return pa.DataFrameSchema(fact_columns(tables, resource), checks=[r.check() for r in rules], name="claims")
