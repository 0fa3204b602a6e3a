"""Stata, SPSS and R exports: every table read back with the tools' own readers (pyreadstat, pyreadr,
and R itself where it is installed) holds the same rows and values as the CSVs, with the labels
and names the formats allow."""

from __future__ import annotations

import functools
import hashlib
import json
import math
import os
import re
import shutil
import subprocess

import pandas as pd
import pyreadr
import pyreadstat
import pytest

from coldwar_relations import loader, readable, resources, stats_export
from coldwar_relations.stats_export import STATS_FORMATS, spss_names, stata_names
from conftest import REPO
from test_validation import edit_cell

# a subset that has every kind of field: dates, reduced-precision dates, booleans, integers with
# missing values and with categories, numbers, ordered and unordered enums, long text
TABLES = ("events", "leaders", "sources", "crisis_metrics", "relations", "crises")
READERS = {"stata": pyreadstat.read_dta, "spss": pyreadstat.read_sav}
LIMITS = {"stata": (stats_export.STATA_LIMITS, len), "spss": (stats_export.SPSS_LIMITS, lambda t: len(t.encode()))}


@pytest.fixture(scope="module")
def exports(tmp_path_factory):
    """The subset written once in each format: format -> directory."""
    root, out = tmp_path_factory.mktemp("stats"), {}
    for fmt in STATS_FORMATS:
        seen = []
        out[fmt] = stats_export.write(fmt, root / fmt, REPO, progress=seen.append, tables=TABLES)
        assert out[fmt] == root / fmt and seen == list(TABLES)
        assert sorted(p.name for p in out[fmt].iterdir()) == sorted(f"{t}{stats_export.SUFFIXES[fmt]}" for t in TABLES)
    return out


def record_edit(root, table):
    """Record an edited data file's new hash in the copy's descriptor, as a rebuild would."""
    descriptor = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    for res in descriptor["resources"]:
        if res["name"] == table:
            data = (root / res["path"]).read_bytes()
            res["hash"], res["bytes"] = f"sha256:{hashlib.sha256(data).hexdigest()}", len(data)
    (root / "datapackage.json").write_text(json.dumps(descriptor, indent=2), encoding="utf-8")


@functools.lru_cache(maxsize=None)
def named(table):
    """The table as the exports write it: with the names of the time beside country columns."""
    return readable.named(resources.resource(table, REPO), loader.load(table, REPO), REPO)


def fields(table):
    return named(table)[0]["schema"]["fields"]


def expected(table):
    """What the CSV says, typed by the loader, as Python values (None where the cell is empty)."""
    frame = named(table)[1]
    out = {}
    for field in fields(table):
        series, kind = frame[field["name"]], field.get("type", "string")
        values = series.astype(object).where(series.notna(), None).tolist()
        if kind == "date":
            values = [None if v is None else v.date() for v in values]
        elif kind == "integer":
            values = [None if v is None else int(v) for v in values]
        elif kind == "number":
            values = [None if v is None else float(v) for v in values]
        elif kind != "boolean":
            values = [None if v is None else str(v) for v in values]
        out[field["name"]] = values
    return out


def missing(value):
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def plain(values):
    return [None if missing(v) else v for v in values]


def fits_as_shortened(label, full, limit, size):
    """``label`` is ``full``, or (when full is too long) a start of it followed by "...", within limit."""
    full = " ".join(full.split())
    if size(full) <= limit:
        return label == full
    return label.endswith("...") and full.startswith(label[:-3]) and size(label) <= limit


@pytest.mark.parametrize("fmt", STATS_FORMATS)
@pytest.mark.parametrize("table", TABLES)
def test_values_read_back_equal_the_csv(exports, fmt, table):
    out = exports[fmt]
    want = expected(table)
    rows = len(next(iter(want.values())))
    if fmt == "rds":
        got = pyreadr.read_r(str(out / f"{table}.rds"))[None]
        assert list(got.columns) == [f["name"] for f in fields(table)] and len(got) == rows
        for field in fields(table):
            name = field["name"]
            values = plain(got[name].astype(object).tolist())
            if field.get("type") == "integer":
                values = [None if v is None else int(v) for v in values]
            assert values == want[name], f"{table}.{name}"
            if field.get("constraints", {}).get("enum") and field.get("type", "string") == "string":
                assert list(got[name].cat.categories) == field["constraints"]["enum"]
        return
    raw, meta = READERS[fmt](out / f"{table}{stats_export.SUFFIXES[fmt]}")
    labelled = pyreadstat.set_value_labels(raw, meta)
    columns = [f["name"] for f in fields(table)]
    names = stata_names(columns, labelled=meta.variable_value_labels) if fmt == "stata" else spss_names(columns)
    assert list(raw.columns) == [names[f["name"]] for f in fields(table)] and len(raw) == rows
    for field in fields(table):
        name, kind = names[field["name"]], field.get("type", "string")
        want_values = want[field["name"]]
        if kind == "date":
            got_values = [None if missing(v) else pd.Timestamp(v).date() for v in raw[name]]
        elif kind == "boolean":
            got_values = [None if missing(v) else {"true": True, "false": False}[v] for v in labelled[name]]
        elif kind == "integer":
            got_values = [None if missing(v) else int(v) for v in raw[name]]
        elif kind == "number":
            got_values = plain(raw[name].tolist())
        elif field.get("constraints", {}).get("enum"):
            got_values = plain(labelled[name].astype(object).tolist())
        else:  # Stata and SPSS have no missing text: an empty cell is an empty string
            got_values = [None if v == "" else v for v in raw[name]]
            if fmt == "spss":  # SPSS pads text with spaces, so a trailing space cannot survive
                want_values = [None if v is None else v.rstrip(" ") for v in want_values]
        assert got_values == want_values, f"{table}.{field['name']}"


@pytest.mark.parametrize("fmt", ["stata", "spss"])
def test_variable_labels_value_labels_and_file_label(exports, fmt):
    out = exports[fmt]
    limits, size = LIMITS[fmt]
    for table in TABLES:
        resource = named(table)[0]
        _, meta = READERS[fmt](out / f"{table}{stats_export.SUFFIXES[fmt]}", metadataonly=True)
        assert meta.file_label == resource["title"]
        if fmt == "spss":  # the table's description, as an SPSS document
            assert " ".join(meta.notes) == " ".join(resource["description"].split())
        labels = dict(zip([f["name"] for f in resource["schema"]["fields"]], meta.column_labels))
        for field in resource["schema"]["fields"]:
            name, kind, enum = field["name"], field.get("type", "string"), field.get("constraints", {}).get("enum")
            full = field.get("title") or field["description"]
            assert fits_as_shortened(labels[name], full, limits["label"], size), f"{table}.{name}: {labels[name]!r}"
            got = meta.variable_value_labels.get(name)
            if kind == "boolean":
                assert got == {0: "false", 1: "true"}
            elif kind == "string" and enum:
                assert got == {code: value for code, value in enumerate(enum, start=1)}, f"{table}.{name}"
            elif kind == "integer" and field.get("categories"):
                want = {c["value"]: c["label"] for c in field["categories"]}
                assert set(got) == set(want)
                assert all(fits_as_shortened(got[v], want[v], limits["value_label"], size) for v in want)
            else:
                assert got is None, f"{table}.{name} has value labels"


@pytest.mark.parametrize("fmt", ["stata", "spss"])
def test_stata_and_spss_hold_real_dates(exports, fmt):
    out = exports[fmt]
    _, meta = READERS[fmt](out / f"leaders{stats_export.SUFFIXES[fmt]}", metadataonly=True)
    assert meta.original_variable_types["start_date"] == ("%td" if fmt == "stata" else "DATE11")
    _, meta = READERS[fmt](out / f"events{stats_export.SUFFIXES[fmt]}", metadataonly=True)
    assert meta.readstat_variable_types["date"] == "string"  # 1962, 1962-10 or 1962-10-22 stays text


def test_country_codes_read_with_the_name_of_the_time(exports):
    relations = pyreadr.read_r(str(exports["rds"] / "relations.rds"))[None]
    israel = relations[relations.pair_id == "RUS-ISR"].set_index("year")
    assert (israel.loc[1962, "country_a_name"], israel.loc[1992, "country_a_name"]) == ("Soviet Union",
                                                                                          "Russian Federation")
    raw, meta = pyreadstat.read_dta(exports["stata"] / "relations.dta")
    assert meta.column_names_to_labels["country_a_name"] == "Name of country_a at the time"


@pytest.mark.skipif(shutil.which("Rscript") is None, reason="R is not installed")
def test_r_reads_the_files(exports):
    """readRDS in R itself: classes, factor levels, labels and every value against read.csv."""
    out = exports["rds"]
    script = r"""
    args <- commandArgs(TRUE); out <- args[1]; data <- args[2]
    for (f in list.files(out, full.names = TRUE)) {
      d <- readRDS(f); t <- sub("\\.rds$", "", basename(f))
      c <- read.csv(file.path(data, paste0(t, ".csv")), na.strings = "", colClasses = "character",
                    encoding = "UTF-8", check.names = FALSE)
      stopifnot(is.data.frame(d), identical(names(d)[names(d) %in% names(c)], names(c)), nrow(d) == nrow(c))
      cat(t, attr(d, "label"), "\n", sep = "\t")
      for (n in names(c)) {
        v <- d[[n]]; label <- attr(v, "label"); attr(v, "label") <- NULL; w <- c[[n]]
        ok <- if (inherits(v, "Date")) identical(format(v), w)
          else if (is.factor(v) || is.character(v)) identical(as.character(v), w)
          else if (is.logical(v)) identical(v, as.logical(w))
          else if (is.integer(v)) identical(v, as.integer(w))
          else isTRUE(all.equal(v, as.numeric(w), tolerance = 0))
        cat(t, n, paste(class(v), collapse = "/"), ok, if (is.factor(v)) paste(levels(v), collapse = "|") else "",
            gsub("[\t\n]", " ", label), "\n", sep = "\t")
      }
    }
    """
    result = subprocess.run(["Rscript", "-e", script, str(out), str(REPO / "data")],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    lines = [line.rstrip("\n").split("\t") for line in result.stdout.splitlines()]
    titles = {row[0]: row[1] for row in lines if len(row) == 3}
    columns = {(row[0], row[1]): row[2:] for row in lines if len(row) > 3}
    assert titles == {t: resources.resource(t, REPO)["title"] for t in TABLES}
    kinds = {"date": "Date", "boolean": "logical", "integer": "integer", "number": "numeric", "string": "character"}
    for table in TABLES:
        for field in resources.resource(table, REPO)["schema"]["fields"]:  # the CSV's columns
            r_class, same, levels, label = columns[(table, field["name"])][:4]
            enum, kind = field.get("constraints", {}).get("enum"), field.get("type", "string")
            assert same == "TRUE", f"{table}.{field['name']} differs from the CSV in R"
            assert label.strip() == " ".join((field.get("title") or field["description"]).split())
            if enum and kind == "string":
                assert r_class == ("ordered/factor" if field.get("categoriesOrdered") else "factor")
                assert levels == "|".join(enum)
            else:
                assert r_class == kinds[kind], f"{table}.{field['name']}"


def test_stata_names_keep_valid_names_and_shorten_the_rest_deterministically():
    long_a = "relations_status_after_the_event_" + "a" * 7   # 40 characters
    long_b = "relations_status_after_the_event_" + "b" * 7   # the same first 33
    columns = ["year", "_merge", long_a, long_b, "in", "1st_rank", "état", "str80"]
    names = stata_names(columns)
    assert names == stata_names(columns)  # deterministic
    assert names == stata_names(list(reversed(columns)))  # and independent of column order here
    assert names["year"] == "year" and names["_merge"] == "_merge"
    assert len(set(names.values())) == len(columns)
    for column, name in names.items():
        assert re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]{0,31}", name), name
        assert name not in stats_export.STATA_RESERVED and not re.fullmatch(r"str[0-9]+", name)
    assert names[long_a].startswith(long_a[:25]) and names[long_b].startswith(long_b[:25])
    assert names[long_a] != names[long_b] and len(names[long_a]) == 32
    # a column already named like another's short form keeps its name; the long one moves aside
    taken = stata_names([long_a])[long_a]
    crowded = stata_names([long_a, taken])
    assert crowded[taken] == taken and crowded[long_a] not in (taken, long_a) and len(crowded[long_a]) <= 32
    # a variable with value labels leaves room for pyreadstat's label-set counter
    assert len(stata_names(["x" * 31], labelled={"x" * 31})["x" * 31]) <= 29
    assert stata_names(["x" * 31])["x" * 31] == "x" * 31


def test_spss_names_follow_spss_rules():
    long_a, long_b = "a" * 60 + "_one_more", "a" * 60 + "_two_more"
    names = spss_names(["Year", "year", "by", "_id", long_a, long_b, "ok.name", "ends."])
    assert names == spss_names(["Year", "year", "by", "_id", long_a, long_b, "ok.name", "ends."])
    assert names["Year"] == "Year" and names["ok.name"] == "ok.name"
    assert len({n.upper() for n in names.values()}) == 8  # unique ignoring case, as SPSS compares
    for name in names.values():
        assert re.fullmatch(r"[A-Za-z][A-Za-z0-9_.]*", name) and len(name.encode()) <= 64 and not name.endswith(".")
        assert name.upper() not in stats_export.SPSS_RESERVED


def test_shortened_names_are_what_the_files_hold(tmp_path, package_copy):
    """A table whose field name is longer than Stata allows is written under the documented name."""
    raw = json.loads((package_copy / "datapackage.json").read_text(encoding="utf-8"))
    resource = next(r for r in raw["resources"] if r["name"] == "event_actors")
    schema_path, data_path = package_copy / resource["schema"], package_copy / resource["path"]
    long = "country_taking_part_in_the_event_as_an_actor"  # 44 characters
    schema = schema_path.read_text(encoding="utf-8")
    schema_path.write_text(schema.replace('"country_id"', f'"{long}"'), encoding="utf-8")
    data_path.write_text(data_path.read_text(encoding="utf-8").replace("country_id", long, 1), encoding="utf-8")
    record_edit(package_copy, "event_actors")
    stats_export.write("stata", tmp_path / "dta", package_copy, tables=["event_actors"])
    frame, _ = pyreadstat.read_dta(tmp_path / "dta" / "event_actors.dta")
    short = stata_names([long])[long]
    assert short in frame.columns and len(short) <= 32
    assert frame[short].tolist() == loader.load("event_actors", package_copy)[long].astype(str).tolist()


def test_long_text_is_kept_or_refused_never_cut(tmp_path, package_copy):
    key = loader.load("sources", package_copy)["source_id"].iloc[2]
    text = "quoted at length " * 2500  # 42,500 bytes: more than an SPSS text variable holds
    line = edit_cell(package_copy, "sources", key, "quote", text)
    record_edit(package_copy, "sources")
    with pytest.raises(ValueError, match=rf"sources\.quote, row {line - 1} \(line {line} of the CSV\)"):
        stats_export.write("spss", tmp_path / "sav", package_copy, tables=["sources"])
    assert not (tmp_path / "sav").exists()
    stats_export.write("stata", tmp_path / "dta", package_copy, tables=["sources"])  # a strL holds it
    frame, _ = pyreadstat.read_dta(tmp_path / "dta" / "sources.dta")
    assert frame["quote"].iloc[2] == text
    stats_export.write("rds", tmp_path / "rds", package_copy, tables=["sources"])
    assert pyreadr.read_r(str(tmp_path / "rds" / "sources.rds"))[None]["quote"].iloc[2] == text


def fails_on_third_table():
    seen = []

    def step(name):
        seen.append(name)
        if len(seen) == 3:  # two files are written by now
            raise RuntimeError("interrupted")
    return step


@pytest.mark.parametrize("fmt", STATS_FORMATS)
def test_a_failed_export_leaves_nothing(tmp_path, fmt):
    tables = ["pairs", "alliances", "claims"]
    out = tmp_path / "new" / "export"
    with pytest.raises(RuntimeError, match="interrupted"):
        stats_export.write(fmt, out, REPO, progress=fails_on_third_table(), tables=tables)
    assert not out.exists()

    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(RuntimeError, match="interrupted"):
        stats_export.write(fmt, empty, REPO, progress=fails_on_third_table(), tables=tables)
    assert empty.is_dir() and list(empty.iterdir()) == []  # an empty directory given is left empty

    with pytest.raises(KeyError):
        stats_export.write(fmt, tmp_path / "unknown", REPO, tables=["pairs", "no_such_table"])
    assert not (tmp_path / "unknown").exists()


def test_refuses_a_directory_that_is_not_empty_and_an_unknown_format(tmp_path):
    (tmp_path / "keep.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(FileExistsError):
        stats_export.write("stata", tmp_path, REPO, tables=["pairs"])
    assert [p.name for p in tmp_path.iterdir()] == ["keep.txt"]
    with pytest.raises(ValueError, match="stata, spss, rds"):
        stats_export.write("sas", tmp_path / "x", REPO)


def test_files_are_written_atomically_and_readable(tmp_path):
    out = stats_export.write("rds", tmp_path / "r", REPO, tables=["alliances"])
    assert [p.name for p in out.iterdir()] == ["alliances.rds"]  # no temporary file left beside it
    umask = os.umask(0)
    os.umask(umask)
    assert (out / "alliances.rds").stat().st_mode & 0o777 == 0o666 & ~umask  # not a temporary file's 0600


def test_shortened_labels_are_cut_at_a_word_and_marked():
    text = "Semicolon-separated source_id values (sources table) supporting the row, and more words here."
    short = stats_export.shorten(text, 40)
    assert short == "Semicolon-separated source_id values..." and len(short) <= 40
    assert stats_export.shorten("é" * 100, 80, lambda t: len(t.encode())).endswith("...")
    assert len(stats_export.shorten("é" * 100, 80, lambda t: len(t.encode())).encode()) <= 80
    assert stats_export.shorten("short", 80) == "short"
