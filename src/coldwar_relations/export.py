"""Write the package to Parquet, SQLite, DuckDB or a spreadsheet, keeping keys where the
format has them and keeping spreadsheets safe to open."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Callable

import pandas as pd

from coldwar_relations import cells, formula, loader, readable, resources, stats_export

FORMATS = ("parquet", "sqlite", "duckdb", "xlsx", *stats_export.STATS_FORMATS)
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
             + _enum_check(f, quote)
             for f in schema["fields"]]
    if schema.get("primaryKey"):
        lines.append(f"  PRIMARY KEY ({', '.join(map(quote, schema['primaryKey']))})")
    for key in schema.get("foreignKeys", []):
        ref = key["reference"]
        lines.append(f"  FOREIGN KEY ({', '.join(map(quote, key['fields']))}) REFERENCES "
                     f"{quote(ref['resource'])} ({', '.join(map(quote, ref['fields']))})")
    return f"CREATE TABLE {quote(resource['name'])} (\n" + ",\n".join(lines) + "\n)"


def _enum_check(field: dict, quote) -> str:
    """An enum of the Table Schema as a CHECK constraint, so the database refuses other values."""
    enum = field.get("constraints", {}).get("enum")
    if not enum:
        return ""
    literal = (lambda v: str(int(v))) if field.get("type") == "integer" else (lambda v: "'" + str(v).replace("'", "''") + "'")
    return f" CHECK ({quote(field['name'])} IN ({', '.join(literal(v) for v in enum)}))"


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
        ready = [res for res in pending if _references(res) <= done]
        if not ready:  # a key to a table not in the package, or a cycle: say so rather than loop
            names = {r["name"] for r in descriptor["resources"]}
            raise ValueError("cannot order the tables by their foreign keys: "
                             + "; ".join(f"{r['name']} refers to {', '.join(sorted(_references(r) - done))}"
                                         + (" (not in the package)" if _references(r) - names else "")
                                         for r in pending))
        for res in ready:
            order.append(res); done.add(res["name"]); pending.remove(res)
    return order


def _references(res: dict) -> set[str]:
    return {k["reference"]["resource"] or res["name"] for k in res["schema"].get("foreignKeys", [])} - {res["name"]}


def export(fmt: str, out: str | Path, path: str | Path | None = None, progress=None) -> Path:
    """Write every table to ``out``: a directory of .parquet files, a .sqlite/.duckdb
    database with primary and foreign keys, or an .xlsx workbook with one sheet per table."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}")
    if fmt in stats_export.STATS_FORMATS:
        return stats_export.write(fmt, out, path, progress)
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
    order = _ordered(descriptor)  # before anything is written
    partial = out.with_name(f".{out.name}.partial")
    partial.unlink(missing_ok=True)
    try:
        _database(fmt, partial, order, path, step)
        os.replace(partial, out)  # a reader never sees half a database, and a failed run leaves none
    finally:
        partial.unlink(missing_ok=True)
    return out


def _database(fmt: str, out: Path, order: list[dict], path, step) -> None:
    """SQLite or DuckDB with the Table Schema's keys and enums as constraints. SQLite checks
    foreign keys only on a connection that runs ``PRAGMA foreign_keys = ON``."""
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
    for res in order:
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


def _xlsx(descriptor: dict, out: Path, path, step) -> Path:
    try:
        from openpyxl import Workbook
    except ImportError as error:
        raise ImportError('--format xlsx needs openpyxl: pip install "coldwar-relations[export]"') from error

    book = Workbook(write_only=False)
    book.remove(book.active)
    for res in descriptor["resources"]:
        step(res["name"])
        frame = _plain(readable.named(res, loader.load(res["name"], path), path)[1])
        sheet = book.create_sheet(res["name"][:31])
        sheet.append(list(frame.columns))
        for row in _rows(frame):
            sheet.append(list(row))
        for column in sheet.iter_cols(min_row=2):
            for cell in column:
                if isinstance(cell.value, str) and len(cell.value) > cells.MAX_CHARACTERS:
                    raise ValueError(f"{res['name']}, row {cell.row}, column {frame.columns[cell.column - 1]}: "
                                     f"{len(cell.value):,} characters, more than a spreadsheet cell holds "
                                     f"({cells.MAX_CHARACTERS:,}); use another format")
                # a text cell that a spreadsheet would read as a formula stays text
                if formula.looks_like_formula(cell.value):
                    cell.data_type = "s"
    partial = out.with_name(f".{out.name}.partial")
    try:
        book.save(partial)
        os.replace(partial, out)
    finally:
        partial.unlink(missing_ok=True)
    return out
