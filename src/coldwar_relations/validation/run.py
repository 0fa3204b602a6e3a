"""Both stages together, and the summary the CLI prints."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from coldwar_relations import loader, resources
from coldwar_relations.validation import frictionless_stage, rules_stage, tableschema_stage

ENGINES = ("auto", "frictionless", "vectorized")
# above this many data rows Frictionless's row-by-row checks take minutes; the vectorised
# Table Schema checks give the same rules in seconds
AUTO_THRESHOLD_ROWS = 50_000
from coldwar_relations.validation.problems import Problem


@dataclass
class Report:
    root: Path
    version: str
    rows: dict[str, int]
    problems: list[Problem] = field(default_factory=list)
    engine: str = "frictionless"

    @property
    def valid(self) -> bool:
        return not self.problems


def _row_counts(root: Path) -> dict[str, int]:
    """Data rows per table (records, so a quoted line break does not count twice)."""
    import pyarrow.csv as pacsv

    counts = {}
    for res in resources.descriptor(root)["resources"]:
        path = root / res["path"]
        if not path.is_file():
            continue
        try:
            counts[res["name"]] = pacsv.read_csv(path, convert_options=pacsv.ConvertOptions(
                column_types={f["name"]: "string" for f in res["schema"]["fields"]})).num_rows
        except Exception:  # unreadable (bad encoding, broken quoting): count it the lenient way
            counts[res["name"]] = len(loader.read_text(path, strict=False))
    return counts


def validate(path: str | Path | None = None, engine: str = "auto") -> Report:
    """Every check on the package at ``path``. ``engine`` picks who checks the Table Schemas:
    Frictionless, the vectorised checks, or (auto) Frictionless unless the package has more
    than AUTO_THRESHOLD_ROWS rows."""
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {', '.join(ENGINES)}")
    root = resources.resolve(path)
    descriptor = resources.descriptor(root)
    rows = _row_counts(root)
    if engine == "auto":
        engine = "vectorized" if sum(rows.values()) > AUTO_THRESHOLD_ROWS else "frictionless"
    typed: dict = {}
    if engine == "frictionless":
        problems, broken = frictionless_stage.check(root)
        typed = rules_stage.read_all(root, broken)
    else:
        problems, broken = tableschema_stage.check(root, typed)
    problems += rules_stage.check(root, broken, typed)
    return Report(root, descriptor["version"], rows, problems, engine)
