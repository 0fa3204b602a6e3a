"""Major-power spells lie inside the state's COW membership."""

from __future__ import annotations

from coldwar_relations.rules.base import (end_not_before_start, inside_membership, no_overlap, open_spell_consistent,
                                          row_rule)


@row_rule("major-inside-membership", ["country_id", "start_date", "end_date"],
          "a major-power spell must lie inside one of the state's COW membership spells", reads=("state_memberships",))
def inside_cow_membership(df, tables):
    return inside_membership(tables["state_memberships"], "cow")(df)


RULES = [
    end_not_before_start("major-end-after-start"),
    open_spell_consistent("major-open-spell"),
    no_overlap("major-no-overlap", ["cow_code"]),
    inside_cow_membership,
]
