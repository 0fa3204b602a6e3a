"""Rebuild the derived tables in ``data/`` from the reference data, then the descriptor.

    python -m pipeline.build                # write data/*.csv and datapackage.json
    python -m pipeline.build --check        # exit 1 if committed files differ from a fresh build
    python -m pipeline.build --descriptor-only   # after editing a curated table such as sources.csv

Curated tables (sources, and later events and claims) are edited by hand in ``data/`` and
are never written here.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from pipeline import build_countries, build_crises, build_leaders, build_relations, descriptor, reference
from pipeline.csvio import write_table
from pipeline.paths import DATA, DATAPACKAGE

def derived_tables(ref=None) -> dict:
    spells = build_countries.memberships(ref)
    countries = build_countries.countries(spells, build_countries.icb_codes(ref))
    problems: list = []
    crises = build_crises.crises(ref, problems)
    actors = build_crises.crisis_actors(crises, ref, problems)
    return {
        "countries": countries,
        "state_memberships": spells,
        "major_powers": build_countries.major_powers(spells, ref),
        "leaders": build_leaders.leaders(spells, ref),
        "crises": build_crises.link_trigger(crises, countries),
        "crisis_actors": build_crises.link_actors(actors, crises, countries, spells, problems),
        "icb_corrections": build_crises.corrections(problems),
        "relations": build_relations.relations_table(spells),
    }


def write_derived(out: Path, ref=None) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, frame in derived_tables(ref).items():
        path = out / f"{name}.csv"
        write_table(frame, path)
        paths.append(path)
    return paths


def check(ref=None) -> list[str]:
    """Names of committed files that differ from a fresh build."""
    stale = []
    with tempfile.TemporaryDirectory() as tmp:
        for path in write_derived(Path(tmp), ref):
            if (DATA / path.name).read_bytes() != path.read_bytes():
                stale.append(f"data/{path.name}")
    current = descriptor.build()
    if DATAPACKAGE.read_text(encoding="utf-8") != descriptor.render(current):
        stale.append(DATAPACKAGE.name)
    if (DATAPACKAGE.parent / "CITATION.cff").read_text(encoding="utf-8") != descriptor.citation_cff(current):
        stale.append("CITATION.cff")
    return stale


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reference", help="upstream directory (default ../shared/reference)")
    parser.add_argument("--check", action="store_true", help="compare with a fresh build, write nothing")
    parser.add_argument("--descriptor-only", action="store_true", help="regenerate datapackage.json only")
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
    if not args.descriptor_only:
        for path in write_derived(DATA, args.reference):
            print(f"wrote {path.relative_to(DATA.parent)}")
    print(f"wrote {descriptor.write().name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
