"""The build steps, one per derived table, registered under the table's name.

A build module declares a step with ``@step("table")``; the step receives a ``Context`` and
asks it for what it needs (``ctx.table("countries")``, ``ctx.ref``), which is how each step's
inputs are declared once. A table without a step is curated: it is read from ``data/``.
"""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path
from typing import Callable

import pandas as pd

import pipeline
from pipeline.csvio import read_table
from pipeline.paths import DATA

STEPS: dict[str, Callable[["Context"], pd.DataFrame]] = {}


def step(table: str):
    def register(fn):
        if table in STEPS:
            raise ValueError(f"two build steps for table {table!r}")
        STEPS[table] = fn
        return fn
    return register


class Context:
    """One build: the upstream directory, tables built so far, and values shared between steps."""

    def __init__(self, ref=None, data: Path = DATA):
        self.ref, self.data = ref, data
        self._memo: dict[str, object] = {}
        self.problems: list[dict] = []  # ICB values flagged by the crisis steps, for icb_corrections

    def table(self, name: str) -> pd.DataFrame:
        if name in STEPS:
            return self.once(name, lambda: STEPS[name](self))
        return read_table(self.data / f"{name}.csv")

    def once(self, key: str, make: Callable[[], object]):
        """``make()`` the first time ``key`` is asked for, the same value after."""
        if key not in self._memo:
            self._memo[key] = make()
        return self._memo[key]


def discover() -> dict[str, Callable[[Context], pd.DataFrame]]:
    """Import every ``pipeline.build_*`` module, which registers its steps."""
    for info in pkgutil.iter_modules(pipeline.__path__):
        if info.name.startswith("build_"):
            importlib.import_module(f"pipeline.{info.name}")
    return STEPS
