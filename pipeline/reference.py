"""Read the upstream reference datasets exactly as distributed.

Every build step reads upstream files through this module, so the location of the
reference directory is decided in one place (``--reference`` or ``COLDWAR_REFERENCE``,
default ``../shared/reference`` next to the repository).
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from pipeline.paths import REPO_ROOT

DEFAULT_REFERENCE = REPO_ROOT.parent / "shared" / "reference"

FILES = {
    "cow_states": "cow_states.csv",
    "cow_majors": "cow_majors.csv",
    "gw_states": "gw_states.csv",
    "archigos": "archigos.csv",
    "icb1": "icb1v14.csv",
    "icb2": "icb2v14.csv",
}


def reference_dir(path: str | os.PathLike | None = None) -> Path:
    """Resolve the upstream directory from an argument, the environment or the default."""
    return Path(path or os.environ.get("COLDWAR_REFERENCE") or DEFAULT_REFERENCE)


def available(path: str | os.PathLike | None = None) -> bool:
    ref = reference_dir(path)
    return all((ref / name).is_file() for name in FILES.values())


def read(name: str, path: str | os.PathLike | None = None) -> pd.DataFrame:
    """Read one upstream file with every cell as text, so nothing is coerced on the way in."""
    file = reference_dir(path) / FILES[name]
    return pd.read_csv(file, dtype=str, keep_default_na=False, encoding="utf-8")


def ymd(year: str, month: str, day: str) -> str:
    """ISO date from COW-style year/month/day columns (all present in COW state data)."""
    return f"{int(year):04d}-{int(month):02d}-{int(day):02d}"
