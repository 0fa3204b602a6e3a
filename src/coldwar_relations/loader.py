"""Typed DataFrames from the CSV files, with dtypes taken from the Table Schemas."""

from __future__ import annotations

import csv as csv_lib
from pathlib import Path

import pandas as pd
import pyarrow as pa
from pyarrow import compute as pc
from pyarrow import csv as pacsv

from coldwar_relations import edtf, integrity, resources

EDTF = "x-edtf"  # field property marking an ISO 8601 reduced-precision date

TRUE, FALSE = {"true", "True", "TRUE", "1"}, {"false", "False", "FALSE", "0"}
TEXT = (pa.string(), pa.large_string())


def read_text(path: Path, strict: bool = True) -> pd.DataFrame:
    """Every cell as text, nothing guessed; empty cells become missing values. pyarrow reads a
    well-formed UTF-8 file (fast, compact strings); anything else (bad bytes, ragged rows,
    duplicate headers) is read by pandas, which with ``strict=False`` replaces bad bytes."""
    try:
        return _read_text_arrow(Path(path))
    except (pa.ArrowInvalid, UnicodeDecodeError, csv_lib.Error, StopIteration):
        pass
    frame = pd.read_csv(
        path, dtype=str, keep_default_na=False, encoding="utf-8",
        encoding_errors="strict" if strict else "replace",
    )
    return frame.replace("", None)


def _read_text_arrow(path: Path) -> pd.DataFrame:
    with path.open(encoding="utf-8", newline="") as handle:
        header = next(csv_lib.reader(handle))
    if len(set(header)) != len(header) or "" in header:
        raise csv_lib.Error("duplicate or blank header")
    table = pacsv.read_csv(path, convert_options=pacsv.ConvertOptions(
        column_types={name: pa.large_string() for name in header}, null_values=[""],
        strings_can_be_null=True, quoted_strings_can_be_null=True))
    return text_frame(table)


def text_frame(table: pa.Table) -> pd.DataFrame:
    """An Arrow table of strings as a DataFrame of text, sharing the Arrow buffers."""
    return table.to_pandas(types_mapper=lambda t: pd.StringDtype("pyarrow") if t in TEXT else None,
                           self_destruct=True, split_blocks=True)


def convert(series: pd.Series, field: dict, errors: str) -> pd.Series:
    kind = field.get("type", "string")
    if kind == "integer":  # digits only, as Table Schema says: 1.89e3 or 12.0 is not an integer
        # ... and within 64 bits: 18 digits always fit, more may not
        text = _arrow_text(series)
        whole = pc.fill_null(pc.match_substring_regex(text, r"^[+-]?\d{1,18}$"), False)
        if errors == "raise" and pc.any(pc.and_(pc.invert(whole), pc.is_valid(text))).as_py():
            raise ValueError(f"{field['name']}: not an integer")
        numbers = pc.cast(pc.utf8_ltrim(pc.if_else(whole, text, pa.scalar(None, text.type)), "+"), pa.int64())
        series = pd.Series(numbers.to_pandas(types_mapper={pa.int64(): pd.Int64Dtype()}.get), index=series.index)
    elif kind == "number":
        series = pd.to_numeric(series, errors=errors).astype("Float64")
    elif kind == "boolean":
        mapped = pd.Series(pd.NA, index=series.index, dtype="boolean")
        mapped[series.isin(TRUE).fillna(False).to_numpy(bool)] = True
        mapped[series.isin(FALSE).fillna(False).to_numpy(bool)] = False
        if errors == "raise" and (mapped.isna() & series.notna()).any():
            raise ValueError(f"{field['name']}: not a boolean")
        series = mapped.astype("boolean")
    elif kind == "date":
        text = _arrow_text(series)
        parsed = edtf.days(text)
        if errors == "raise" and parsed.null_count != text.null_count:
            raise ValueError(f"{field['name']}: not a date (YYYY-MM-DD)")
        series = pd.Series(parsed.to_numpy(zero_copy_only=False), index=series.index).astype("datetime64[s]")
    else:
        series = series.astype("string")
    enum = field.get("constraints", {}).get("enum")
    if enum is None:
        return series
    values = pa.array(series, from_pandas=True)
    categorical = _categorical(values, field)  # coerce: an unknown category is missing
    if errors == "raise" and (pd.isna(categorical) & series.notna().to_numpy(bool)).any():
        raise ValueError(f"{field['name']}: value outside the allowed categories")
    return pd.Series(categorical, index=series.index)


def _arrow_text(series: pd.Series) -> pa.Array:
    return pa.array(series.astype("string"), type=pa.large_string(), from_pandas=True)


def _add_bounds(frame: pd.DataFrame, schema: dict, errors: str) -> pd.DataFrame:
    for field in schema["fields"]:
        name = field["name"]
        if field.get(EDTF) and name in frame.columns:
            earliest, latest = edtf.bounds(frame[name], errors=errors)
            position = frame.columns.get_loc(name) + 1
            frame.insert(position, f"{name}_latest", latest)
            frame.insert(position, f"{name}_earliest", earliest)
    return frame


def read_typed(path: Path, schema: dict) -> pd.DataFrame:
    """Fast path for a valid file: pyarrow parses it with the schema's types, and enumerated
    fields become categoricals from codes computed in Arrow (never through Python strings)."""
    arrow = {"integer": pa.int64(), "number": pa.float64(), "boolean": pa.bool_(), "date": pa.date32()}
    # large_string: what pandas keeps text in, so the parsed buffers are used as they are
    types = {f["name"]: arrow.get(f.get("type", "string"), pa.large_string()) for f in schema["fields"]}
    table = pacsv.read_csv(path, convert_options=pacsv.ConvertOptions(
        column_types=types, null_values=[""], strings_can_be_null=True, quoted_strings_can_be_null=True,
        true_values=sorted(TRUE), false_values=sorted(FALSE)))
    enums = {f["name"]: f for f in schema["fields"] if f.get("constraints", {}).get("enum") is not None}
    categorical = {name: _categorical(table[name], field) for name, field in enums.items()}
    mapping = {pa.int64(): pd.Int64Dtype(), pa.float64(): pd.Float64Dtype(), pa.bool_(): pd.BooleanDtype(),
               pa.large_string(): pd.StringDtype()}
    frame = table.drop_columns(list(enums)).to_pandas(types_mapper=mapping.get, date_as_object=False)
    for position, name in enumerate(table.column_names):
        if name in categorical:
            frame.insert(position, name, categorical[name])
    for field in schema["fields"]:
        if field.get("type") == "date":
            frame[field["name"]] = frame[field["name"]].astype("datetime64[s]")
    return _add_bounds(frame, schema, "raise")


def _categorical(column: pa.Array | pa.ChunkedArray, field: dict) -> pd.Categorical:
    """The column as a pandas Categorical over the field's enum, in the enum's order."""
    enum = field["constraints"]["enum"]
    codes = pc.fill_null(pc.index_in(column, value_set=pa.array(enum, column.type)), -1)
    dtype = pd.CategoricalDtype(enum, ordered=bool(field.get("categoriesOrdered")))
    return pd.Categorical.from_codes(codes.to_numpy().astype("int32"), dtype=dtype)


def typed(frame: pd.DataFrame, schema: dict, errors: str = "raise") -> pd.DataFrame:
    """Apply the schema's types; ``errors="coerce"`` turns bad cells into missing values
    (used only by the validator, which reports those cells separately)."""
    out = frame.copy()
    for field in schema["fields"]:
        if field["name"] in out.columns:
            out[field["name"]] = convert(out[field["name"]], field, errors)
    return _add_bounds(out, schema, errors)


BACKENDS = ("pandas", "polars", "pyarrow")


def load(name: str, path: str | Path | None = None, backend: str = "pandas", verify: bool = True):
    """One table, typed from its Table Schema: dates as datetimes, codes as nullable
    integers, enumerated fields as categoricals (ordered where the schema says so). A
    reduced-precision date column X (YYYY, YYYY-MM or YYYY-MM-DD) is followed by
    X_earliest and X_latest datetimes. backend: "pandas" (DataFrame), "polars"
    (DataFrame) or "pyarrow" (Table). The file's bytes are checked against the descriptor's
    hash first (integrity.TamperedData on mismatch); ``verify=False`` skips that, for people
    editing the data."""
    if backend not in BACKENDS:
        raise ValueError(f"backend must be one of {', '.join(BACKENDS)}, not {backend!r}")
    resource = resources.resource(name, path)
    file = resources.data_path(resource, path)
    if verify:
        integrity.verify(resource, file)
    frame = read_typed(file, resource["schema"])
    if backend == "pandas":
        return frame
    import pyarrow as pa

    table = pa.Table.from_pandas(frame, preserve_index=False)
    if backend == "pyarrow":
        return table
    try:
        import polars as pl
    except ImportError as error:
        raise ImportError('backend="polars" needs polars: pip install "coldwar-relations[polars]"') from error
    return pl.from_arrow(table)


def load_all(path: str | Path | None = None, backend: str = "pandas", verify: bool = True) -> dict:
    """Every table, by name."""
    return {name: load(name, path, backend, verify) for name in tables(path)}


def tables(path: str | Path | None = None) -> list[str]:
    return [r["name"] for r in resources.descriptor(path)["resources"]]
