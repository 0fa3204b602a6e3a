"""history.state.gov territory ids -> ``country_id`` (COW-based), by date.

Why: hsg ids are the site's own territory ids, not states. One id can span
several states (``germany``: Prussia/Reich, occupation, Federal Republic, unified
Germany) or none (territories, organisations). The curated CSV says which state an
id means on a date; rows with an empty ``country_id`` document a gap (no state).

``source`` narrows a row: '' (any source), a source name (``missions``), or one
upstream record (``record:<chief id>``). Narrower rows win over wider ones.
Partial dates (``1952``, ``1952-03``) are placed at their first day.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

import pandas as pd

from pipeline.hsg.common import frame, hsg_dir, parse
from pipeline.paths import CURATED, DATA

CROSSWALK_CSV = CURATED / "hsg_crosswalk.csv"
EXCLUSIONS_CSV = CURATED / "hsg_exclusions.csv"
COUNTRIES_CSV = DATA / "countries.csv"
SOURCES = ("missions", "president-travels", "secretary-travels", "visits", "rdcr")


class UnmappedCountry(LookupError):
    """An hsg id has no state on the date asked (excluded, a gap, or not curated)."""


def _read(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


@lru_cache(maxsize=1)
def crosswalk() -> pd.DataFrame:
    """The curated crosswalk rows."""
    return _read(CROSSWALK_CSV)


@lru_cache(maxsize=1)
def exclusions() -> pd.DataFrame:
    """The curated ids that are not states, with the sources using them and why."""
    return _read(EXCLUSIONS_CSV)


def _day(date: str) -> str:
    return {4: date + "-01-01", 7: date + "-01"}.get(len(date), date)


@lru_cache(maxsize=1)
def _index() -> dict[str, list[tuple[str, str, str, str, str]]]:
    """hsg_id -> [(source, start, end, country_id, note)], for fast look-ups."""
    out: dict[str, list] = {}
    for r in crosswalk().itertuples():
        out.setdefault(r.hsg_id, []).append((r.source, r.start_date, r.end_date, r.country_id, r.note))
    return out


def country_for(hsg_id: str, date: str | None = None, source: str | None = None,
                record: str | None = None) -> str:
    """The ``country_id`` an hsg id means on ``date``; raises UnmappedCountry if none."""
    rows = _index().get(hsg_id, [])
    scopes = ("", source or "", f"record:{record}" if record else "")
    reason = dict(zip(exclusions()["hsg_id"], exclusions()["reason"])).get(hsg_id)
    if not date:
        own = {r[3] for r in rows if record and r[0] == f"record:{record}"}
        ids = own or {r[3] for r in rows if r[0] in scopes}
        if len(ids) == 1 and "" not in ids and reason is None:
            return ids.pop()
        if ids:
            raise UnmappedCountry(f"{hsg_id!r} needs a date: it maps to {sorted(ids - {''})} "
                                  "or to nothing depending on the date")
    else:
        day = _day(date)
        for scope in [sc for sc in reversed(scopes) if sc] + [""]:
            hit = [r for r in rows if r[0] == scope
                   and (not r[1] or r[1] <= day) and (not r[2] or day <= r[2])]
            if hit:
                if hit[0][3]:
                    return hit[0][3]
                raise UnmappedCountry(f"{hsg_id!r} on {date}: no state ({hit[0][4]})")
    if reason is not None:
        raise UnmappedCountry(f"{hsg_id!r} is excluded: {reason}")
    if not rows:
        raise UnmappedCountry(f"{hsg_id!r} is not in the hsg crosswalk or exclusions")
    spans = "; ".join(f"{r[3] or '-'} {r[1] or '..'}/{r[2] or '..'}" for r in rows)
    raise UnmappedCountry(f"{hsg_id!r} on {date}: outside the crosswalk's dates ({spans})")


def map_or_note(hsg_id: str, date: str, source: str, record: str | None = None):
    """(country_id, mapping_note): the note says why the country is empty."""
    try:
        return country_for(hsg_id, date, source, record), ""
    except UnmappedCountry as err:
        return "", str(err)


def source_ids(ref: Path | str | None = None) -> pd.DataFrame:
    """Every hsg id used in the four sources, one row per (hsg_id, source)."""
    root = hsg_dir(ref)
    pairs = set()
    for path in (root / "pocom" / "missions-countries").glob("*.xml"):
        tree = parse(path)
        pairs.add((tree.findtext("territory-id"), "missions"))
        pairs.update((t, "missions") for t in tree.xpath("//chief/contemporary-territory-id/text()"))
    for kind in ("president-travels", "secretary-travels"):
        for path in (root / "travels" / kind).glob("*.xml"):
            pairs.update((t, kind) for t in parse(path).xpath("//trip/country/@id"))
    for path in (root / "visits" / "data").glob("*.xml"):
        pairs.update((t, "visits") for t in parse(path).xpath("//visit/from/@id"))
    pairs.update((os.path.splitext(p.name)[0], "rdcr")
                 for p in (root / "rdcr" / "articles").glob("*.xml"))
    rows = [{"hsg_id": i, "source": s} for i, s in sorted(pairs) if i]
    return frame(rows, ["hsg_id", "source"])


def unmapped(ref: Path | str | None = None) -> pd.DataFrame:
    """Ids used in the sources that are neither in the crosswalk nor excluded (must be empty)."""
    used = source_ids(ref)
    known = set(crosswalk()["hsg_id"]) | set(exclusions()["hsg_id"])
    out = used[~used["hsg_id"].isin(known)]
    return out.groupby("hsg_id", as_index=False)["source"].agg(";".join).astype("string")


def problems() -> list[str]:
    """Curation errors: unknown country ids, bad date order, ids both mapped-only and unused."""
    countries = set(_read(COUNTRIES_CSV)["country_id"])
    out = [f"{r.hsg_id}: unknown country_id {r.country_id}" for r in crosswalk().itertuples()
           if r.country_id and r.country_id not in countries]
    out += [f"{r.hsg_id}: start {r.start_date} after end {r.end_date}"
            for r in crosswalk().itertuples() if r.start_date and r.end_date and r.start_date > r.end_date]
    return out
