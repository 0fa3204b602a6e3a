"""What "looks like a spreadsheet formula" means, for the validator and every export.

A text cell that begins with one of these characters is run as a formula by Excel, LibreOffice
and Google Sheets (CSV injection, OWASP). The validator refuses such cells in the CSV files;
the spreadsheet export writes any that reach it as plain text.
"""

from __future__ import annotations

import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
DESCRIPTION = "text must not begin with =, +, -, @, a tab or a carriage return (a spreadsheet would run it as a formula)"


def looks_like_formula(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_START)


def formula_cells(values: pd.Series) -> pd.Series:
    """True where a text cell would be read as a formula (missing cells are not)."""
    return values.astype("string").str.startswith(FORMULA_START).fillna(False).astype(bool)
