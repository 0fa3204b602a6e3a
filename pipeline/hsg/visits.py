"""Official visits both ways: president and secretary of state abroad, foreign leaders to the U.S.

Why: summits and high-level visits are dated, sourced indicators of the state of
a relation. One row per upstream trip or visit, nothing dropped; the country is
read on the start date and an empty ``country_id`` says why in ``mapping_note``.
Trip and visit ids are unique within each source only: (``source``, ``visit_id``)
is the key.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from pipeline.hsg.common import HSG_URL, frame, hsg_dir, iso_date, norm, parse
from pipeline.hsg.crosswalk import map_or_note

COLUMNS = [
    "source", "visit_id", "direction", "traveller", "role", "visitor_as_given",
    "hsg_country_id", "hsg_country_label", "country_id", "mapping_note",
    "start_date", "end_date", "places", "remarks", "url",
]
TRAVEL_ROLES = {"president": "president", "secretary": "secretary_of_state"}
# Titles that open the visitor string ("Prime Minister Liaquat Ali Khan"); longest first.
TITLES = sorted([
    "Prime Minister", "Acting Prime Minister", "Deputy Prime Minister", "First Deputy Prime Minister",
    "President", "Acting President", "Vice President", "President-elect", "Premier", "Vice Premier",
    "Chancellor", "King", "Queen", "Emperor", "Empress", "Crown Prince", "Crown Princess", "Prince",
    "Princess", "Grand Duke", "Grand Duchess", "Shah", "Amir", "Emir", "Sultan", "Sheikh", "Regent",
    "General Secretary", "Chairman", "Governor General", "Governor-General", "Foreign Minister",
    "Secretary General", "Taoiseach", "Pope", "Generalissimo", "General", "Marshal", "Field Marshal",
    "Chief of State", "Head of State", "Chief Executive", "Supreme Leader", "Archbishop", "Captain Regent",
    "Chief Minister", "Chancellor-elect", "Prime Minister-elect", "Prime Minister Designate",
    "Interim President", "Provisional President", "Interim Prime Minister", "First Secretary",
    "Brigadier General", "Lieutenant General", "Federal Chancellor", "Junta Member",
], key=len, reverse=True)
_TITLE = re.compile(r"^(%s)\b\s*(.*)$" % "|".join(re.escape(t) for t in TITLES))


def split_title(visitor: str) -> tuple[str, str]:
    """('Prime Minister', 'Liaquat Ali Khan'); ('', visitor) when no known title opens it."""
    match = _TITLE.match(visitor)
    return (match.group(1), match.group(2)) if match and match.group(2) else ("", visitor)


def _text(node) -> str:
    return norm("".join(node.itertext())) if node is not None else ""


def travels(ref: Path | str | None = None) -> list[dict]:
    """President and secretary of state trips abroad."""
    rows = []
    for kind in ("president", "secretary"):
        for path in sorted((hsg_dir(ref) / "travels" / f"{kind}-travels").glob("*.xml")):
            for trip in parse(path).xpath("//trip"):
                country = trip.find("country")
                cid, start = norm(country.get("id")), iso_date(trip.findtext("start-date"))
                mapped, why = map_or_note(cid, start, f"{kind}-travels")
                rows.append({
                    "source": f"{kind}-travels", "visit_id": norm(trip.findtext("id")),
                    "direction": "us_abroad", "traveller": norm(trip.findtext("name")),
                    "role": TRAVEL_ROLES[norm(trip.findtext("role")) or kind],
                    "visitor_as_given": "", "hsg_country_id": cid, "hsg_country_label": _text(country),
                    "country_id": mapped, "mapping_note": why, "start_date": start,
                    "end_date": iso_date(trip.findtext("end-date")),
                    "places": norm(trip.findtext("locale")), "remarks": _text(trip.find("remarks")),
                    "url": f"{HSG_URL}/departmenthistory/travels/{kind}/{cid}",
                })
    return rows


def leader_visits(ref: Path | str | None = None) -> list[dict]:
    """Foreign leaders' visits to the United States."""
    rows = []
    for path in sorted((hsg_dir(ref) / "visits" / "data").glob("*.xml")):
        for visit in parse(path).xpath("//visit"):
            origin, visitor = visit.find("from"), norm(visit.findtext("visitor"))
            cid, start = norm(origin.get("id")), iso_date(visit.findtext("start-date"))
            mapped, why = map_or_note(cid, start, "visits")
            title, name = split_title(visitor)
            rows.append({
                "source": "visits", "visit_id": norm(visit.findtext("id")), "direction": "to_us",
                "traveller": name, "role": title, "visitor_as_given": visitor,
                "hsg_country_id": cid, "hsg_country_label": _text(origin),
                "country_id": mapped, "mapping_note": why, "start_date": start,
                "end_date": iso_date(visit.findtext("end-date")), "places": "",
                "remarks": _text(visit.find("description")),
                "url": f"{HSG_URL}/departmenthistory/visits/{cid}",
            })
    return rows


def official_visits(ref: Path | str | None = None) -> pd.DataFrame:
    """All trips abroad and visits to the U.S., one row per upstream record."""
    return frame(travels(ref) + leader_visits(ref), COLUMNS)
