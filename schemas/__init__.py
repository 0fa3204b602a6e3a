"""Pandera schemas for the rules Table Schema cannot express.

Frictionless checks each cell and the keys; these schemas check rows against other rows
and other tables: spells that must not overlap, a leader inside the state's existence,
source ids that must exist, text that must not start a spreadsheet formula. Each table's
module exposes ``schema(tables)``, built from the other tables it refers to.
"""

from __future__ import annotations

from . import (claims, countries, crises, crisis_actors, crisis_metrics, event_actors, events, icb_corrections, leaders,
               major_powers, pairs, relations, sources, state_memberships)
from .rules import ROW_RULES, RULE_TEXT, Rule

SCHEMAS = {
    "sources": sources.schema,
    "countries": countries.schema,
    "state_memberships": state_memberships.schema,
    "major_powers": major_powers.schema,
    "leaders": leaders.schema,
    "crises": crises.schema,
    "crisis_actors": crisis_actors.schema,
    "icb_corrections": icb_corrections.schema,
    "crisis_metrics": crisis_metrics.schema,
    "pairs": pairs.schema,
    "events": events.schema,
    "event_actors": event_actors.schema,
    "relations": relations.schema,
    "claims": claims.schema,
}

__all__ = ["SCHEMAS", "RULE_TEXT", "ROW_RULES", "Rule"]
