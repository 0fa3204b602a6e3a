"""Deterministic CSV output: same rows in, same bytes out."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from coldwar_relations.derive import text as to_text


def write_table(frame: pd.DataFrame, path: Path) -> None:
    """Write with LF line endings, minimal quoting and booleans as true/false."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(list(frame.columns))
    for row in frame.itertuples(index=False):
        writer.writerow([to_text(v) for v in row])
    path.write_bytes(buffer.getvalue().encode("utf-8"))


def read_table(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
