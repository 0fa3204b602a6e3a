"""Typed DataFrames from the CSV files, with dtypes taken from the Table Schemas."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from coldwar_relations import edtf, resources

EDTF = "x-edtf"  # field property marking an ISO 8601 reduced-precision date

TRUE, FALSE = {"true", "True", "TRUE", "1"}, {"false", "False", "FALSE", "0"}


def read_text(path: Path, strict: bool = True) -> pd.DataFrame:
    """Every cell as text, nothing guessed; empty cells become missing values."""
    frame = pd.read_csv(
        path, dtype=str, keep_default_na=False, encoding="utf-8",
        encoding_errors="strict" if strict else "replace",
    )
    return frame.replace("", None)


def _convert(series: pd.Series, field: dict, errors: str) -> pd.Series:
    kind = field.get("type", "string")
    if kind == "integer":
        series = pd.to_numeric(series, errors=errors).astype("Int64")
    elif kind == "number":
        series = pd.to_numeric(series, errors=errors).astype("Float64")
    elif kind == "boolean":
        mapped = series.map(lambda v: True if v in TRUE else False if v in FALSE else None)
        if errors == "raise" and (mapped.isna() & series.notna()).any():
            raise ValueError(f"{field['name']}: not a boolean")
        series = mapped.astype("boolean")
    elif kind == "date":
        series = pd.to_datetime(series, format="%Y-%m-%d", errors=errors)
    else:
        series = series.astype("string")
    enum = field.get("constraints", {}).get("enum")
    if enum is None:
        return series
    if errors == "raise" and not series.dropna().isin(enum).all():
        raise ValueError(f"{field['name']}: value outside the allowed categories")
    return series.astype(pd.CategoricalDtype(enum, ordered=bool(field.get("categoriesOrdered"))))


def typed(frame: pd.DataFrame, schema: dict, errors: str = "raise") -> pd.DataFrame:
    """Apply the schema's types; ``errors="coerce"`` turns bad cells into missing values
    (used only by the validator, which reports those cells separately)."""
    out = frame.copy()
    for field in schema["fields"]:
        name = field["name"]
        if name not in out.columns:
            continue
        out[name] = _convert(out[name], field, errors)
        if field.get(EDTF):
            earliest, latest = edtf.bounds(out[name], errors=errors)
            position = out.columns.get_loc(name) + 1
            out.insert(position, f"{name}_latest", latest)
            out.insert(position, f"{name}_earliest", earliest)
    return out


BACKENDS = ("pandas", "polars", "pyarrow")


def load(name: str, path: str | Path | None = None, backend: str = "pandas"):
    """One table, typed from its Table Schema: dates as datetimes, codes as nullable
    integers, enumerated fields as categoricals (ordered where the schema says so). A
    reduced-precision date column X (YYYY, YYYY-MM or YYYY-MM-DD) is followed by
    X_earliest and X_latest datetimes. backend: "pandas" (DataFrame), "polars"
    (DataFrame) or "pyarrow" (Table)."""
    if backend not in BACKENDS:
        raise ValueError(f"backend must be one of {', '.join(BACKENDS)}, not {backend!r}")
    resource = resources.resource(name, path)
    root = resources.resolve(path)
    frame = typed(read_text(root / resource["path"]), resource["schema"])
    if backend == "pandas":
        return frame
    import pyarrow as pa

    table = pa.Table.from_pandas(frame, preserve_index=False)
    if backend == "pyarrow":
        return table
    import polars as pl

    return pl.from_arrow(table)


def load_all(path: str | Path | None = None, backend: str = "pandas") -> dict:
    """Every table, by name."""
    return {name: load(name, path, backend) for name in tables(path)}


def tables(path: str | Path | None = None) -> list[str]:
    return [r["name"] for r in resources.descriptor(path)["resources"]]
