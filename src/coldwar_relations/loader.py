"""Typed DataFrames from the CSV files, with dtypes taken from the Table Schemas."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from coldwar_relations import resources

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
    enum = field.get("constraints", {}).get("enum")
    if enum is not None:
        dtype = pd.CategoricalDtype(enum, ordered=bool(field.get("categoriesOrdered")))
        if errors == "raise" and not series.dropna().isin(enum).all():
            raise ValueError(f"{field['name']}: value outside the allowed categories")
        return series.astype(dtype)
    if kind == "integer":
        return pd.to_numeric(series, errors=errors).astype("Int64")
    if kind == "number":
        return pd.to_numeric(series, errors=errors).astype("Float64")
    if kind == "boolean":
        mapped = series.map(lambda v: True if v in TRUE else False if v in FALSE else None)
        if errors == "raise" and (mapped.isna() & series.notna()).any():
            raise ValueError(f"{field['name']}: not a boolean")
        return mapped.astype("boolean")
    if kind == "date":
        return pd.to_datetime(series, format="%Y-%m-%d", errors=errors)
    return series.astype("string")


def typed(frame: pd.DataFrame, schema: dict, errors: str = "raise") -> pd.DataFrame:
    """Apply the schema's types; ``errors="coerce"`` turns bad cells into missing values
    (used only by the validator, which reports those cells separately)."""
    out = frame.copy()
    for field in schema["fields"]:
        if field["name"] in out.columns:
            out[field["name"]] = _convert(out[field["name"]], field, errors)
    return out


def load(name: str, path: str | Path | None = None) -> pd.DataFrame:
    """One table as a typed pandas DataFrame (dates as datetimes, codes as nullable
    integers, enumerated fields as categoricals)."""
    resource = resources.resource(name, path)
    root = resources.resolve(path)
    return typed(read_text(root / resource["path"]), resource["schema"])


def tables(path: str | Path | None = None) -> list[str]:
    return [r["name"] for r in resources.descriptor(path)["resources"]]
