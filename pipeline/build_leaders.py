"""Leader spells from Archigos 4.1, amended where Archigos stops (2015-12-31).

Included: every Archigos 4.1 spell (1875-2015), with Archigos' ids and dates. Archigos
closes spells still running at the end of its coverage on 2015-12-31 with exit "Still in
Office"; that is censoring, not an end, so such spells are written open (empty end date,
``is_open`` true, ``observed_until`` 2015-12-31) unless ``curated/leader_updates.csv``
gives the real end or confirms the leader is still in office, with a cited source. The same
file corrects a spell Archigos ends by mistake (``correct_open``: King Salman, recorded as
leaving office at the end of Archigos' coverage) and adds the spells after 2015.
"""

from __future__ import annotations

import pandas as pd

from pipeline import reference
from pipeline.csvio import read_table
from pipeline.paths import CURATED
from pipeline.steps import step
from coldwar_relations.rules.leaders import MEMBERSHIP_TOLERANCE_DAYS

ARCHIGOS_END = "2015-12-31"
CENSORED_EXIT = "Still in Office"
SOURCE = "archigos-4.1"


def _archigos(ref) -> pd.DataFrame:
    a = reference.read("archigos", ref)
    a["gw_code"] = a["gwcode"].astype(int)
    censored = a.exit == CENSORED_EXIT  # at 2015-12-31, or at 2014-12-31 for three spells
    return pd.DataFrame({
        "leader_spell_id": a.obsid,
        "gw_code": a.gw_code,
        "leader": a.leader,
        "archigos_obsid": a.obsid,
        "archigos_leadid": a.leadid,
        "start_date": a.startdate,
        "end_date": a.enddate.where(~censored, ""),
        "is_open": censored,
        "observed_until": a.enddate.where(censored, ""),
        "entry": a.entry,
        "exit": a.exit.where(~censored, ""),
        "exitcode": a.exitcode.where(~censored, ""),
        "gender": a.gender,
        "birth_year": a.yrborn,
        "shared_spell": False,
        "membership_exception": "",
        "note": "",
        "source_ids": SOURCE,
    })


def _apply_updates(leaders: pd.DataFrame) -> pd.DataFrame:
    """Close or confirm censored Archigos spells and append later spells, each with sources."""
    updates = read_table(CURATED / "leader_updates.csv")
    leaders = leaders.set_index("leader_spell_id")
    added = []
    for u in updates.itertuples():
        if u.action in ("close", "confirm_open"):
            row = leaders.loc[u.archigos_obsid]
            if not row.is_open:
                raise ValueError(f"{u.archigos_obsid} is not an open Archigos spell")
            closing = u.action == "close"
            leaders.loc[u.archigos_obsid, [
                "end_date", "is_open", "observed_until", "exit", "exitcode", "note", "source_ids",
            ]] = [
                u.end_date if closing else "",
                not closing,
                "" if closing else u.observed_until,
                u.exit if closing else "",
                u.exitcode if closing else "",
                f"Archigos 4.1 ends its coverage on {ARCHIGOS_END} ('{CENSORED_EXIT}'). {u.note}".strip(),
                f"{SOURCE};{u.source_ids}",
            ]
        elif u.action == "correct_open":
            row = leaders.loc[u.archigos_obsid]
            if row.is_open:
                raise ValueError(f"{u.archigos_obsid} is already open")
            leaders.loc[u.archigos_obsid, [
                "end_date", "is_open", "observed_until", "exit", "exitcode", "note", "source_ids",
            ]] = [
                "", True, u.observed_until, "", "",
                f"Corrected: Archigos 4.1 ends this spell on {row.end_date} (exit '{row.exit}', "
                f"'{row.exitcode}'), but the leader was still in office. {u.note}".strip(),
                f"{SOURCE};{u.source_ids}",
            ]
        elif u.action == "add":
            is_open = u.end_date == ""
            added.append({
                "leader_spell_id": u.leader_spell_id,
                "gw_code": int(u.gw_code),
                "leader": u.leader,
                "archigos_obsid": "",
                "archigos_leadid": u.archigos_leadid,
                "start_date": u.start_date,
                "end_date": u.end_date,
                "is_open": is_open,
                "observed_until": u.observed_until if is_open else "",
                "entry": u.entry,
                "exit": u.exit,
                "exitcode": u.exitcode,
                "gender": u.gender,
                "birth_year": u.birth_year,
                "shared_spell": False,
                "membership_exception": "",
                "note": u.note,
                "source_ids": u.source_ids,
            })
        else:
            raise ValueError(f"unknown action {u.action!r} in leader_updates.csv")
    leaders = leaders.reset_index()
    return pd.concat([leaders, pd.DataFrame(added)], ignore_index=True) if added else leaders


def _membership_exceptions(leaders: pd.DataFrame, memberships: pd.DataFrame) -> pd.Series:
    """Say where (and by how much) a spell lies outside its state's GW membership."""
    gw = memberships[memberships.system == "gw"]
    tolerance = pd.Timedelta(days=MEMBERSHIP_TOLERANCE_DAYS)
    notes = []
    for r in leaders.itertuples():
        start = pd.Timestamp(r.start_date)
        end = pd.Timestamp(r.end_date or r.observed_until)
        best = None
        for m in gw[gw.code == r.gw_code].itertuples():
            m_end = pd.Timestamp(m.end_date or m.observed_until)
            before = max(pd.Timedelta(0), pd.Timestamp(m.start_date) - start)
            after = max(pd.Timedelta(0), end - m_end) if m.end_date else pd.Timedelta(0)
            if best is None or before + after < best[0] + best[1]:
                best = (before, after)
        if best is None:
            notes.append("Gleditsch-Ward lists no state with this code.")
        elif best[0] > tolerance or best[1] > tolerance:
            parts = []
            if best[0] > tolerance:
                parts.append(f"starts {best[0].days} days before")
            if best[1] > tolerance:
                parts.append(f"ends {best[1].days} days after")
            notes.append(
                "Archigos 4.1 records this leader while Gleditsch-Ward does not list the state "
                f"as independent: the spell {' and '.join(parts)} its GW membership spell."
            )
        else:
            notes.append("")
    return pd.Series(notes, index=leaders.index)


def leaders(memberships: pd.DataFrame, ref=None) -> pd.DataFrame:
    frame = _apply_updates(_archigos(ref))
    ids = memberships.drop_duplicates("code").set_index("code")["country_id"]
    frame.insert(1, "country_id", frame["gw_code"].map(ids))
    if frame["country_id"].isna().any():
        raise ValueError("a leader's gw_code matches no state")
    frame["membership_exception"] = _membership_exceptions(frame, memberships)
    frame["birth_year"] = pd.to_numeric(frame["birth_year"]).astype("Int64")
    return frame.sort_values(["gw_code", "start_date", "leader_spell_id"]).reset_index(drop=True)


@step("leaders")
def _leaders_step(ctx):
    return leaders(ctx.table("state_memberships"), ctx.ref)
