"""U.S. chiefs of mission, one row per upstream record (pocom ``missions-countries``).

Why: appointments, presentation of credentials and departures date the level and
continuity of U.S. representation in each state. Nothing is dropped: the 393
``other-nominees`` records (nominated, not serving) are kept and flagged in
``record_list``; three chief ids occur twice upstream, so the key is
(``hsg_territory_id``, ``record_seq``) and ``id_note`` flags them; records whose state cannot be named keep an empty ``country_id``
and say why in ``mapping_note``. The country is read on ``mapping_date``: the appointment date,
else credentials, arrival, end, else the year in the record id.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from pipeline.hsg.common import HSG_URL, first_date, frame, hsg_dir, iso_date, norm, parse
from pipeline.hsg.crosswalk import map_or_note

COLUMNS = [
    "chief_id", "id_note", "record_list", "record_seq", "person_id", "person_name", "role_title_id", "role_title",
    "hsg_territory_id", "contemporary_territory_id", "country_id", "mapping_date", "mapping_note",
    "appointed_date", "appointed_note", "arrived_date", "arrived_note",
    "credentials_date", "credentials_note", "ended_date", "ended_note", "note",
    "concurrent", "concurrent_group", "concurrent_resident_at", "url", "person_url",
]


def people(ref: Path | str | None = None) -> dict[str, str]:
    """person id -> display name ('Forename Surname, Jr.')."""
    names = {}
    for path in (hsg_dir(ref) / "pocom" / "people").glob("*/*.xml"):
        tree = parse(path)
        name = " ".join(filter(None, (norm(tree.findtext("persName/forename")),
                                      norm(tree.findtext("persName/surname")))))
        gen = norm(tree.findtext("persName/genName"))
        names[norm(tree.findtext("id"))] = f"{name}, {gen}" if gen else name
    return names


def role_labels(ref: Path | str | None = None) -> dict[str, str]:
    """role-title id -> singular label (``ambassador-e-p`` -> 'Ambassador Extraordinary ...')."""
    trees = [parse(p) for p in (hsg_dir(ref) / "pocom" / "roles-country-chiefs").glob("*.xml")]
    return {norm(t.findtext("id")): norm(t.findtext("names/singular")) for t in trees}


def concurrent_appointments(ref: Path | str | None = None) -> dict[str, dict]:
    """chief id -> its concurrent-appointment group (id, the other chief ids, residence)."""
    out = {}
    for path in (hsg_dir(ref) / "pocom" / "concurrent-appointments").glob("*.xml"):
        tree = parse(path)
        ids = [norm(t) for t in tree.xpath("chief-id/text()")]
        resident = ", ".join(filter(None, (norm(tree.findtext("resident-at/locale-id")),
                                           norm(tree.findtext("resident-at/contemporary-territory-id")))))
        for cid in ids:
            out[cid] = {"group": norm(tree.findtext("id")), "resident": resident,
                        "others": ";".join(i for i in ids if i != cid)}
    return out


def _id_year(chief_id: str) -> str:
    """The year in a record id (``ru-1952-kenn-01`` -> '1952'), the last resort to date a mapping."""
    match = re.match(r"^[a-z]+-(\d{4})-", chief_id)
    return match.group(1) if match else ""


def _event(chief, name: str) -> tuple[str, str]:
    return iso_date(chief.findtext(f"{name}/date")), norm(chief.findtext(f"{name}/note"))


def chiefs_of_mission(ref: Path | str | None = None) -> pd.DataFrame:
    """Every chief-of-mission record (chiefs and other nominees) as a row."""
    names, roles, conc = people(ref), role_labels(ref), concurrent_appointments(ref)
    rows = []
    for path in sorted((hsg_dir(ref) / "pocom" / "missions-countries").glob("*.xml")):
        tree = parse(path)
        territory = norm(tree.findtext("territory-id"))
        records = tree.xpath("/country-mission/chiefs/chief | /country-mission/other-nominees/chief")
        for seq, chief in enumerate(records, 1):
            cid, pid, role = (norm(chief.findtext(t)) for t in ("id", "person-id", "role-title-id"))
            (appointed, a_note), (arrived, r_note) = _event(chief, "appointed"), _event(chief, "arrived")
            (started, s_note), (ended, e_note) = _event(chief, "started"), _event(chief, "ended")
            on = first_date(appointed, started, arrived, ended, _id_year(cid))
            country, why = map_or_note(territory, on, "missions", cid)
            group = conc.get(cid, {})
            rows.append({
                "chief_id": cid, "id_note": "", "record_list": chief.getparent().tag,
                "record_seq": str(seq),
                "person_id": pid, "person_name": names.get(pid, ""),
                "role_title_id": role, "role_title": roles.get(role, ""),
                "hsg_territory_id": territory,
                "contemporary_territory_id": norm(chief.findtext("contemporary-territory-id")),
                "country_id": country, "mapping_date": on, "mapping_note": why,
                "appointed_date": appointed, "appointed_note": a_note,
                "arrived_date": arrived, "arrived_note": r_note,
                "credentials_date": started, "credentials_note": s_note,
                "ended_date": ended, "ended_note": e_note, "note": norm(chief.findtext("note")),
                "concurrent": group.get("others", ""), "concurrent_group": group.get("group", ""),
                "concurrent_resident_at": group.get("resident", ""),
                "url": f"{HSG_URL}/departmenthistory/people/chiefsofmission/{territory}",
                "person_url": f"{HSG_URL}/departmenthistory/people/{pid}",
            })
    repeated = pd.Series([r["chief_id"] for r in rows]).duplicated(keep=False)
    for row, dup in zip(rows, repeated):
        row["id_note"] = "chief id repeated upstream; key is (hsg_territory_id, record_seq)" if dup else ""
    return frame(rows, COLUMNS)


def mission_notes(ref: Path | str | None = None) -> pd.DataFrame:
    """The per-mission notes (``mission-note``), kept so no upstream text is lost."""
    rows = []
    for path in sorted((hsg_dir(ref) / "pocom" / "missions-countries").glob("*.xml")):
        tree = parse(path)
        territory = norm(tree.findtext("territory-id"))
        rows += [{"hsg_territory_id": territory, "text": norm(n.findtext("text"))}
                 for n in tree.xpath("//mission-note")]
    return frame(rows, ["hsg_territory_id", "text"])
