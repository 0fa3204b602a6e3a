"""Relations: one row per pair and year, matching the pair's countries."""

from __future__ import annotations

from coldwar_relations.rules.base import row_rule


@row_rule("pair-countries", ["pair_id", "country_a", "country_b"], "country_a and country_b must be the pair's countries",
          reads=("pairs",))
def pair_countries(df, tables):
    pairs = tables["pairs"].set_index("pair_id")
    return (df["country_a"] == df["pair_id"].map(pairs["country_a"])) & (
        df["country_b"] == df["pair_id"].map(pairs["country_b"]))


@row_rule("relations-sourced-unless-unknown", ["status", "source_ids", "note"],
          "a known status cites sources; an unknown one cites none and says why in note")
def sourced_unless_unknown(df, tables):
    unknown = (df["status"] == "unknown").fillna(False)
    return (unknown & df["source_ids"].isna() & df["note"].notna()) | (~unknown & df["source_ids"].notna())


@row_rule("relations-event-exists", ["event_id"],
          "event_id must be an event of events or of us_recognition_events", reads=("events", "us_recognition_events"))
def event_exists(df, tables):
    known = set(tables["events"]["event_id"]) | set(tables["us_recognition_events"]["event_id"])
    return df["event_id"].isna() | df["event_id"].isin(known)


RULES = [pair_countries, sourced_unless_unknown, event_exists]
