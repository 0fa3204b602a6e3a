"""Membership spells: ordered, consistent when open, and not overlapping within a system."""

from __future__ import annotations

from coldwar_relations.rules.base import end_not_before_start, no_overlap, open_spell_consistent

RULES = [
    end_not_before_start("membership-end-after-start"),
    open_spell_consistent("membership-open-spell"),
    no_overlap("membership-no-overlap", ["system", "code"]),
]
