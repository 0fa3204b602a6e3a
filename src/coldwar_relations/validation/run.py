"""Both stages together, and the summary the CLI prints."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from coldwar_relations import loader, resources
from coldwar_relations.validation import frictionless_stage, rules_stage, tableschema_stage
from coldwar_relations.validation.concurrency import background

from coldwar_relations.engines import AUTO_THRESHOLD_ROWS, ENGINES
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


def row_counts(root: Path, read: dict | None = None) -> dict[str, int]:
    """Data rows per table (records, so a quoted line break does not count twice); ``read``:
    tables already parsed."""
    import pyarrow.csv as pacsv

    counts = {}
    for res in resources.descriptor(root)["resources"]:
        path = root / res["path"]
        if read and res["name"] in read:
            counts[res["name"]] = len(read[res["name"]])
            continue
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
    than AUTO_THRESHOLD_ROWS rows. Frictionless runs in a forked process while this one reads
    the tables and runs the rules, so its time and theirs overlap."""
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {', '.join(ENGINES)}")
    root = resources.resolve(path)
    descriptor = resources.descriptor(root)
    if engine == "auto":
        engine = "vectorized" if _estimated_rows(root) > AUTO_THRESHOLD_ROWS else "frictionless"
    typed: dict = {}
    if engine == "vectorized":
        problems, broken = tableschema_stage.check(root, typed)
        problems += rules_stage.check(root, broken, typed)
        return Report(root, descriptor["version"], row_counts(root, typed), problems, engine)
    with background(frictionless_stage.check, root) as pending:
        unreadable = {r["name"] for r in descriptor["resources"] if not tableschema_stage.structure(root, r)[1]}
        typed = rules_stage.read_all(root, unreadable)
        found = rules_stage.check(root, unreadable, typed)
    problems, broken = pending.result()
    if broken - unreadable:  # Frictionless found a structural error the quick look did not: redo without it
        found = rules_stage.check(root, broken, {n: t for n, t in typed.items() if n not in broken})
    return Report(root, descriptor["version"], row_counts(root, typed), problems + found, engine)


def _estimated_rows(root: Path) -> int:
    """Lines in the data files: enough to choose an engine without parsing them."""
    total = 0
    for res in resources.descriptor(root)["resources"]:
        path = root / res["path"]
        if path.is_file():
            with path.open("rb") as handle:
                total += sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b""))
    return total
