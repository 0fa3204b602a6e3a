"""The ``coldwar-relations`` command."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from coldwar_relations import resources
from coldwar_relations.engines import AUTO_THRESHOLD_ROWS

app = typer.Typer(help="Validate, inspect and export the coldwar-relations data package.",
                  no_args_is_help=True, add_completion=False)

PATH_HELP = "Package directory or datapackage.json (default: the package installed with this library)."


def _summary(report) -> None:
    descriptor = resources.descriptor(report.root)
    typer.echo(f"{descriptor['title']} ({descriptor['name']}) version {report.version}")
    typer.echo(f"package: {report.root}")
    width = max(len(n) for n in report.rows)
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

    report = run(path, engine=engine)
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

    root = resources.resolve(path)
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
) -> None:
    """Print rows of a table, optionally filtered."""
    import pandas as pd

    from coldwar_relations import loader

    try:
        frame = loader.load(table, path)
    except KeyError as error:
        raise typer.BadParameter(str(error).strip('"'), param_hint="TABLE")
    if where:
        try:
            frame = frame.query(where, engine="python")
        except Exception as error:  # noqa: BLE001 - any pandas query error is the user's input
            raise typer.BadParameter(f"cannot filter with {where!r}: {error}", param_hint="--where")
    if columns:
        frame = frame[[c.strip() for c in columns.split(",")]]
    with pd.option_context("display.width", 200, "display.max_columns", 20, "display.max_colwidth", 40):
        typer.echo(frame.head(limit if limit else len(frame)).to_string(index=False))
    typer.echo(f"({len(frame)} rows)")


@app.command()
def export(
    out: Path = typer.Argument(..., help="Output: a directory (parquet) or a file (.sqlite, .duckdb, .xlsx)."),
    fmt: str = typer.Option(..., "--format", "-f", help="parquet, sqlite, duckdb or xlsx."),
    path: Optional[Path] = typer.Option(None, "--package", help=PATH_HELP),
) -> None:
    """Export every table; SQLite and DuckDB keep primary and foreign keys."""
    from coldwar_relations.export import FORMATS, export as run

    if fmt not in FORMATS:
        raise typer.BadParameter(f"choose one of {', '.join(FORMATS)}", param_hint="--format")
    try:
        written = run(fmt, out, path, progress=lambda name: typer.echo(f"  writing {name}", err=True))
    except (FileExistsError, ImportError) as error:
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
    from coldwar_relations import diff as d

    def root(spec: str) -> Path:
        candidate = Path(spec)
        if (candidate / "datapackage.json").is_file() or candidate.name == "datapackage.json":
            return resources.resolve(candidate)
        return d.checkout(spec)

    result = d.compare(root(old), root(new))
    typer.echo(d.report(result))
    if check and not result.bump_ok:
        typer.echo(f"error: this change needs a {result.required} version bump; datapackage.json goes "
                   f"{result.old_version} -> {result.new_version}. Edit version in pipeline/descriptor/package.yaml, "
                   "add a CHANGELOG.md entry, and run `python -m pipeline.build --descriptor-only`.", err=True)
        raise typer.Exit(1)


@app.command()
def cite(
    source: Optional[str] = typer.Argument(None, help="An upstream source_id (e.g. archigos-4.1); default: the package."),
    fmt: str = typer.Option("apa", "--format", "-f", help="apa or bibtex."),
    path: Optional[Path] = typer.Option(None, "--package", help=PATH_HELP),
) -> None:
    """How to cite the package or an upstream dataset."""
    from coldwar_relations.provenance import cite as run

    try:
        typer.echo(run(fmt, source, path))
    except KeyError:
        raise typer.BadParameter(f"no source {source!r} in the sources table", param_hint="SOURCE")
    except ValueError as error:
        raise typer.BadParameter(str(error), param_hint="--format")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
