"""Claims: the events and metrics a claim points to exist."""

from __future__ import annotations

from coldwar_relations.rules.base import ids_exist

RULES = [
    ids_exist("events-exist", "event_ids", "events", "event_id"),
    ids_exist("metrics-exist", "metric_ids", "crisis_metrics", "metric_id"),
]
