"""Write the package for Stata (.dta), SPSS (.sav) and R (.rds), one file per table, so that a
researcher opens it with `use`, `GET FILE` or `readRDS` and finds the same rows as the CSVs, typed,
labelled and named as each tool expects.

In every format: Table Schema ``date`` fields are real dates; reduced-precision dates (``x-edtf``)
stay text; missing integers stay missing. Stata and SPSS get variable labels (the field's title, or
its description where it has none), the table title as file label, booleans as 0/1 labelled
false/true, and enumerated text fields encoded as 1..n in the order of the enum with the enum values
as value labels (integer fields with Table Schema ``categories`` keep their codes and get the
categories' labels). R gets logical columns, factors (ordered where the schema says so) for
enumerated text, Date columns and a ``label`` attribute on every column and on the data frame.
"""

from __future__ import annotations

import gzip
import hashlib
import itertools
import os
import re
import shutil
import struct
import tempfile
import textwrap
from pathlib import Path
from typing import Callable, Iterable

import numpy as np
import pandas as pd

from coldwar_relations import loader, readable, resources

STATS_FORMATS = ("stata", "spss", "rds")
SUFFIXES = {"stata": ".dta", "spss": ".sav", "rds": ".rds"}
BOOLEAN_LABELS = {0: "false", 1: "true"}

# Limits of Stata 14+ .dta (release 118) and of SPSS .sav as ReadStat writes them: past these, ReadStat
# refuses the file (Stata) or silently cuts or drops the text (SPSS), so text is checked against them.
STATA_LIMITS = {"name": 32, "label": 80, "file_label": 80, "value_label": 32000, "string": 2_000_000_000}
SPSS_LIMITS = {"name": 64, "label": 256, "file_label": 64, "value_label": 120, "string": 32767, "document": 80}
STATA_LIMIT_UNIT, SPSS_LIMIT_UNIT = len, (lambda text: len(text.encode("utf-8")))  # characters, bytes
STATA_DTA_VERSION = 14  # pyreadstat's name for release 118: Unicode and strL, read by Stata 14 and later
LABELSET_ROOM = 3  # pyreadstat names a value-label set after its variable plus a counter (see stata_names)

STATA_RESERVED = frozenset(
    "_all _b byte _coef _cons double float if in int long _n _N _pi _pred _rc _skip strL using with".split())
SPSS_RESERVED = frozenset("ALL AND BY EQ GE GT LE LT NE NOT OR TO WITH".split())


# --- names -------------------------------------------------------------------------------------------

def stata_names(columns: Iterable[str], labelled: Iterable[str] = ()) -> dict[str, str]:
    """Stata variable names for ``columns`` (column -> name), collision-free within the table.

    A name that Stata accepts is kept as it is: at most 32 ASCII letters, digits and underscores,
    not starting with a digit, not a reserved word (``in``, ``byte``, ``str80``...). Every other
    name is rewritten: characters other than ASCII letters, digits and underscores become ``_``, a
    ``v`` is put before a name that does not start with a letter, the result is cut to 25
    characters and followed by ``_`` and the first six hex digits of the SHA-1 of the original
    name. If that is taken (by a kept name or an earlier rewritten one, in column order), the
    SHA-1 of ``name#1``, ``name#2``... is used instead. Kept names are reserved first, so a new
    long column never renames an existing one, and the same columns always get the same names.

    Columns in ``labelled`` (those that carry value labels) are kept only up to 29 characters:
    pyreadstat names each value-label set after its variable plus a counter, and label-set names
    have the same 32-character limit."""
    labelled = set(labelled)

    def fits(column: str, name: str) -> bool:
        limit = STATA_LIMITS["name"] - (LABELSET_ROOM if column in labelled else 0)
        return (re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name) is not None and len(name) <= limit
                and name not in STATA_RESERVED and re.fullmatch(r"str[0-9]+", name) is None)

    return _unique_names(columns, fits, key=lambda name: name)


def spss_names(columns: Iterable[str]) -> dict[str, str]:
    """SPSS variable names for ``columns`` (column -> name), collision-free ignoring case (SPSS
    names are case-insensitive). A name SPSS accepts is kept: at most 64 bytes of ASCII letters,
    digits, ``_`` and ``.``, starting with a letter, not ending with ``.``, not a reserved word
    (``ALL``, ``AND``, ``BY``, ``EQ``, ``GE``, ``GT``, ``LE``, ``LT``, ``NE``, ``NOT``, ``OR``,
    ``TO``, ``WITH``, in any case). Any other name is rewritten by the rule of :func:`stata_names`
    with room for 64 characters: cut to 57, then ``_`` and six hex digits of SHA-1."""

    def fits(column: str, name: str) -> bool:
        return (re.fullmatch(r"[A-Za-z][A-Za-z0-9_.]*", name) is not None and not name.endswith(".")
                and len(name.encode("utf-8")) <= SPSS_LIMITS["name"] and name.upper() not in SPSS_RESERVED)

    return _unique_names(columns, fits, key=str.upper)


def _unique_names(columns: Iterable[str], fits: Callable[[str, str], bool], key: Callable[[str], str]) -> dict:
    columns = list(columns)
    out: dict[str, str] = {}
    taken: set[str] = set()
    for column in columns:
        if fits(column, column) and key(column) not in taken:
            out[column] = column
            taken.add(key(column))
    for column in columns:
        if column in out:
            continue
        base = re.sub(r"[^A-Za-z0-9_]", "_", column)
        if not re.match(r"[A-Za-z]", base):
            base = "v" + base
        for attempt in itertools.count():
            salted = column if attempt == 0 else f"{column}#{attempt}"
            suffix = "_" + hashlib.sha1(salted.encode("utf-8")).hexdigest()[:6]
            for room in range(len(base), 0, -1):  # the longest cut of base that fits with the suffix
                name = base[:room] + suffix
                if fits(column, name):
                    break
            if fits(column, name) and key(name) not in taken:
                out[column] = name
                taken.add(key(name))
                break
    return {column: out[column] for column in columns}


# --- labels ------------------------------------------------------------------------------------------

def shorten(text: str, limit: int, size: Callable[[str], int] = len) -> str:
    """``text`` if ``size(text) <= limit``; otherwise its longest start that fits with "..." after
    it, cut at the last space when there is one in its second half, trailing punctuation dropped."""
    text = " ".join(text.split())
    if size(text) <= limit:
        return text
    cut = text[:limit]
    while cut and size(cut + "...") > limit:
        cut = cut[:-1]
    space = cut.rfind(" ")
    if space > len(cut) // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.-(") + "..."


def variable_label(field: dict) -> str:
    """What a variable is, in a line: the field's title, or its description where it has none."""
    return " ".join((field.get("title") or field.get("description") or "").split())


def enum_of(field: dict) -> list | None:
    return field.get("constraints", {}).get("enum")


def category_labels(field: dict) -> dict[int, str]:
    """Value labels of an integer field from its Table Schema ``categories`` ({value, label})."""
    out = {}
    for item in field.get("categories") or []:
        if isinstance(item, dict) and "label" in item and isinstance(item.get("value"), int):
            out[item["value"]] = item["label"]
    return out


# --- Stata and SPSS ----------------------------------------------------------------------------------

def _text(series: pd.Series) -> pd.Series:
    return series.astype(object).where(series.notna(), None)


def _check_lengths(series: pd.Series, limit: int, size, where: str, tool: str) -> None:
    """Refuse a cell the format cannot hold, rather than let ReadStat cut or drop it."""
    values = series.dropna()
    long = values[values.str.len() > limit // 4] if limit >= 4 else values
    for position, value in long.items():
        if size(value) > limit:
            row = series.index.get_loc(position) + 1
            unit = "characters" if size is len else "bytes"
            raise ValueError(f"{where}, row {row} (line {row + 1} of the CSV): a value of {size(value)} {unit} "
                             f"does not fit in {tool}, which holds at most {limit} {unit} in a text variable")


def document(text: str, width: int = SPSS_LIMITS["document"]) -> list[str]:
    """``text`` wrapped into the lines of an SPSS document (at most 80 bytes each)."""
    for limit in range(width, 0, -1):
        lines = textwrap.wrap(text, limit)
        if all(len(line.encode("utf-8")) <= width for line in lines):
            return lines
    return []


def readstat_table(resource: dict, frame: pd.DataFrame, fmt: str) -> dict:
    """The table as pyreadstat writes it for ``fmt`` ("stata" or "spss"): the data frame, renamed
    columns, variable and value labels, file label and (SPSS) display formats and measures.
    An enumerated text field with a value longer than the format's value labels allow (SPSS: 120
    bytes) is written as text instead of codes, so no value is ever cut."""
    limits, size = (STATA_LIMITS, STATA_LIMIT_UNIT) if fmt == "stata" else (SPSS_LIMITS, SPSS_LIMIT_UNIT)
    tool = "Stata" if fmt == "stata" else "SPSS"
    data, labels, value_labels, formats, measures = {}, {}, {}, {}, {}
    for field in resource["schema"]["fields"]:
        name, kind, enum = field["name"], field.get("type", "string"), enum_of(field)
        series, where = frame[name], f"{resource['name']}.{name}"
        codes: dict = {}
        measures[name] = "scale" if kind in ("integer", "number", "date") else "nominal"
        if kind == "date":
            data[name] = series.dt.date.astype(object).where(series.notna(), None)
        elif kind == "boolean":
            data[name], codes = series.astype("Int64"), BOOLEAN_LABELS
        elif kind == "integer":
            data[name], codes = series.astype("Int64"), category_labels(field)
        elif kind == "number":
            data[name] = series.astype("float64")
        elif enum and all(size(str(v)) <= limits["value_label"] for v in enum):
            # enumerated text: codes 1..n in the order of the enum, labelled with the values themselves
            position = {value: code for code, value in enumerate(enum, start=1)}
            data[name] = pd.array([position.get(v) for v in _text(series)], dtype="Int64")
            codes = {code: value for value, code in position.items()}
        else:
            _check_lengths(series.astype("string"), limits["string"], size, where, tool)
            # Stata and SPSS have no missing text; their "missing" is the empty string (and pyreadstat
            # fails on a missing value in a Stata strL column)
            data[name] = series.astype(object).where(series.notna(), "")
        if codes:
            value_labels[name] = {code: shorten(str(text), limits["value_label"], size) for code, text in codes.items()}
            measures[name] = "ordinal" if field.get("categoriesOrdered") else "nominal"
        if kind in ("integer", "boolean") or name in value_labels:
            known = data[name].dropna()
            formats[name] = f"F{max([len(str(int(v))) for v in known] or [1])}.0"
        labels[name] = shorten(variable_label(field), limits["label"], size)
    names = stata_names(data, labelled=value_labels) if fmt == "stata" else spss_names(data)
    rename = lambda mapping: {names[k]: v for k, v in mapping.items()}  # noqa: E731
    return {
        "df": pd.DataFrame(data).rename(columns=names),
        "file_label": shorten(resource.get("title") or resource["name"], limits["file_label"], size),
        "column_labels": rename(labels),
        "variable_value_labels": rename(value_labels),
        "variable_format": rename(formats),
        "variable_measure": rename(measures),
    }


def _pyreadstat():
    try:
        import pyreadstat
    except ImportError as error:
        raise ImportError('Stata and SPSS exports need pyreadstat: pip install "coldwar-relations[export]"') from error
    return pyreadstat


def write_stata(resource: dict, frame: pd.DataFrame, target: Path) -> None:
    table = readstat_table(resource, frame, "stata")
    _pyreadstat().write_dta(table["df"], target, file_label=table["file_label"], column_labels=table["column_labels"],
                            variable_value_labels=table["variable_value_labels"], version=STATA_DTA_VERSION)


def write_spss(resource: dict, frame: pd.DataFrame, target: Path) -> None:
    table = readstat_table(resource, frame, "spss")
    _pyreadstat().write_sav(table["df"], target, file_label=table["file_label"], column_labels=table["column_labels"],
                            variable_value_labels=table["variable_value_labels"],
                            variable_format=table["variable_format"], variable_measure=table["variable_measure"],
                            note=document(resource.get("description", "")) or None, compress=True)


# --- R -----------------------------------------------------------------------------------------------
# pyreadr writes neither dates, ordered factors nor attributes, so the .rds file is written here in R's
# own serialization format (version 3, gzip-compressed, as saveRDS writes it); pyreadr reads it back in
# the tests. An R object here is (type, values, attributes): "lgl", "int", "real", "str" or "list".

R_TYPES = {"lgl": 10, "int": 13, "real": 14, "str": 16, "list": 19}
R_NA_INTEGER = -(2 ** 31)
R_NA_REAL = 0x7FF00000000007A2  # R's NA_real_: a NaN whose low word is 1954
R_VERSION, R_MIN_READER = 0x040200, 0x030500  # written "by R 4.2.0", readable by R 3.5.0 and later


def _flags(kind: int, obj: bool = False, attr: bool = False, tag: bool = False, levels: int = 0) -> bytes:
    return struct.pack(">i", kind | obj << 8 | attr << 9 | tag << 10 | levels << 12)


def _r_string(value: str | None, out: list) -> None:
    if value is None:
        out.append(_flags(9) + struct.pack(">i", -1))
        return
    raw = value.encode("utf-8")
    out.append(_flags(9, levels=64 if raw.isascii() else 8) + struct.pack(">i", len(raw)) + raw)  # ASCII / UTF-8


def _r_object(obj: tuple, out: list) -> None:
    kind, values, attributes = obj
    out.append(_flags(R_TYPES[kind], obj="class" in attributes, attr=bool(attributes)) + struct.pack(">i", len(values)))
    if kind == "str":
        for value in values:
            _r_string(value, out)
    elif kind == "list":
        for value in values:
            _r_object(value, out)
    elif kind == "real":
        out.append(np.asarray(values, dtype=">u8").tobytes())
    else:
        out.append(np.asarray(values, dtype=">i4").tobytes())
    if attributes:
        for name, value in attributes.items():
            out.append(_flags(2, tag=True) + _flags(1))  # a pairlist node tagged with a symbol
            _r_string(name, out)
            _r_object(value, out)
        out.append(struct.pack(">i", 254))  # end of the pairlist


def _r_reals(series: pd.Series) -> np.ndarray:
    bits = series.astype("float64").to_numpy(na_value=np.nan).astype(">f8").view(">u8").copy()
    bits[series.isna().to_numpy()] = R_NA_REAL
    return bits


def _r_strings(values: Iterable) -> tuple:
    return ("str", list(values), {})


def r_column(field: dict, series: pd.Series) -> tuple:
    """One column as an R vector with a ``label`` attribute."""
    kind, enum = field.get("type", "string"), enum_of(field)
    if kind == "integer":
        series = series.astype("Int64")  # an enumerated integer field is loaded as a categorical
    missing = series.isna().to_numpy()
    attributes: dict = {}
    if kind == "date":
        days = (series - pd.Timestamp("1970-01-01")).dt.days
        vector = ("real", _r_reals(days), attributes)
        attributes["class"] = _r_strings(["Date"])
    elif kind == "boolean":
        values = np.where(missing, R_NA_INTEGER, series.fillna(False).astype(bool).to_numpy().astype("int32"))
        vector = ("lgl", values, attributes)
    elif kind == "integer" and series.dropna().between(R_NA_INTEGER + 1, 2 ** 31 - 1).all():
        vector = ("int", series.fillna(R_NA_INTEGER).astype("int64").to_numpy(), attributes)
    elif kind in ("integer", "number"):
        vector = ("real", _r_reals(series), attributes)
    elif enum and kind == "string":
        codes = pd.Categorical(_text(series), categories=enum).codes.astype("int64")
        vector = ("int", np.where(codes < 0, R_NA_INTEGER, codes + 1), attributes)
        attributes["levels"] = _r_strings(map(str, enum))
        attributes["class"] = _r_strings(["ordered", "factor"] if field.get("categoriesOrdered") else ["factor"])
    else:
        vector = _r_strings(_text(series))
        attributes = vector[2]
    attributes["label"] = _r_strings([variable_label(field)])
    return vector


def write_rds(resource: dict, frame: pd.DataFrame, target: Path) -> None:
    fields = resource["schema"]["fields"]
    rows = len(frame)
    table = ("list", [r_column(field, frame[field["name"]]) for field in fields], {
        "names": _r_strings(field["name"] for field in fields),
        "class": _r_strings(["data.frame"]),
        "row.names": ("int", [R_NA_INTEGER, -rows] if rows else [], {}),  # R's compact form of 1..rows
        "label": _r_strings([resource.get("title") or resource["name"]]),
    })
    out = [b"X\n", struct.pack(">iiii", 3, R_VERSION, R_MIN_READER, 5), b"UTF-8"]
    _r_object(table, out)
    with open(target, "wb") as handle, gzip.GzipFile(fileobj=handle, mode="wb", mtime=0, filename="") as packed:
        packed.write(b"".join(out))


# --- the export --------------------------------------------------------------------------------------

WRITERS = {"stata": write_stata, "spss": write_spss, "rds": write_rds}


def _replace_atomically(target: Path, write: Callable[[Path], None]) -> None:
    """Write to a temporary file beside ``target``, then rename it: a reader never sees half a file."""
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(handle)
    try:
        write(Path(temporary))
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(temporary, 0o666 & ~mask)  # mkstemp makes the file private; give it the usual mode
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write(fmt: str, out: str | Path, path: str | Path | None = None, progress=None,
          tables: Iterable[str] | None = None) -> Path:
    """Write every table (or only ``tables``) of the package at ``path`` into the directory ``out``
    as ``<table>.dta`` (Stata 14+), ``<table>.sav`` (SPSS) or ``<table>.rds`` (R). ``out`` must not
    exist or be empty; if anything fails, what was written is removed again."""
    if fmt not in STATS_FORMATS:
        raise ValueError(f"format must be one of {', '.join(STATS_FORMATS)}, not {fmt!r}")
    out = Path(out)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise FileExistsError(f"{out} exists and is not an empty directory; remove it or choose another name")
    if fmt != "rds":
        _pyreadstat()
    chosen = [r["name"] for r in resources.descriptor(path)["resources"]] if tables is None else list(tables)
    chosen_resources = [resources.resource(name, path) for name in chosen]  # an unknown name fails here
    step = progress or (lambda name: None)
    created = not out.exists()
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    try:
        for resource in chosen_resources:
            step(resource["name"])
            target = out / f"{resource['name']}{SUFFIXES[fmt]}"
            described, frame = readable.named(resource, loader.load(resource["name"], path), path)
            _replace_atomically(target, lambda temporary: WRITERS[fmt](described, frame, temporary))
            written.append(target)
    except BaseException:
        if created:
            shutil.rmtree(out, ignore_errors=True)
        else:
            for target in written:
                target.unlink(missing_ok=True)
        raise
    return out
