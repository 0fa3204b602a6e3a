"""The derived tables (relations, pair_crises): one build step each, running the derivation the
library defines (``coldwar_relations.derive``) on the tables this build writes."""

from __future__ import annotations

from coldwar_relations.derive import derivations
from pipeline.steps import step

for _name, _derivation in derivations().items():
    step(_name)(lambda ctx, derivation=_derivation: derivation(ctx.table))
