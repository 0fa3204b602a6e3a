"""The ``coldwar-relations`` command."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from coldwar_relations import resources

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
) -> None:
    """Check the package: Frictionless (types, constraints, keys, hashes) and the Pandera
    rules (spells, cross-table references, sources, formula injection). Exit 1 if invalid."""
    from coldwar_relations.validation import validate as run

    report = run(path)
    _summary(report)
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
    from coldwar_relations.validation.run import _row_counts

    root = resources.resolve(path)
    descriptor = resources.descriptor(root)
    typer.echo(f"{descriptor['title']} version {descriptor['version']}")
    for res in descriptor["resources"]:
        typer.echo(f"  {res['name']:<18} {_row_counts(root)[res['name']]:>6} rows  {res['title']}")
    typer.echo("upstream sources:")
    for source in descriptor.get("sources", []):
        typer.echo(f"  {source['title']} ({source['version']})")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
