"""Small helpers shared by the hsg parsers: paths, text and date normalisation.

Why: every parser must resolve the same upstream folder, keep dates at their true
precision (``1952-03-14``, ``1952-03``, ``1952``) and keep text verbatim apart
from whitespace, so the rules live in one place.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from pipeline.reference import reference_dir

HSG_URL = "https://history.state.gov"

_ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def hsg_dir(ref: Path | str | None = None) -> Path:
    """The ``hsg`` folder under the upstream reference directory."""
    ref = reference_dir(ref)
    return ref / "hsg" if (ref / "hsg").is_dir() else ref


def norm(text: str | None) -> str:
    """Whitespace-normalised text ('' for None)."""
    return " ".join((text or "").split())


def iso_date(text: str | None) -> str:
    """An upstream date kept at its precision; '' when blank or not ISO-shaped."""
    text = norm(text)
    return text if _ISO.match(text) else ""


def first_date(*dates: str) -> str:
    """The first non-empty date, for choosing the date a mapping is made on."""
    return next((d for d in dates if d), "")


def frame(rows: list[dict], columns: list[str]) -> pd.DataFrame:
    """A DataFrame with the given column order, every column a nullable string."""
    df = pd.DataFrame(rows, columns=columns)
    return df.astype({c: "string" for c in columns})


def parse(path: Path):
    """Parse one XML file with lxml (imported lazily so the package imports without it)."""
    from lxml import etree

    return etree.parse(str(path))
