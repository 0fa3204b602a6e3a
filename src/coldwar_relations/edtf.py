"""ISO 8601 reduced-precision dates (EDTF level 0 without intervals): YYYY, YYYY-MM, YYYY-MM-DD.

A value known only to the month or year is kept at that precision in the CSV; users get
the earliest and latest day it can mean, to filter and sort on.
"""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

PATTERN = r"\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?"


def precision(values: pd.Series) -> pd.Series:
    """'day', 'month' or 'year' for each value (missing stays missing)."""
    length = values.str.len()
    out = pd.Series(pd.NA, index=values.index, dtype="string")
    out[length == 10] = "day"
    out[length == 7] = "month"
    out[length == 4] = "year"
    return out


def days(text: pa.Array) -> pa.Array:
    """Each ``YYYY-MM-DD`` text as a timestamp, null where it is not a day that exists. Arrow's
    strptime rolls 1962-02-30 over to March and reads 1962-1-5, so a day must also print back
    as it was written."""
    parsed = pc.strptime(text, format="%Y-%m-%d", unit="s", error_is_null=True)
    same = pc.fill_null(pc.equal(pc.cast(pc.cast(parsed, pa.date32()), text.type), text), False)
    return pc.if_else(same, parsed, pa.scalar(None, parsed.type))


def bounds(values: pd.Series, errors: str = "raise") -> tuple[pd.Series, pd.Series]:
    """Earliest and latest datetime each reduced-precision date can stand for. The text is
    padded and parsed in Arrow (one pass per step, no Python strings); a value that is not a
    date raises ValueError, or with ``errors="coerce"`` becomes missing."""
    text = pa.array(values.astype("string"), type=pa.large_string(), from_pandas=True)
    length = pc.utf8_length(text)

    def pad(suffix: str):
        return pc.binary_join_element_wise(text, pa.scalar(suffix, text.type), pa.scalar("", text.type))

    padded = pc.if_else(pc.equal(length, 4), pad("-01-01"), pc.if_else(pc.equal(length, 7), pad("-01"), text))
    shaped = pc.fill_null(pc.is_in(length, value_set=pa.array([4, 7, 10], length.type)), False)
    parsed = pc.if_else(shaped, days(padded), pa.scalar(None, pa.timestamp("s")))
    if errors != "coerce" and parsed.null_count != text.null_count:
        raise ValueError("not an ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD)")
    first = parsed.to_numpy(zero_copy_only=False).astype("datetime64[D]")
    size = length.to_numpy(zero_copy_only=False)
    month, year = size == 7, size == 4
    last = first.copy()
    last[month] = (first[month].astype("datetime64[M]") + 1).astype("datetime64[D]") - 1
    last[year] = (first[year].astype("datetime64[Y]") + 1).astype("datetime64[D]") - 1
    earliest = pd.Series(first, index=values.index).astype("datetime64[s]")
    latest = pd.Series(last, index=values.index).astype("datetime64[s]")
    return earliest, latest
