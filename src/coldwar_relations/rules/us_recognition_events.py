"""Historian events: a named state or a reason, and the state existed (or the event predates it)."""

from __future__ import annotations

from coldwar_relations.rules.base import row_rule


@row_rule("recognition-country-named-or-explained", ["country_id", "mapping_note"],
          "an event without a country_id says why in mapping_note")
def country_named(df, tables):
    return df["country_id"].notna() | df["mapping_note"].notna()


RULES = [country_named]
