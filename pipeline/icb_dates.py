"""ICB year/month/day triples to ISO 8601 reduced-precision (EDTF level 0) strings.

ICB writes an approximate day as 66, 77 or 88 (early, middle, late in the month) or leaves
it blank. Such dates become month precision ("1962-10"), never a made-up day; the raw day
code is kept beside them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

APPROXIMATE_DAYS = {"66", "77", "88"}


@dataclass(frozen=True)
class IcbDate:
    value: str | None  # "1962-10-16", "1962-10", "1962" or None
    day_code: int | None  # 66, 77 or 88 when ICB gives an approximate day
    problem: str | None = None  # why a given day could not be used as a date


def parse(year: str, month: str, day: str) -> IcbDate:
    year, month, day = year.strip(), month.strip(), day.strip()
    if not year or year.startswith("-"):
        return IcbDate(None, None)
    if not month or month.startswith("-"):
        return IcbDate(f"{int(year):04d}", None)
    month_text = f"{int(year):04d}-{int(month):02d}"
    if not day or day.startswith("-"):
        return IcbDate(month_text, None)
    if day in APPROXIMATE_DAYS:
        return IcbDate(month_text, int(day))
    try:
        return IcbDate(dt.date(int(year), int(month), int(day)).isoformat(), None)
    except ValueError:
        return IcbDate(month_text, None, f"{year}-{month}-{day} is not a calendar date")
