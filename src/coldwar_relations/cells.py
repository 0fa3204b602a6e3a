"""What a text cell may hold, for the validator and every export: no control characters (they
corrupt terminals, spreadsheets and databases, and a NUL ends a C string), and at most the
characters a spreadsheet cell holds, so that no export has to cut a value."""

from __future__ import annotations

import pandas as pd

MAX_CHARACTERS = 32_767  # an Excel or LibreOffice cell holds no more
CONTROL = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"  # line breaks (LF, CR) and tabs are text
CONTROL_DESCRIPTION = "text must not contain control characters (only line breaks and tabs are allowed)"
LENGTH_DESCRIPTION = f"text must not be longer than {MAX_CHARACTERS:,} characters (what a spreadsheet cell holds)"


def control_cells(values: pd.Series) -> pd.Series:
    """True where a text cell holds a control character."""
    return values.astype("string").str.contains(CONTROL, regex=True).fillna(False).astype(bool)


def long_cells(values: pd.Series) -> pd.Series:
    """True where a text cell is longer than a spreadsheet cell."""
    return (values.astype("string").str.len() > MAX_CHARACTERS).fillna(False).astype(bool)
