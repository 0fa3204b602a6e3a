"""The codebook beside the CSV files: current, complete, and what a spreadsheet user needs."""

from __future__ import annotations

import copy
import re
from pathlib import Path

import coldwar_relations as cw
from coldwar_relations import codebook

REPO = Path(__file__).resolve().parents[1]


def committed() -> str:
    return (REPO / codebook.PATH).read_text(encoding="utf-8")


def test_the_committed_codebook_is_the_one_the_descriptor_gives():
    assert committed() == codebook.render(cw.descriptor(REPO)), "run: python -m pipeline.build --descriptor-only"


def test_every_table_and_field_is_described_with_its_type():
    text = committed()
    for res in cw.descriptor(REPO)["resources"]:
        section = text.split(f"## `{res['name']}`: ", 1)[1].split("\n## `", 1)[0]
        assert f"- File: `{res['path']}`" in section
        for field in res["schema"]["fields"]:
            row = re.search(rf"^\| `{re.escape(field['name'])}` \| (\w+)", section, re.M)
            assert row and row.group(1) == field.get("type", "string"), (res["name"], field["name"])


def test_enumerated_values_carry_their_labels():
    section = committed().split("## `events`: ", 1)[1].split("\n## `", 1)[0]
    assert "- `relations_severed`: Diplomatic relations are broken off (including by war)." in section
    assert "- `icb_crisno` refers to `crises.icb_crisno`" in section


def test_the_codebook_tells_spreadsheet_users_how_to_open_utf8():
    text = committed()
    assert "65001: Unicode (UTF-8)" in text and "without a byte-order mark" in text
    assert all(path.read_bytes()[:3] != b"\xef\xbb\xbf" for path in (REPO / "data").glob("*.csv"))


def test_a_changed_description_reaches_the_codebook():
    descriptor = copy.deepcopy(cw.descriptor(REPO))
    field = descriptor["resources"][0]["schema"]["fields"][0]
    field["description"] = "A description | with a pipe, rewritten for this test."
    text = codebook.render(descriptor)
    assert "A description \\| with a pipe, rewritten for this test." in text
    assert text != committed()
