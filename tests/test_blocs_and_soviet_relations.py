"""The Soviet Union's relations with every state, and the blocs of both sides."""

from __future__ import annotations

import pandas as pd
import pytest

import coldwar_relations as cw


def test_ussr_israel_severed_1967_06_10_and_restored_1991():
    panel = cw.dyad_years(["RUS-ISR"], 1966, 1992).set_index("year")
    assert panel.loc[1966, "status"] == "relations"
    assert panel.loc[1967, "status"] == "severed" and panel.loc[1967, "since"] == "1967-06-10"
    assert panel.loc[1990, "status"] == "severed"
    assert panel.loc[1991, "status"] == "relations" and panel.loc[1991, "since"].startswith("1991")


def test_warsaw_pact_signed_1955_05_14_and_albania_left_in_1968():
    pact = cw.load("alliances").set_index("organisation_id").loc["warsaw_pact"]
    assert (pact.signed, pact.dissolved) == ("1955-05-14", "1991-07-01")
    albania = cw.load("alliance_memberships").query("organisation_id == 'warsaw_pact' and country_id == 'ALB'")
    assert albania.end_date.max().startswith("1968")
    assert cw.bloc_status("ALB", "warsaw_pact", "1960-01-01") == "member"
    assert cw.bloc_status("ALB", "warsaw_pact", "1969-01-01") is None
    assert cw.bloc_status("FRN", "nato", "1970-01-01") == "outside_integrated_command"
    with pytest.raises(KeyError, match="organisations are"):
        cw.bloc_status("FRN", "no_such_bloc", "1970-01-01")


def test_every_state_coexisting_with_the_ussr_has_a_pair_and_each_core_year_a_status_or_a_reason():
    members = cw.state_years(1945, 1991, system="gw")
    coexisting = set(members.country_id) - {"RUS"}
    relations = cw.load("relations")
    soviet = relations[(relations.country_a == "RUS") | (relations.country_b == "RUS")]
    partners = set(soviet.country_a) | set(soviet.country_b)
    assert coexisting <= partners | _never_related()
    core = soviet[soviet.year.between(1945, 1991)]
    unknown = core[core.status == "unknown"]
    assert unknown.note.notna().all() and core[core.status != "unknown"].source_ids.notna().all()
    assert len(unknown) / len(core) < 0.01


def _never_related() -> set[str]:
    """Partners whose pair says, with a source, that there were never relations."""
    pairs = cw.load("pairs")
    return set(pairs[pairs.initial_status.eq("none") & pairs.source_ids.notna() & pairs.country_a.eq("RUS")].country_b)


def test_a_year_no_event_covers_is_unknown_not_none():
    haiti = cw.dyad_years(["RUS-HAI"], 1945, 1991)
    assert len(haiti) == 47 and set(haiti.status) == {"unknown"}
    assert haiti.source_ids.isna().all() and haiti.note.str.contains("no recorded event").all()
