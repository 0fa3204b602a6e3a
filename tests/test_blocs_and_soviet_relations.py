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
    tibet = cw.dyad_years(["RUS-TBT"], 1917, 1950)
    assert len(tibet) == 33 and set(tibet.status) == {"unknown"}
    assert tibet.source_ids.isna().all() and tibet.note.str.contains("no recorded event").all()


def _events_with(*countries: str) -> pd.DataFrame:
    actors = cw.load("event_actors")
    ids = set.intersection(*(set(actors[actors.country_id == c].event_id) for c in countries))
    events = cw.load("events")
    return events[events.event_id.isin(ids)]


def test_the_korean_war_is_in_the_events_with_its_icb_crises():
    korea = _events_with("PRK", "ROK")
    onset = korea[korea.event_type == "crisis_onset"]
    assert list(onset.date) == ["1950-06-25"] and list(onset.icb_crisno) == [132]
    armistice = _events_with("USA", "PRK", "CHN").query("event_type == 'treaty_signed'")
    assert list(armistice.date) == ["1953-07-27"] and list(armistice.icb_crisno) == [140]
    crises = cw.load("crises").set_index("icb_crisno")
    assert crises.loc[132, "trigger_date"] == "1950-06-25"


def test_the_warsaw_treaty_events_agree_with_the_memberships():
    members = cw.load("alliance_memberships").query("organisation_id == 'warsaw_pact'")
    founders = set(members[members.start_date == "1955-06-04"].country_id)
    signed = _events_with("RUS", "POL").query("event_type == 'treaty_signed' and date == '1955-05-14'")
    assert len(signed) == 1
    actors = cw.load("event_actors")
    assert set(actors[actors.event_id == signed.event_id.iloc[0]].country_id) == founders
    albania = _events_with("RUS", "ALB").query("event_type == 'treaty_terminated' and date.str.startswith('1968')")
    assert albania.date.tolist() == [members[members.country_id == "ALB"].end_date.max()]


def test_soviet_friendship_treaties_with_the_third_world():
    india = _events_with("RUS", "IND").query("event_type == 'treaty_signed'")
    assert "1971-08-09" in set(india.date)
    somalia = _events_with("RUS", "SOM").query("event_type in ['treaty_signed', 'treaty_terminated']")
    assert somalia.set_index("event_type").date.to_dict() == {"treaty_signed": "1974-07-11",
                                                              "treaty_terminated": "1977-11-13"}


def test_a_member_after_its_withdrawal_event_is_rejected(package_copy):
    path = package_copy / "data" / "alliance_memberships.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    albania = (frame.organisation_id == "warsaw_pact") & (frame.country_id == "ALB") & (frame.end_date == "1968-09-13")
    assert albania.sum() == 1
    frame.loc[albania, "end_date"] = "1975-01-01"  # still in the pact after its 1968 withdrawal
    frame.to_csv(path, index=False, lineterminator="\n")
    report = cw.validate(package_copy)
    found = [p for p in report.problems if p.rule == "membership-agrees-with-treaty-events"]
    assert [(p.file, p.row) for p in found] == [("data/alliance_memberships.csv", int(albania.idxmax()) + 2)]
    assert "left the organisation by a treaty event" in found[0].message
