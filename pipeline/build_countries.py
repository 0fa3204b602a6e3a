"""Countries, system-membership spells and major-power spells from COW v2016 and GW.

A country row stands for one state code: COW and Gleditsch-Ward give the same number to
the same state, and where only one system knows a code the other columns stay empty.
Where the two systems disagree (dates, names, or which code a state continues under)
both versions are kept in ``state_memberships`` and the row says so.
"""

from __future__ import annotations

import pandas as pd

from coldwar_relations.scope import CORE_END, CORE_START
from pipeline import reference
from pipeline.csvio import read_table
from pipeline.paths import CURATED
from pipeline.steps import step

COW_OBSERVED_UNTIL = "2016-12-31"  # COW v2016: an end on this day means "still a member"
GW_OBSERVED_UNTIL = "2017-12-31"  # GW 2017 update: likewise
SOURCE = {"cow": "cow-states-2016", "gw": "gw-states-2017", "major": "cow-majors-2016"}


def _spell(system: str, code: str, abb: str, name: str, start: str, end: str, until: str) -> dict:
    is_open = end == until
    return {
        "system": system,
        "code": int(code),
        "abb": abb,
        "name": name,
        "start_date": start,
        "end_date": "" if is_open else end,
        "is_open": is_open,
        "observed_until": until if is_open else "",
        "source_ids": SOURCE[system],
    }


def memberships(ref=None) -> pd.DataFrame:
    cow = reference.read("cow_states", ref)
    gw = reference.read("gw_states", ref)
    rows = [
        _spell(
            "cow", r.ccode, r.stateabb, r.statenme,
            reference.ymd(r.styear, r.stmonth, r.stday),
            reference.ymd(r.endyear, r.endmonth, r.endday), COW_OBSERVED_UNTIL,
        )
        for r in cow.itertuples()
    ] + [
        _spell("gw", r.gwcode, r.stateabb, r.statename, r.startdate, r.enddate, GW_OBSERVED_UNTIL)
        for r in gw.itertuples()
    ]
    frame = pd.DataFrame(rows)
    ids = country_ids(frame)
    frame.insert(2, "country_id", frame["code"].map(ids))
    return frame.sort_values(["system", "code", "start_date"]).reset_index(drop=True)


def country_ids(spells: pd.DataFrame) -> dict[int, str]:
    """COW abbreviation where COW knows the code, else the GW abbreviation."""
    first = spells.sort_values(["system", "start_date"]).drop_duplicates(["system", "code"])
    by_system = {s: dict(zip(g["code"], g["abb"])) for s, g in first.groupby("system")}
    codes = sorted(set(spells["code"]))
    ids = {c: by_system["cow"].get(c) or by_system["gw"][c] for c in codes}
    if len(set(ids.values())) != len(ids):
        raise ValueError("country ids are not unique across COW and GW codes")
    return ids


def _agreement(spells: pd.DataFrame) -> str:
    systems = set(spells["system"])
    if systems == {"cow"}:
        return "cow_only"
    if systems == {"gw"}:
        return "gw_only"
    key = ["start_date", "end_date"]
    cow = spells[spells.system == "cow"][key].to_records(index=False).tolist()
    gw = spells[spells.system == "gw"][key].to_records(index=False).tolist()
    return "same_dates" if sorted(cow) == sorted(gw) else "dates_differ"


def _overlaps_core(spells: pd.DataFrame) -> bool:
    ends = spells["end_date"].where(spells["end_date"] != "", "9999-12-31")
    return bool(((spells["start_date"] <= CORE_END) & (ends >= CORE_START)).any())


def icb_codes(ref=None) -> set[int]:
    """State codes ICB uses for crisis actors and triggering entities."""
    actors = reference.read("icb2", ref)["cracid"]
    triggers = reference.read("icb1", ref)["trigent"]
    triggers = triggers[(triggers != "") & ~triggers.isin({"995", "996", "997"})]
    return {int(c) for c in pd.concat([actors, triggers])}


def _icb_only(codes: set[int], known: set[int]) -> pd.DataFrame:
    """States that ICB uses but neither COW nor GW lists, named from the ICB codebook."""
    listed = read_table(CURATED / "icb_states.csv")
    listed["code"] = listed["code"].astype(int)
    missing = codes - known - set(listed["code"])
    if missing:
        raise ValueError(f"ICB state codes {sorted(missing)} need a row in curated/icb_states.csv")
    return listed[listed["code"].isin(codes - known)]


def countries(spells: pd.DataFrame, used_by_icb: set[int]) -> pd.DataFrame:
    iso = read_table(CURATED / "iso3166.csv").set_index("country_id")
    notes = read_table(CURATED / "cow_gw_notes.csv").set_index("country_id")["note"]
    rows = []
    for code, group in spells.groupby("code", sort=True):
        cow = group[group.system == "cow"]
        gw = group[group.system == "gw"]
        cid = group["country_id"].iloc[0]
        iso_row = iso.loc[cid]
        sources = [SOURCE[s] for s in ("cow", "gw") if s in set(group.system)]
        if iso_row.iso_alpha3 or iso_row.iso_alpha3_former:
            sources.append("iso-3166")
        note = " ".join(n for n in (notes.get(cid, ""), iso_row.note) if n)
        rows.append({
            "country_id": cid,
            "name": (cow if len(cow) else gw)["name"].iloc[-1],
            "cow_code": code if len(cow) else None,
            "cow_abb": cow["abb"].iloc[0] if len(cow) else "",
            "gw_code": code if len(gw) else None,
            "gw_abb": gw["abb"].iloc[0] if len(gw) else "",
            "gw_name": gw["name"].iloc[0] if len(gw) else "",
            "icb_code": code if code in used_by_icb else None,
            "iso_alpha3": iso_row.iso_alpha3,
            "iso_alpha3_former": iso_row.iso_alpha3_former,
            "in_core_period": _overlaps_core(group),
            "cow_gw_agreement": _agreement(group),
            "note": note,
            "source_ids": ";".join(sources),
        })
    missing = set(iso.index) ^ {r["country_id"] for r in rows}
    if missing:
        raise ValueError(f"iso3166.csv and the state lists disagree on: {sorted(missing)}")
    for extra in _icb_only(used_by_icb, set(spells["code"])).itertuples():
        rows.append({
            "country_id": extra.abb, "name": extra.name, "cow_code": None, "cow_abb": "", "gw_code": None,
            "gw_abb": "", "gw_name": "", "icb_code": extra.code, "iso_alpha3": "", "iso_alpha3_former": "",
            "in_core_period": False, "cow_gw_agreement": "icb_only", "note": extra.note,
            "source_ids": extra.source_ids,
        })
    frame = pd.DataFrame(rows)
    for column in ("cow_code", "gw_code", "icb_code"):
        frame[column] = frame[column].astype("Int64")
    return frame


def major_powers(spells: pd.DataFrame, ref=None) -> pd.DataFrame:
    majors = reference.read("cow_majors", ref)
    ids = country_ids(spells)
    rows = []
    for r in majors.itertuples():
        end = reference.ymd(r.endyear, r.endmonth, r.endday)
        is_open = end == COW_OBSERVED_UNTIL
        rows.append({
            "country_id": ids[int(r.ccode)],
            "cow_code": int(r.ccode),
            "start_date": reference.ymd(r.styear, r.stmonth, r.stday),
            "end_date": "" if is_open else end,
            "is_open": is_open,
            "observed_until": COW_OBSERVED_UNTIL if is_open else "",
            "source_ids": SOURCE["major"],
        })
    return pd.DataFrame(rows).sort_values(["cow_code", "start_date"]).reset_index(drop=True)


@step("state_memberships")
def _memberships_step(ctx):
    return memberships(ctx.ref)


@step("countries")
def _countries_step(ctx):
    return countries(ctx.table("state_memberships"), icb_codes(ctx.ref))


@step("major_powers")
def _major_powers_step(ctx):
    return major_powers(ctx.table("state_memberships"), ctx.ref)
