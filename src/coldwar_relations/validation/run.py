"""Both stages together, and the summary the CLI prints."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from coldwar_relations import loader, resources
from coldwar_relations.validation import frictionless_stage, rules_stage
from coldwar_relations.validation.problems import Problem


@dataclass
class Report:
    root: Path
    version: str
    rows: dict[str, int]
    problems: list[Problem] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not self.problems


def _row_counts(root: Path) -> dict[str, int]:
    return {
        res["name"]: len(loader.read_text(root / res["path"], strict=False))
        for res in resources.descriptor(root)["resources"]
        if (root / res["path"]).is_file()
    }


def validate(path: str | Path | None = None) -> Report:
    root = resources.resolve(path)
    resources._descriptor.cache_clear()
    descriptor = resources.descriptor(root)
    problems, broken = frictionless_stage.check(root)
    problems += rules_stage.check(root, broken)
    return Report(root, descriptor["version"], _row_counts(root), problems)
