"""Write the package to Parquet, SQLite, DuckDB or a spreadsheet, keeping keys where the
format has them and keeping spreadsheets safe to open."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Callable

import pandas as pd

from coldwar_relations import formula, loader, resources

FORMATS = ("parquet", "sqlite", "duckdb", "xlsx")
SQL_TYPES = {"integer": "BIGINT", "number": "DOUBLE", "boolean": "BOOLEAN", "date": "DATE"}


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    """Drop the derived *_earliest/*_latest columns and turn categoricals back into values,
    so an export holds exactly the fields of the Table Schema."""
    derived = [c for c in frame.columns if c.endswith(("_earliest", "_latest"))]
    out = frame.drop(columns=derived)
    for c in out.columns:
        if isinstance(out[c].dtype, pd.CategoricalDtype):
            out[c] = out[c].astype(object).where(out[c].notna(), None)
    return out


def _ddl(resource: dict, quote: Callable[[str], str]) -> str:
    schema = resource["schema"]
    lines = [f"  {quote(f['name'])} {SQL_TYPES.get(f.get('type'), 'TEXT')}"
             + (" NOT NULL" if f.get("constraints", {}).get("required") else "")
             for f in schema["fields"]]
    if schema.get("primaryKey"):
        lines.append(f"  PRIMARY KEY ({', '.join(map(quote, schema['primaryKey']))})")
    for key in schema.get("foreignKeys", []):
        ref = key["reference"]
        lines.append(f"  FOREIGN KEY ({', '.join(map(quote, key['fields']))}) REFERENCES "
                     f"{quote(ref['resource'])} ({', '.join(map(quote, ref['fields']))})")
    return f"CREATE TABLE {quote(resource['name'])} (\n" + ",\n".join(lines) + "\n)"


def _rows(frame: pd.DataFrame) -> list[tuple]:
    out = frame.astype(object).where(frame.notna(), None)
    for c in out.columns:
        if pd.api.types.is_datetime64_any_dtype(frame[c]):
            out[c] = frame[c].dt.date.astype(object).where(frame[c].notna(), None)
    return [tuple(r) for r in out.itertuples(index=False)]


def _ordered(descriptor: dict) -> list[dict]:
    """Resources in an order where every referenced table comes first."""
    done, order, pending = set(), [], list(descriptor["resources"])
    while pending:
        for res in list(pending):
            refs = {k["reference"]["resource"] for k in res["schema"].get("foreignKeys", [])} - {res["name"]}
            if refs <= done:
                order.append(res); done.add(res["name"]); pending.remove(res)
    return order


def export(fmt: str, out: str | Path, path: str | Path | None = None, progress=None) -> Path:
    """Write every table to ``out``: a directory of .parquet files, a .sqlite/.duckdb
    database with primary and foreign keys, or an .xlsx workbook with one sheet per table."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}")
    out = Path(out)
    descriptor = resources.descriptor(path)
    step = progress or (lambda name: None)
    if fmt == "parquet":
        out.mkdir(parents=True, exist_ok=True)
        for res in descriptor["resources"]:
            step(res["name"])
            _plain(loader.load(res["name"], path)).to_parquet(out / f"{res['name']}.parquet", index=False)
        return out
    if fmt == "xlsx":
        return _xlsx(descriptor, out, path, step)
    if out.exists():
        raise FileExistsError(f"{out} exists; remove it or choose another name")
    quote = lambda n: f'"{n}"'  # noqa: E731
    placeholder = "?"
    if fmt == "sqlite":
        con = sqlite3.connect(out)
        con.execute("PRAGMA foreign_keys = ON")
    else:
        try:
            import duckdb
        except ImportError as error:
            raise ImportError('--format duckdb needs duckdb: pip install "coldwar-relations[export]"') from error

        con = duckdb.connect(str(out))
    for res in _ordered(descriptor):
        step(res["name"])
        con.execute(_ddl(res, quote))
        frame = _plain(loader.load(res["name"], path))
        if fmt == "duckdb":  # bulk insert from the DataFrame; row-by-row is slow in DuckDB
            con.register("incoming", frame)
            con.execute(f"INSERT INTO {quote(res['name'])} SELECT * FROM incoming")
            con.unregister("incoming")
            continue
        marks = ", ".join([placeholder] * len(frame.columns))
        con.executemany(f"INSERT INTO {quote(res['name'])} VALUES ({marks})", _rows(frame))
    if fmt == "sqlite":
        con.commit()
    con.close()
    return out


def _xlsx(descriptor: dict, out: Path, path, step) -> Path:
    try:
        from openpyxl import Workbook
    except ImportError as error:
        raise ImportError('--format xlsx needs openpyxl: pip install "coldwar-relations[export]"') from error

    book = Workbook(write_only=False)
    book.remove(book.active)
    for res in descriptor["resources"]:
        step(res["name"])
        frame = _plain(loader.load(res["name"], path))
        sheet = book.create_sheet(res["name"][:31])
        sheet.append(list(frame.columns))
        for row in _rows(frame):
            sheet.append(list(row))
        for column in sheet.iter_cols(min_row=2):
            for cell in column:
                # a text cell that a spreadsheet would read as a formula stays text
                if formula.looks_like_formula(cell.value):
                    cell.data_type = "s"
    book.save(out)
    return out
