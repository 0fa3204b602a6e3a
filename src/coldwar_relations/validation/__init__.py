"""Validate a data package: Frictionless (cells, keys, hashes) then Pandera (cross-row and
cross-table rules). Every problem names file, row, column, value and rule; nothing is
modified."""

from coldwar_relations.validation.problems import Problem
from coldwar_relations.validation.run import Report, validate

__all__ = ["Problem", "Report", "validate"]
