"""coldwar-relations: a curated data package of Cold War international relations.

    >>> import coldwar_relations as cw
    >>> cw.tables()
    >>> leaders = cw.load("leaders")
"""

from __future__ import annotations

from pathlib import Path

from coldwar_relations.blocs import bloc_status
from coldwar_relations.joins import join, with_country_names
from coldwar_relations.loader import load, load_all, tables
from coldwar_relations.names import name_of
from coldwar_relations.representation import us_representative
from coldwar_relations.panels import dyad_years, leader_years, state_years
from coldwar_relations.provenance import cite, sources_for, version
from coldwar_relations.resources import descriptor, package_root

__all__ = [
    "load", "load_all", "tables", "package", "descriptor", "package_root", "data_version", "validate",
    "join", "with_country_names", "state_years", "dyad_years", "leader_years", "version", "cite",
    "sources_for", "name_of", "us_representative", "bloc_status",
]


def package(path: str | Path | None = None):
    """The frictionless ``Package`` for the shipped (or given) data package."""
    from frictionless import Package

    from coldwar_relations.resources import DESCRIPTOR, resolve

    return Package(str(resolve(path) / DESCRIPTOR))


def data_version(path: str | Path | None = None) -> str:
    """Version of the data package (SemVer), from datapackage.json."""
    return descriptor(path)["version"]


def validate(path: str | Path | None = None):
    """Run every check on the package; see ``coldwar_relations.validation``."""
    from coldwar_relations.validation import validate as _validate

    return _validate(path)
