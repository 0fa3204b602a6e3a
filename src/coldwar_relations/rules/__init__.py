"""The rules of each table, found from the table's name.

``coldwar_relations.rules.<table>`` holds the rules of that table as a list ``RULES``; the
table's Table Schema (types, keys, enums) is in the descriptor. A table is thus its
descriptor entry and its rules module, and nothing else names it: the validator, the build
and the docs ask this module for a table's rules by the name they read in the descriptor.
"""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType

import pandas as pd
import pandera.pandas as pa

from coldwar_relations.rules.base import Rule, Tables, column_rules, rule

__all__ = ["Rule", "module", "rules_of", "reads", "schema", "rule", "tables"]


def tables() -> set[str]:
    """The tables the library has rules for: the tables this package must hold."""
    return {m.name for m in pkgutil.iter_modules(__path__) if m.name != "base"}


def module(table: str) -> ModuleType:
    """The rules module of ``table``; a table without one is an error, not a table without rules."""
    try:
        return importlib.import_module(f"{__name__}.{table}")
    except ModuleNotFoundError as error:
        if error.name != f"{__name__}.{table}":
            raise
        raise LookupError(f"table {table!r} has no rules module: add src/coldwar_relations/rules/{table}.py "
                          "with a list RULES (it may be empty)") from None


def rules_of(table: str, resource: dict) -> tuple[list[Rule], dict[str, list[Rule]]]:
    """Row rules from the table's module, and column rules from its Table Schema."""
    return list(module(table).RULES), column_rules(resource)


def reads(table: str, resource: dict) -> set[str]:
    """Other tables the rules of ``table`` need."""
    row, by_column = rules_of(table, resource)
    needed = {t for r in row for t in r.reads}
    needed |= {t for rules in by_column.values() for r in rules for t in r.reads}
    return needed - {table}


def schema(table: str, tables: dict[str, pd.DataFrame], resource: dict) -> pa.DataFrameSchema:
    """The Pandera schema of ``table``, bound to the other tables its rules read."""
    row, by_column = rules_of(table, resource)
    bound = Tables(tables, resource)
    columns = {c: pa.Column(checks=[r.check(bound) for r in rules], nullable=True, required=False)
               for c, rules in by_column.items()}
    return pa.DataFrameSchema(columns, checks=[r.check(bound) for r in row], name=table)


def failures(table: str, tables: dict[str, pd.DataFrame], resource: dict) -> pd.DataFrame | None:
    """Pandera's failure cases for ``table`` (None when every rule passes)."""
    import pandera.errors as pe

    try:
        schema(table, tables, resource).validate(tables[table], lazy=True)
    except pe.SchemaErrors as error:
        return error.failure_cases
    return None
