"""The benchmark script's synthetic packages are valid inputs (the timings themselves are not tested)."""

from __future__ import annotations

import shutil

import coldwar_relations as cw
from benchmarks.run import ROOT, synthetic


def test_a_synthetic_package_holds_the_rows_asked_for_and_loads_verified():
    pkg = synthetic(ROOT, 250)
    try:
        leaders = cw.load("leaders", pkg)  # verify=True: the descriptor's hash matches the new file
        assert len(leaders) == 250 and leaders.leader_spell_id.is_unique
        assert (leaders.end_date > leaders.start_date).all()
        assert len(cw.load("events", pkg)) == len(cw.load("events", ROOT))
    finally:
        shutil.rmtree(pkg)
