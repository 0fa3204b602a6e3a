"""Rebuild the derived tables in ``data/`` from the reference data, then the descriptor.

    python -m pipeline.build                # write data/*.csv and datapackage.json
    python -m pipeline.build --check        # exit 1 if committed files differ from a fresh build
    python -m pipeline.build --curated      # after editing curated tables (events, sources...):
                                            # re-derive relations and pair_crises, then the descriptor
    python -m pipeline.build --descriptor-only   # regenerate datapackage.json and its companions only

Curated tables (sources, and later events and claims) are edited by hand in ``data/`` and
are never written here.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from pipeline import descriptor, reference
from pipeline.csvio import read_table, write_table
from pipeline.paths import DATA, DATAPACKAGE
from pipeline.steps import Context, discover

def derived_tables(ref=None) -> dict:
    """Every table that has a build step, in the descriptor's order."""
    steps = discover()
    ctx = Context(ref)
    order = [name for name in descriptor.table_names() if name in steps]
    unknown = steps.keys() - set(order)
    if unknown:
        raise ValueError(f"build steps for tables the descriptor does not list: {', '.join(sorted(unknown))}")
    return {name: descriptor.conform(name, ctx.table(name)) for name in order}


def write_derived(out: Path, ref=None) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, frame in derived_tables(ref).items():
        path = out / f"{name}.csv"
        write_table(frame, path)
        paths.append(path)
    return paths


def write_derivations(data: Path = DATA) -> list[Path]:
    """The tables the library derives from other tables of the package (relations, pair_crises),
    from the committed files: what a curated edit changes, with no upstream data needed."""
    from coldwar_relations.derive import derivations

    written: dict[str, object] = {}
    paths = []
    for name, derivation in derivations().items():
        frame = descriptor.conform(name, derivation(lambda t: written[t] if t in written else read_table(data / f"{t}.csv")))
        written[name] = frame
        write_table(frame, data / f"{name}.csv")
        paths.append(data / f"{name}.csv")
    return paths


def check(ref=None) -> list[str]:
    """Names of committed files that differ from a fresh build."""
    with tempfile.TemporaryDirectory() as tmp:
        return differing(write_derived(Path(tmp), ref)) + descriptor.stale()


def differing(built: list[Path], data: Path | None = None) -> list[str]:
    """Which of the freshly built files differ from the committed ones in ``data``."""
    data = data or DATA
    return [f"data/{path.name}" for path in built
            if not (data / path.name).is_file() or (data / path.name).read_bytes() != path.read_bytes()]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reference", help="upstream directory (default ../shared/reference)")
    parser.add_argument("--check", action="store_true", help="compare with a fresh build, write nothing")
    parser.add_argument("--curated", action="store_true", help="after editing curated tables: re-derive "
                        "relations and pair_crises from data/, then the descriptor (no upstream data needed)")
    parser.add_argument("--descriptor-only", action="store_true", help="regenerate datapackage.json, the Table "
                        "Schema files, CITATION.cff and the codebook only")
    args = parser.parse_args(argv)
    if args.check:
        if not reference.available(args.reference):
            print(f"reference data not found at {reference.reference_dir(args.reference)}: "
                  "skipping the reproducibility check")
            return 0
        stale = check(args.reference)
        if stale:
            print("not reproducible, these differ from a fresh build: " + ", ".join(stale))
            print("run: python -m pipeline.build")
            return 1
        print("data/ and datapackage.json equal a fresh build")
        return 0
    if args.curated:
        for path in write_derivations():
            print(f"wrote {path.relative_to(DATA.parent)}")
    elif not args.descriptor_only:
        for path in write_derived(DATA, args.reference):
            print(f"wrote {path.relative_to(DATA.parent)}")
    print(f"wrote {descriptor.write().name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
