"""The ``coldwar-relations`` command."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer

from coldwar_relations import resources
from coldwar_relations.engines import AUTO_THRESHOLD_ROWS

app = typer.Typer(help="Validate, inspect and export the coldwar-relations data package.\n\n"
                  "Exit codes: 0 done (valid), 1 the data are invalid, 2 the command could not run "
                  "(a usage error, a missing file, out of memory).",
                  no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)

PATH_HELP = ("Package directory or datapackage.json (default: the package of the current directory, "
             "else the one installed with this library).")
NO_VERIFY_HELP = "Read data files even if they no longer match the hashes in datapackage.json (while editing)."
DEBUG = {"on": False}  # set by --debug: show the traceback of an unexpected error


def _version(value: bool) -> None:
    if value:  # the library's version is the version of the package it ships
        library = resources.descriptor(resources.package_root())["version"]
        root, origin = resources.locate(None)
        typer.echo(f"coldwar-relations {library}; data package {resources.descriptor(root)['version']} "
                   f"at {root} ({origin})")
        raise typer.Exit()


@app.callback()
def _options(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Print the library and data package versions and exit."),
    debug: bool = typer.Option(False, "--debug", help="Show the Python traceback of an unexpected error."),
) -> None:
    DEBUG["on"] = debug


def _root(path: Optional[Path]) -> Path:
    """The package a command reads, said on stderr so that stdout stays the command's output."""
    root, origin = resources.locate(path)
    typer.echo(f"package: {root} ({origin})", err=True)
    return root


def _summary(report) -> None:
    typer.echo(f"{report.title} version {report.version}")
    width = max((len(n) for n in report.rows), default=5)
    for name, count in report.rows.items():
        typer.echo(f"  {name:<{width}}  {count:>6} rows")
    typer.echo(f"  {'total':<{width}}  {sum(report.rows.values()):>6} rows in {len(report.rows)} tables")


@app.command()
def validate(
    path: Optional[Path] = typer.Argument(None, help=PATH_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print the problems as JSON lines."),
    engine: str = typer.Option("auto", "--engine", help="Table Schema checks by frictionless, vectorized, or "
                               f"auto (frictionless unless the package exceeds {AUTO_THRESHOLD_ROWS:,} rows)."),
) -> None:
    """Check the package: Frictionless (types, constraints, keys, hashes) and the Pandera
    rules (spells, cross-table references, sources, formula injection). Exit 1 if invalid."""
    from coldwar_relations.validation import validate as run

    report = run(_root(path), engine=engine)
    _summary(report)
    typer.echo(f"Table Schema checks: {report.engine}")
    for problem in report.problems:
        typer.echo(json.dumps(problem.as_dict()) if as_json else str(problem))
    if report.valid:
        typer.echo("result: VALID")
        return
    typer.echo(f"result: INVALID, {len(report.problems)} problem(s)")
    raise typer.Exit(1)


@app.command()
def info(path: Optional[Path] = typer.Argument(None, help=PATH_HELP)) -> None:
    """Tables, row counts, version and upstream sources."""
    from coldwar_relations.validation.run import row_counts

    root = _root(path)
    descriptor = resources.descriptor(root)
    counts = row_counts(root)  # each CSV read once
    typer.echo(f"{descriptor['title']} version {descriptor['version']}")
    for res in descriptor["resources"]:
        typer.echo(f"  {res['name']:<22} {counts.get(res['name'], 0):>6} rows  {res['title']}")
    typer.echo("upstream sources:")
    for source in descriptor.get("sources", []):
        typer.echo(f"  {source['title']} ({source['version']})")


@app.command()
def show(
    table: str = typer.Argument(..., help="Table name (see `coldwar-relations info`)."),
    where: Optional[str] = typer.Option(None, "--where", help='pandas query, e.g. "country_id == \'RUS\'".'),
    columns: Optional[str] = typer.Option(None, "--columns", help="Comma-separated columns to show."),
    limit: int = typer.Option(20, "--limit", help="Rows to print (0 for all)."),
    path: Optional[Path] = typer.Option(None, "--package", help=PATH_HELP),
    no_verify: bool = typer.Option(False, "--no-verify", help=NO_VERIFY_HELP),
) -> None:
    """Print rows of a table, optionally filtered."""
    import pandas as pd

    from coldwar_relations import loader

    root = _root(path)
    try:
        frame = loader.load(table, root, verify=not no_verify)
    except KeyError as error:
        raise typer.BadParameter(error.args[0], param_hint="TABLE")
    if where:
        try:
            frame = frame.query(where, engine="python")
        except Exception as error:  # noqa: BLE001 - any pandas query error is the user's input
            raise typer.BadParameter(f"cannot filter with {where!r}: {error}", param_hint="--where")
    if columns:
        wanted = [c.strip() for c in columns.split(",")]
        unknown = [c for c in wanted if c not in frame.columns]
        if unknown:
            raise typer.BadParameter(f"no column {', '.join(map(repr, unknown))} in {table}; its columns are: "
                                     f"{', '.join(frame.columns)}", param_hint="--columns")
        frame = frame[wanted]
    with pd.option_context("display.width", 200, "display.max_columns", 20, "display.max_colwidth", 40):
        typer.echo(frame.head(limit if limit else len(frame)).to_string(index=False))
    typer.echo(f"({len(frame)} rows)")


@app.command()
def export(
    out: Path = typer.Argument(..., help="Output: a directory (parquet, stata, spss, rds) or a file "
                               "(.sqlite, .duckdb, .xlsx)."),
    fmt: str = typer.Option(..., "--format", "-f", help="parquet, sqlite, duckdb, xlsx, stata, spss or rds."),
    path: Optional[Path] = typer.Option(None, "--package", help=PATH_HELP),
) -> None:
    """Export every table; SQLite and DuckDB keep primary and foreign keys."""
    from coldwar_relations.export import FORMATS, export as run

    if fmt not in FORMATS:
        raise typer.BadParameter(f"choose one of {', '.join(FORMATS)}", param_hint="--format")
    root = _root(path)
    try:
        written = run(fmt, out, root, progress=lambda name: typer.echo(f"  writing {name}", err=True))
    except (FileExistsError, ImportError, ValueError) as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2)
    typer.echo(f"wrote {written}")


@app.command()
def diff(
    old: str = typer.Argument(..., help="Old package: a directory, or a git ref (e.g. HEAD~1, v0.1.0)."),
    new: str = typer.Argument(".", help="New package: a directory or a git ref (default: the working tree)."),
    check: bool = typer.Option(False, "--check", help="Exit 1 if the version is not bumped as the change requires."),
) -> None:
    """Rows added, removed and changed by primary key, schema changes, and the version bump required."""
    from contextlib import ExitStack

    from coldwar_relations import diff as d

    with ExitStack() as stack:
        def root(spec: str) -> Path:
            candidate = Path(spec)
            if (candidate / "datapackage.json").is_file() or candidate.name == "datapackage.json":
                return resources.resolve(candidate)
            if candidate.exists():
                raise ValueError(f"{spec} is a path without a datapackage.json")
            return stack.enter_context(d.checkout(spec))

        result = d.compare(root(old), root(new))
    typer.echo(d.report(result))
    if check and not result.bump_ok:
        typer.echo(f"error: this change needs a {result.required} version bump; datapackage.json goes "
                   f"{result.old_version} -> {result.new_version}. Edit version in pipeline/descriptor/package.yaml, "
                   "add a CHANGELOG.md entry, and run `python -m pipeline.build --descriptor-only`.", err=True)
        raise typer.Exit(1)


@app.command()
def release(
    dist: Path = typer.Option(Path("dist"), "--dist", help="Where to write the release files."),
    root: Path = typer.Option(Path("."), "--root", help="The source checkout: the folder with pyproject.toml "
                              "and datapackage.json."),
    check: bool = typer.Option(False, "--check", help="Build nothing; exit 1 unless datapackage.json, the top "
                               "CHANGELOG.md entry and CITATION.cff give the same version."),
) -> None:
    """Build a release from a source checkout: sdist, wheel, the data package zip, .zenodo.json
    and SHA256SUMS (check downloads with `sha256sum -c SHA256SUMS`)."""
    from coldwar_relations import release as run

    if not run.is_checkout(root):
        typer.echo(f"error: {root} is not a source checkout (it needs pyproject.toml and datapackage.json)", err=True)
        raise typer.Exit(2)
    if check:
        ok, account = run.version_check(root)
        typer.echo(account)
        raise typer.Exit(0 if ok else 1)
    try:
        built = run.build(dist, root)
    except run.ReleaseError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2)
    for path in built:
        typer.echo(f"{path}  {path.stat().st_size:,} bytes")


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (default: this machine only)."),
    port: int = typer.Option(8001, "--port", help="Port to listen on."),
    path: Optional[Path] = typer.Option(None, "--package", help=PATH_HELP),
    open_browser: bool = typer.Option(False, "--open", help="Open the database page in a web browser."),
) -> None:
    """Browse and query the package in Datasette (read-only SQLite, cached after the first run),
    with table and column descriptions and canned queries. Stop with Ctrl-C."""
    from coldwar_relations.serve import serve as run

    root = _root(path)
    try:
        run(root, host=host, port=port, open_browser=open_browser,
            progress=lambda line: typer.echo(line, err=True))
    except (OSError, ImportError) as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2)
    except KeyboardInterrupt:  # Ctrl-C after the server has shut down: a normal stop
        pass


@app.command()
def cite(
    source: Optional[str] = typer.Argument(None, help="An upstream source_id (e.g. archigos-4.1); default: the package."),
    fmt: str = typer.Option("apa", "--format", "-f", help="apa or bibtex."),
    path: Optional[Path] = typer.Option(None, "--package", help=PATH_HELP),
) -> None:
    """How to cite the package or an upstream dataset."""
    from coldwar_relations.provenance import cite as run

    try:
        typer.echo(run(fmt, source, _root(path)))
    except KeyError:
        raise typer.BadParameter(f"no source {source!r} in the sources table", param_hint="SOURCE")
    except ValueError as error:
        raise typer.BadParameter(str(error), param_hint="--format")


# errors that say what is wrong with the user's input or environment; anything else is a bug,
# for which the traceback (--debug) is worth asking
EXPECTED = (OSError, KeyError, ValueError, ImportError, MemoryError)


def _one_line(error: BaseException) -> str:
    if isinstance(error, KeyError) and error.args:
        return str(error.args[0])
    if isinstance(error, MemoryError):
        return "out of memory; free memory or validate on a larger machine"
    if isinstance(error, OSError) and error.filename is not None:
        return f"{error.strerror or error}: {error.filename}"
    return str(error).splitlines()[0] if str(error) else type(error).__name__


def main(args: list[str] | None = None) -> None:
    """Run the command; a usage error or a failure of the tool itself ends in one line on
    stderr and exit code 2 (1 is kept for invalid data), never in a traceback unless --debug."""
    args = (sys.argv[1:] if args is None else list(args)) or ["--help"]
    try:
        code = app(args=args, prog_name="coldwar-relations", standalone_mode=False)
    except typer.TyperException as error:  # a usage error: click's message, on one line
        ctx = getattr(error, "ctx", None)
        hint = f" (see `{ctx.command_path} --help`)" if ctx is not None else ""
        typer.echo(f"error: {error.format_message()}{hint}", err=True)
        code = error.exit_code
    except typer.Abort:
        typer.echo("aborted", err=True)
        code = 2
    except (Exception, MemoryError, RecursionError) as error:  # noqa: BLE001 - the tool's own failure
        if DEBUG["on"] or "--debug" in args:
            raise
        hint = "" if isinstance(error, EXPECTED) else " (run with --debug for the traceback)"
        typer.echo(f"error: {_one_line(error)}{hint}", err=True)
        code = 2
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    main()
