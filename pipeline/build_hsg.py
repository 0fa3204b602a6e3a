"""U.S. chiefs of mission and official visits from the Office of the Historian's records.

The parsing is in ``pipeline/hsg`` (one module per upstream record); these steps give the
tables their package form: the rank a title stands for, the order of the dates checked, and
the sources cited.
"""

from __future__ import annotations

import pandas as pd

from coldwar_relations import edtf, representation
from coldwar_relations.rules.base import existed_between
from pipeline.hsg import chiefs, recognition, visits
from pipeline.reference import reference_dir
from pipeline.steps import step

TITLE_WORDS = {"ambassador": ("ambassador",), "minister": ("minister", "envoy"), "charge": ("charg",)}


def rank(title: str) -> str:
    """The level of representation a role title stands for (representation.RANKS)."""
    lowered = (title or "").lower()
    return next((name for name in representation.RANKS if any(w in lowered for w in TITLE_WORDS.get(name, ()))),
                "other")


def date_order_note(frame: pd.DataFrame) -> pd.Series:
    """Where appointed <= credentials <= ended fails (within the dates' precision), say which."""
    bounds = {c: edtf.bounds(frame[c].replace("", None).astype("string"), errors="coerce")
              for c in ("appointed_date", "credentials_date", "ended_date")}
    notes = pd.Series("", index=frame.index)
    for first, then in (("appointed_date", "credentials_date"), ("credentials_date", "ended_date"),
                        ("appointed_date", "ended_date")):
        late = (bounds[first][0] > bounds[then][1]).fillna(False)
        notes[late] += f"{first} is after {then} in the record. "
    return notes.str.strip()


def principal_overlaps(frame: pd.DataFrame) -> pd.Series:
    """Where an ambassador's or minister's mission overlaps the previous one at the same post in
    the record (at the dates' precision), say with whom: flagged, not dropped."""
    start, end = representation.mission_start(frame), representation.mission_end(frame, latest=False)
    principal = (frame["record_list"] == "chiefs") & frame["rank"].isin(representation.PRINCIPAL) & (
        frame["country_id"] != "") & start.notna()
    notes = pd.Series("", index=frame.index)
    for _, group in frame[principal].assign(_start=start, _end=end).sort_values("_start").groupby("country_id"):
        last_end, last_name = None, None
        for i, row in group.iterrows():
            if last_end is not None and row["_start"] < last_end:
                notes[i] = (f"In the record this mission begins before {last_name}'s ended "
                            f"({last_end:%Y-%m-%d}).")
            if pd.notna(row["_end"]) and (last_end is None or row["_end"] > last_end):
                last_end, last_name = row["_end"], row["person_name"]
    return notes


def membership_exception(countries: pd.Series, earliest: pd.Series, latest: pd.Series,
                         spells: pd.DataFrame) -> pd.Series:
    """Say where a row's state was not a COW or GW member at any time between the two dates
    (a legation before independence, a consul in a protectorate): flagged, not dropped. The
    test is the one the rules apply (rules.base.existed_between)."""
    typed = spells.assign(start_date=pd.to_datetime(spells["start_date"]).astype("datetime64[s]"),
                          end_date=pd.to_datetime(spells["end_date"].replace("", None)).astype("datetime64[s]"))
    existed = existed_between(typed)
    first = typed.groupby("country_id")["start_date"].min()
    notes = []
    for country, lo, hi in zip(countries, earliest, latest):
        if not country or pd.isna(lo) or existed(country, lo, hi):
            notes.append("")
            continue
        when = f"{lo:%Y-%m-%d}" if lo == hi else f"{lo:%Y-%m-%d}/{hi:%Y-%m-%d}"
        since = f" (first member from {first[country]:%Y-%m-%d})" if country in first.index else ""
        notes.append(f"{country} was not a member of the COW or GW state lists on {when}{since}.")
    return pd.Series(notes, index=countries.index)


@step("chiefs_of_mission")
def _chiefs_step(ctx):
    frame = chiefs.chiefs_of_mission(reference_dir(ctx.ref)).copy()
    frame["record_seq"] = frame["record_seq"].astype(int)
    frame["rank"] = frame["role_title"].map(rank)
    frame["date_order_note"] = date_order_note(frame)
    frame["overlap_note"] = principal_overlaps(frame)
    lo, hi = edtf.bounds(frame["mapping_date"].replace("", None).astype("string"), errors="coerce")
    frame["membership_exception"] = membership_exception(frame["country_id"], lo, hi, ctx.table("state_memberships"))
    frame["source_ids"] = "hsg-pocom"
    return frame.sort_values(["hsg_territory_id", "record_seq"]).reset_index(drop=True)


@step("official_visits")
def _visits_step(ctx):
    frame = visits.official_visits(reference_dir(ctx.ref)).copy()
    frame = frame.rename(columns={"source": "record"})
    frame["visit_id"] = frame["record"] + "-" + frame["visit_id"]
    # a few upstream names keep the hyphen of a broken title ("President-Elect" -> "-Elect ..."):
    # the name is kept without it (visitor_as_given keeps the record's words)
    frame["traveller"] = frame["traveller"].str.lstrip("- ")
    start = pd.to_datetime(frame["start_date"]).astype("datetime64[s]")
    end = pd.to_datetime(frame["end_date"].replace("", None)).astype("datetime64[s]").fillna(start)
    frame["membership_exception"] = membership_exception(frame["country_id"], start, end,
                                                         ctx.table("state_memberships"))
    frame["source_ids"] = frame["record"].map({"president-travels": "hsg-travels", "secretary-travels": "hsg-travels",
                                               "visits": "hsg-visits"})
    return frame.sort_values(["start_date", "visit_id"]).reset_index(drop=True)


def _pair_of(event_actors: pd.DataFrame) -> dict[str, frozenset]:
    return event_actors.groupby("event_id")["country_id"].agg(frozenset).to_dict()


def match_curated(frame: pd.DataFrame, events: pd.DataFrame, event_actors: pd.DataFrame) -> pd.DataFrame:
    """Link each Historian event to the curated event of the same pair and type: the same date
    (the same fact, kept once: matches_event_id) or another date (a disagreement: both kept)."""
    pairs = _pair_of(event_actors)
    curated = events.assign(pair=events["event_id"].map(pairs))
    by_key = {}
    for e in curated.itertuples():
        by_key.setdefault((e.pair, e.event_type), []).append(e)
    same, other = [], []
    for r in frame.itertuples():
        found = by_key.get((frozenset({"USA", r.country_id}), r.event_type), [])
        hit = next((e.event_id for e in found if r.date in (e.date, e.alt_date)), "")
        same.append(hit)
        other.append("" if hit or not found else "; ".join(f"{e.event_id} ({e.date})" for e in found))
    return frame.assign(matches_event_id=same, disagrees_with=other)


# a mission reopened or raised while relations stand broken shows that they were resumed
RESUMING = ("embassy_opened", "relations_upgraded")


def sequence(frame: pd.DataFrame, events: pd.DataFrame, event_actors: pd.DataFrame,
             pairs: pd.DataFrame) -> pd.DataFrame:
    """Replay each U.S. pair's Historian events through the relations state machine. A mission
    reopened while relations are severed resumes them (relations_status_after "relations", said in
    sequence_note); any other event the machine cannot apply ("established" while relations exist,
    a legation raised twice...) is kept, says why, and the relations table leaves it out. Pairs whose
    relations come from curated events keep those. Each pair starts from its status in ``pairs``
    (relations with Colombia, say, that predate 1917)."""
    from coldwar_relations import relations

    notes = pd.Series("", index=frame.index)
    after = pd.Series("", index=frame.index)
    applied = pd.Series(False, index=frame.index)
    usable = frame[(frame["country_id"] != "") & (frame["matches_event_id"] == "")]
    us = pairs[pairs["country_a"] == "USA"]
    initial = dict(zip(us["country_b"], us["initial_status"]))
    for country, own in usable.groupby("country_id"):
        curated = relations.pair_events(events, event_actors, "USA", country)
        if curated["event_type"].isin(list(relations.TRANSITIONS)).any():
            notes[own.index] = ("not applied to relations: the pair's relations come from its curated events "
                                "(see matches_event_id and disagrees_with)")
            continue
        applied[own.index] = True
        rows = own.assign(relations_status_after="")[["event_id", "date", "event_type", "relations_status_after"]]
        rejected: set[str] = set()
        while True:
            steps = relations.replay(rows[~rows["event_id"].isin(rejected)], initial.get(country) or "none")
            bad = next((s for s in steps if s.error), None)
            if bad is None:
                break
            where = own.index[own["event_id"] == bad.event_id]
            if bad.event_type in RESUMING and bad.before == "severed":
                rows.loc[rows["event_id"] == bad.event_id, "relations_status_after"] = "relations"
                after[where] = "relations"
                notes[where] = "applied as the resumption of relations: a mission reopened after the break"
                continue
            rejected.add(bad.event_id)
            applied[where] = False
            notes[where] = f"not applied to relations: {bad.error}"
    return frame.assign(applied_to_relations=applied, sequence_note=notes, relations_status_after=after)


@step("us_recognition_events")
def _recognition_step(ctx):
    frame = recognition.recognition_events(reference_dir(ctx.ref)).copy()
    frame["event_id"] = "hsg-" + frame["entry"].str.replace("#", "-", regex=False) + "-" + frame.groupby(
        "entry").cumcount().add(1).astype(str)
    events, actors = ctx.table("events"), ctx.table("event_actors")
    frame = match_curated(frame, events, actors)
    frame = sequence(frame, events, actors, ctx.table("pairs"))
    frame["source_ids"] = "hsg-rdcr"
    return frame.sort_values(["country_id", "date", "event_id"]).reset_index(drop=True)
