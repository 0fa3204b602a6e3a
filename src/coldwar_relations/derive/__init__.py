"""Tables the package derives from its other tables, each defined once, here, in the library.

The build writes them (``pipeline``) and the validator checks that the committed file is exactly
what its inputs give (``validation.derived_stage``), so a hand edit of a derived table, or of an
input without a rebuild, cannot pass. A derivation declares the tables it reads; it receives
them as text (every cell a string, "" where empty), the way they are written.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from typing import Callable

import pandas as pd

Reader = Callable[[str], pd.DataFrame]


@dataclass(frozen=True)
class Derivation:
    table: str
    reads: tuple[str, ...]
    make: Callable[..., pd.DataFrame]

    def __call__(self, table: Reader) -> pd.DataFrame:
        return self.make(*(table(name) for name in self.reads))


DERIVED: dict[str, Derivation] = {}


def derives(table: str, reads: tuple[str, ...]):
    """Register ``make(*tables)`` as the derivation of ``table`` from the tables in ``reads``."""
    def register(make):
        if table in DERIVED:
            raise ValueError(f"two derivations of table {table!r}")
        DERIVED[table] = Derivation(table, tuple(reads), make)
        return make
    return register


def derivations() -> dict[str, Derivation]:
    """Every derivation, by table (importing the modules of this package registers them)."""
    for info in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{info.name}")
    return DERIVED


def text(value) -> str:
    """A cell as the CSV writes it: "" for missing, true/false, 12 for 12.0."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
