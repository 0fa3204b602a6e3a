"""The state machine of diplomatic relations between two states.

Statuses: none (no relations), recognized (recognition without diplomatic relations),
relations, severed (relations broken and not restored). Each event type either moves the
status, requires a status, or leaves it alone; an event may set the status explicitly
(relations_status_after) where its type alone does not say, e.g. an interests section
opened while relations stay severed. The ``relations`` table is built by replaying the
events of each pair with this module, and the validator uses it to reject impossible
sequences (relations severed that did not exist, restored that were never severed).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from coldwar_relations import edtf

STATUSES = ("none", "recognized", "relations", "severed")
# the relations table adds what no event or source covers: unknown, never a silent "none"
UNKNOWN = "unknown"
PANEL_STATUSES = (*STATUSES, UNKNOWN)
# a first event of these types shows that the pair had no relations before it
SHOWS_NONE_BEFORE = ("recognition", "relations_established")
# levels an event may state (events.representation_after) and relations carry
REPRESENTATION_LEVELS = ("embassy", "legation", "liaison_office", "interests_section", "consular")
# event type -> {status before: status after}; a status missing from the map is an error
TRANSITIONS: dict[str, dict[str, str]] = {
    "recognition": {"none": "recognized", "recognized": "recognized", "relations": "relations",
                    "severed": "severed"},
    "relations_established": {"none": "relations", "recognized": "relations", "severed": "relations"},
    "relations_severed": {"relations": "severed", "recognized": "severed"},
    "relations_restored": {"severed": "relations"},
    **{t: {"relations": "relations"} for t in ("relations_upgraded", "relations_downgraded",
                                               "ambassador_recalled", "embassy_opened")},
    "embassy_closed": {"relations": "relations", "severed": "severed"},  # a mission may close after a break
}


@dataclass(frozen=True)
class Step:
    event_id: str
    date: str
    event_type: str
    before: str
    after: str
    error: str | None


# on the same day, recognition comes before relations, relations before embassies, and
# a break last
SAME_DAY_ORDER = {"recognition": 0, "relations_established": 1, "relations_restored": 1, "relations_severed": 3}


def order(events: pd.DataFrame) -> pd.DataFrame:
    """Events in the order they happened as far as their precision tells: by the last day they
    can mean (a year-only event is placed at the end of its year), then the first day."""
    if {"date_earliest", "date_latest"} <= set(events.columns):  # a table from the loader
        earliest, latest = events["date_earliest"], events["date_latest"]
    else:
        earliest, latest = edtf.bounds(events["date"].astype("string"), errors="coerce")
    rank = events["event_type"].map(SAME_DAY_ORDER).fillna(2)
    return events.assign(_first=earliest, _last=latest, _rank=rank).sort_values(
        ["_last", "_first", "_rank", "event_id"])


def replay(events: pd.DataFrame, initial: str = "none") -> list[Step]:
    """Walk one pair's events (columns event_id, date, event_type, relations_status_after)."""
    return _walk(_records(order(events)), initial)


def replay_pairs(events: pd.DataFrame, actors: pd.DataFrame, pairs) -> dict[tuple[str, str], list[Step]]:
    """Replay every pair (country_a, country_b) at once: the events are ordered once and each
    pair takes its own from that order, which is what makes replaying 400 pairs cheap."""
    records = _records(order(events))
    involving: dict[str, set] = {}
    for event, country in zip(actors["event_id"], actors["country_id"]):
        involving.setdefault(country, set()).add(event)
    out = {}
    for a, b in pairs:
        both = involving.get(a, set()) & involving.get(b, set())
        out[(a, b)] = [r for r in records if r[0] in both]
    return out


def _records(ordered: pd.DataFrame) -> list[tuple]:
    explicit = ordered["relations_status_after"] if "relations_status_after" in ordered else [None] * len(ordered)
    return list(zip(ordered["event_id"], ordered["date"], ordered["event_type"], explicit))


def walk(records: list[tuple], initial: str = "none") -> list[Step]:
    """The steps of one pair's ordered records, as ``replay_pairs`` gives them."""
    return _walk(records, initial)


def _walk(records: list[tuple], initial: str) -> list[Step]:
    status, steps = initial, []
    for event_id, date, kind, explicit in records:
        if isinstance(explicit, str) and explicit:
            steps.append(Step(event_id, date, kind, status, explicit, None))
            status = explicit
            continue
        moves = TRANSITIONS.get(kind)
        if moves is None:
            steps.append(Step(event_id, date, kind, status, status, None))
        elif status in moves:
            steps.append(Step(event_id, date, kind, status, moves[status], None))
            status = moves[status]
        else:
            allowed = ", ".join(sorted(moves))
            steps.append(Step(event_id, date, kind, status, status,
                              f"{kind} is impossible when the pair's status is '{status}' "
                              f"(allowed from: {allowed})"))
    return steps


def pair_events(events: pd.DataFrame, actors: pd.DataFrame, a: str, b: str) -> pd.DataFrame:
    """The events in which both a and b take part."""
    with_a = set(actors.loc[actors["country_id"] == a, "event_id"])
    with_b = set(actors.loc[actors["country_id"] == b, "event_id"])
    return events[events["event_id"].isin(with_a & with_b)]
