"""Events, the relations derived from them, and the seed claims."""

from __future__ import annotations


import pandas as pd

from coldwar_relations.derive import derivations
from pipeline.csvio import read_table
from test_validation import edit_cell, problems


def status(table, pair, year):
    rel = table("relations")
    return rel[(rel.pair_id == pair) & (rel.year == year)].status.iloc[0]


def test_ussr_israel_had_no_relations_from_1967_to_1991(table):
    events = table("events").set_index("event_id")
    assert events.filter(like="1967-06-10", axis=0).event_type.eq("relations_severed").any()
    assert events.filter(like="1991-10-18", axis=0).event_type.eq("relations_restored").any()
    for year in (1967, 1970, 1990):
        assert status(table, "RUS-ISR", year) == "severed"
    assert status(table, "RUS-ISR", 1991) == "relations"
    assert status(table, "RUS-ISR", 1955) == "relations"


def test_1953_break_keeps_both_disputed_dates(table):
    events = table("events")
    brk = events[(events.event_type == "relations_severed") & (events.date.str.startswith("1953-02"))].iloc[0]
    assert brk.date == "1953-02-12" and brk.alt_date == "1953-02-11" and brk.date_note


def test_us_soviet_relations_established_in_1933(table):
    events = table("events")
    est = events[(events.event_type == "relations_established") & (events.date == "1933-11-16")]
    actors = table("event_actors")
    assert set(actors[actors.event_id == est.event_id.iloc[0]].country_id) == {"USA", "RUS"}
    assert status(table, "RUS-USA", 1932) == "severed" and status(table, "RUS-USA", 1933) == "relations"


def test_uk_de_facto_recognition_is_not_diplomatic_relations(table):
    assert status(table, "RUS-UKG", 1922) == "recognized"
    assert status(table, "RUS-UKG", 1924) == "relations"
    assert status(table, "RUS-UKG", 1928) == "severed"


def test_us_superpower_pair_has_summits_and_treaties(table):
    events, actors = table("events"), table("event_actors")
    ids = set(actors[actors.country_id == "USA"].event_id) & set(actors[actors.country_id == "RUS"].event_id)
    pair = events[events.event_id.isin(ids)]
    assert (pair.event_type == "summit").sum() >= 20
    assert set(pair.instrument.dropna()) >= {"INF Treaty", "START I Treaty", "ABM Treaty"}


def test_every_event_cites_a_source_and_has_actors(table):
    events, actors = table("events"), table("event_actors")
    assert events.source_ids.notna().all()
    assert set(events.event_id) == set(actors.event_id)


def test_relations_table_is_reproducible_from_events(repo):
    data = repo / "data"
    rebuilt = derivations()["relations"](lambda name: read_table(data / f"{name}.csv"))
    committed = read_table(repo / "data" / "relations.csv")
    pd.testing.assert_frame_equal(rebuilt.astype(str).reset_index(drop=True), committed.astype(str))


def test_gdr_pair_ends_with_the_gdr(table):
    rel = table("relations")
    gdr = rel[rel.pair_id == "RUS-GDR"]
    assert gdr.year.min() == 1949 and gdr.year.max() == 1989


def test_restoring_relations_never_severed_is_rejected(package_copy):
    row = edit_cell(package_copy, "events", "1990-09-30-soviet-union-and-south-korea-establish-diplomatic",
                    "event_type", "relations_restored")
    assert any(p.row == row and "cannot change this way" in p.message for p in problems(package_copy, "relations-sequence"))


def test_severing_relations_that_do_not_exist_is_rejected(package_copy):
    row = edit_cell(package_copy, "events", "1990-09-30-soviet-union-and-south-korea-establish-diplomatic",
                    "event_type", "relations_severed")
    assert any(p.row == row for p in problems(package_copy, "relations-sequence"))


def test_treaty_in_force_before_signature_is_rejected(package_copy):
    events = read_table(package_copy / "data" / "events.csv")
    inf = events[(events.instrument == "INF Treaty") & (events.event_type == "treaty_in_force")].event_id.iloc[0]
    row = edit_cell(package_copy, "events", inf, "date", "1987-01-01")
    assert any(p.row == row for p in problems(package_copy, "in-force-after-signature"))


def test_claims_verdicts_and_links(table):
    claims = table("claims").set_index("claim_id")
    assert set(claims.verdict.cat.categories) == {"supported", "partly_supported", "contradicted", "unverifiable"}
    assert claims.source_ids.notna().all()
    quarantine = claims.loc["s003-11"]
    assert quarantine.verdict == "partly_supported"
    assert "icb196-quarantine_in_force-usa-1" in quarantine.metric_ids
    suez = claims.loc["s000-05"]
    assert suez.verdict == "contradicted"
    assert set(claims.seed_file.str[:3]) == {"000", "001", "002", "003", "004"}


def test_claim_pointing_to_missing_event_is_rejected(package_copy):
    row = edit_cell(package_copy, "claims", "s000-01", "event_ids", "1953-07-21-no-such-event")
    assert any(p.row == row for p in problems(package_copy, "events-exist"))


def test_representation_level_when_the_events_state_it(table):
    rel = table("relations").set_index(["pair_id", "year"])
    assert rel.loc[("USA-CUB", 1920), "representation"] == "legation"
    assert rel.loc[("USA-CUB", 1925), "representation"] == "embassy"
    assert rel.loc[("USA-CUB", 1980), ["status", "representation"]].tolist() == ["severed", "interests_section"]
    assert pd.isna(rel.loc[("USA-CUB", 1962), "representation"])  # cleared by the 1961 break
    assert rel.loc[("USA-CUB", 2016), "representation"] == "embassy"
