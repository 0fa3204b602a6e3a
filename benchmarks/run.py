"""Benchmarks: print timings side by side, as ratios. Not a test.

    python -m benchmarks.run                 # real package, and synthetic leaders at 10^4..10^6 rows
    python -m benchmarks.run --sizes 10000   # quicker

1. load_all() against a bare pandas.read_csv of the same files (target: within 1.5x).
2. `coldwar-relations validate` against `frictionless validate` alone (target: within 2x).
3. Both at scale: the package with its leaders table replaced by N synthetic spells generated
   from the real schema (valid rows: every synthetic spell is marked shared_spell so that the
   overlap rule accepts them), to show how time grows with rows.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

import coldwar_relations as cw
from coldwar_relations.validation import validate
from pipeline import descriptor

ROOT = Path(__file__).resolve().parents[1]


def timed(fn, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def bare_read(root: Path) -> None:
    for res in cw.descriptor(root)["resources"]:
        pd.read_csv(root / res["path"])


def frictionless_only(root: Path) -> None:
    from frictionless import Package

    Package(str(root / "datapackage.json")).validate()


def synthetic(root: Path, rows: int, seed: int = 0) -> Path:
    """A copy of the package whose leaders table holds `rows` generated spells."""
    target = Path(tempfile.mkdtemp(prefix=f"cwr-bench-{rows}-"))
    shutil.copytree(root / "data", target / "data")
    shutil.copy(root / "CHANGELOG.md", target / "CHANGELOG.md")  # the descriptor's release date comes from it
    rng = np.random.default_rng(seed)
    start = pd.Timestamp("1900-01-01") + pd.to_timedelta(rng.integers(0, 36500, rows), unit="D")
    end = start + pd.to_timedelta(rng.integers(1, 3000, rows), unit="D")
    frame = pd.DataFrame({
        "leader_spell_id": [f"USA-{1000 + i // 100000}-{i % 100000}" for i in range(rows)],
        "country_id": "USA", "gw_code": 2, "leader": "Synthetic",
        "archigos_obsid": "", "archigos_leadid": "",
        "start_date": start.strftime("%Y-%m-%d"), "end_date": end.strftime("%Y-%m-%d"),
        "is_open": "false", "observed_until": "", "entry": "Regular", "exit": "Regular", "exitcode": "Regular",
        "gender": rng.choice(["M", "F"], rows), "birth_year": rng.integers(1850, 1960, rows),
        "shared_spell": "true", "membership_exception": "", "note": "", "source_ids": "archigos-4.1",
    })
    frame.to_csv(target / "data" / "leaders.csv", index=False, lineterminator="\n")
    descriptor.write(target)
    return target


PEAK_SCRIPT = r"""
import re, sys
from coldwar_relations.cli import main
try:
    main(["validate", sys.argv[1]])
finally:
    status = open("/proc/self/status").read()
    sys.stderr.write("\nPEAK " + str(int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) * 1024) + "\n")
"""


def validate_process(pkg: Path) -> tuple[float, int, bool]:
    """`coldwar-relations validate` in its own process: seconds, peak memory (bytes: the high-water
    resident set of that process, VmHWM), and whether the package is valid. The peak is read
    inside the process: getrusage would count this process's memory too, which the child has
    between fork and exec. (The process validate forks to compare the derived tables shares
    its parent's pages and is not counted.)"""
    import subprocess

    start = time.perf_counter()
    run = subprocess.run([sys.executable, "-c", PEAK_SCRIPT, str(pkg)], capture_output=True, text=True)
    seconds = time.perf_counter() - start
    peak = int(run.stderr.rsplit("PEAK ", 1)[1])
    return seconds, peak, run.returncode == 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--frictionless-max", type=int, default=1_000_000,
                        help="skip Frictionless above this many rows (it takes minutes)")
    args = parser.parse_args()
    root = ROOT
    load = timed(lambda: cw.load_all(root))
    bare = timed(lambda: bare_read(root))
    print(f"real package ({sum(len(pd.read_csv(root / r['path'])) for r in cw.descriptor(root)['resources'])} rows)")
    print(f"  load_all            {load:8.2f} s")
    print(f"  pandas.read_csv     {bare:8.2f} s   ratio {load / bare:5.2f}x (target <= 1.5x)")
    ours = timed(lambda: validate(root), repeat=1)
    fl = timed(lambda: frictionless_only(root), repeat=1)
    print(f"  validate            {ours:8.2f} s")
    print(f"  frictionless only   {fl:8.2f} s   ratio {ours / fl:5.2f}x (target <= 1.5x)")
    print("synthetic leaders table")
    print(f"  {'rows':>9}  {'load_all':>9}  {'read_csv':>9}  {'validate':>9}  {'frictionless':>12}  {'valid':>5}  "
          "peak memory / CSV size")
    for rows in args.sizes:
        pkg = synthetic(root, rows)
        load = timed(lambda: cw.load_all(pkg), repeat=1)
        bare = timed(lambda: bare_read(pkg), repeat=1)
        ours, peak, valid = validate_process(pkg)
        fl = timed(lambda: frictionless_only(pkg), repeat=1) if rows <= args.frictionless_max else float("nan")
        size = sum((pkg / r["path"]).stat().st_size for r in cw.descriptor(pkg)["resources"])
        print(f"  {rows:>9}  {load:8.2f}s  {bare:8.2f}s  {ours:8.2f}s  {fl:11.2f}s  {str(valid):>5}  "
              f"{peak / size:5.2f}x ({peak / 2**20:.0f} MiB peak / {size / 2**20:.0f} MiB of CSV)")
        shutil.rmtree(pkg)


if __name__ == "__main__":
    main()
