"""Both stages together, and the summary the CLI prints."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from coldwar_relations import resources, rules
from coldwar_relations.validation import derived_stage, frictionless_stage, preflight, rules_stage, structure, tableschema_stage
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
    title: str = ""

    @property
    def valid(self) -> bool:
        return not self.problems


def row_counts(root: Path, read: dict | None = None) -> dict[str, int]:
    """Data rows per table (records, so a quoted line break does not count twice); ``read``:
    tables already parsed. A file too broken to parse as CSV counts its lines."""
    import pyarrow.csv as pacsv

    counts = {}
    for res in resources.descriptor(root)["resources"]:
        if read and res["name"] in read:
            counts[res["name"]] = len(read[res["name"]])
            continue
        try:
            path = resources.inside(root, res["path"])
        except resources.UnsafePath:
            continue
        if not path.is_file():
            continue
        try:
            counts[res["name"]] = pacsv.read_csv(path, convert_options=pacsv.ConvertOptions(
                column_types={f["name"]: "string" for f in res["schema"]["fields"]})).num_rows
        except Exception:  # noqa: BLE001 - unreadable (bad bytes, broken quoting): count its lines
            with path.open("rb") as handle:
                counts[res["name"]] = max(0, sum(1 for _ in handle) - 1)
    return counts


def validate(path: str | Path | None = None, engine: str = "auto") -> Report:
    """Every check on the package at ``path``. ``engine`` picks who checks the Table Schemas:
    Frictionless, the vectorised checks, or (auto) Frictionless unless the package has more
    than AUTO_THRESHOLD_ROWS rows. Frictionless runs in a forked process while this one reads
    the tables and runs the rules, so its time and theirs overlap."""
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {', '.join(ENGINES)}")
    root = resources.resolve(path)
    if not (root / resources.DESCRIPTOR).exists():
        raise FileNotFoundError(f"no {resources.DESCRIPTOR} in {root}")
    stop = preflight.check(root, rules.tables())
    if stop:  # the descriptor itself is broken: nothing below could be trusted to run
        return Report(root, "unknown", {}, stop, "none (the descriptor has problems)")
    descriptor = resources.descriptor(root)
    title = f"{descriptor.get('title', '')} ({descriptor.get('name', '')})"
    if engine == "auto":
        engine = "vectorized" if _estimated_rows(root) > AUTO_THRESHOLD_ROWS else "frictionless"
    typed: dict = {}
    if engine == "vectorized":  # the derived tables are compared in a forked process meanwhile
        with background(derived_stage.check_alone, root) as pending:
            problems, broken = tableschema_stage.check(root, typed)
            problems += rules_stage.check(root, broken, typed)
        problems += pending.result()
        return Report(root, descriptor.get("version", "unknown"), row_counts(root, typed), problems, engine, title)
    with background(frictionless_stage.check, root) as pending:
        unreadable = {r["name"] for r in descriptor["resources"] if not structure.check(root, r)[1]}
        text_problems: list[Problem] = []
        typed = rules_stage.read_all(root, unreadable, problems=text_problems)
        found = text_problems + rules_stage.check(root, unreadable, typed)
        derived = derived_stage.check(root, unreadable)
    problems, broken = pending.result()
    if broken - unreadable:  # Frictionless found a structural error the quick look did not: redo without it
        found = text_problems + rules_stage.check(root, broken, {n: t for n, t in typed.items() if n not in broken})
    return Report(root, descriptor.get("version", "unknown"), row_counts(root, typed), problems + found + derived, engine,
                  title)


def _estimated_rows(root: Path) -> int:
    """Lines in the data files: enough to choose an engine without parsing them."""
    total = 0
    for res in resources.descriptor(root)["resources"]:
        path = resources.inside(root, res["path"])
        if path.is_file():
            with path.open("rb") as handle:
                total += sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b""))
    return total
