"""ISO 8601 reduced-precision dates (EDTF level 0 without intervals): YYYY, YYYY-MM, YYYY-MM-DD.

A value known only to the month or year is kept at that precision in the CSV; users get
the earliest and latest day it can mean, to filter and sort on.
"""

from __future__ import annotations

import pandas as pd

PATTERN = r"\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?"


def precision(values: pd.Series) -> pd.Series:
    """'day', 'month' or 'year' for each value (missing stays missing)."""
    length = values.str.len()
    out = pd.Series(pd.NA, index=values.index, dtype="string")
    out[length == 10] = "day"
    out[length == 7] = "month"
    out[length == 4] = "year"
    return out


def bounds(values: pd.Series, errors: str = "raise") -> tuple[pd.Series, pd.Series]:
    """Earliest and latest datetime each reduced-precision date can stand for."""
    values = values.astype("string")
    kind = precision(values)
    month = (kind == "month").fillna(False).to_numpy(bool)
    year = (kind == "year").fillna(False).to_numpy(bool)
    padded = values.copy()
    padded[month] = values[month] + "-01"
    padded[year] = values[year] + "-01-01"
    earliest = pd.to_datetime(padded, format="%Y-%m-%d", errors=errors).astype("datetime64[s]")
    days = earliest.to_numpy("datetime64[D]")
    last = days.copy()
    last[month] = (days[month].astype("datetime64[M]") + 1).astype("datetime64[D]") - 1
    last[year] = (days[year].astype("datetime64[Y]") + 1).astype("datetime64[D]") - 1
    latest = pd.Series(last, index=values.index).astype("datetime64[s]")
    return earliest, latest
