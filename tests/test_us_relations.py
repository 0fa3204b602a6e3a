"""U.S. chiefs of mission and official visits, as shipped (Office of the Historian's records)."""

from __future__ import annotations

import pandas as pd

import coldwar_relations as cw
from test_validation import edit_cell, problems


def test_kohler_represented_the_united_states_in_moscow_during_the_missile_crisis():
    [kohler] = cw.us_representative("RUS", "1962-10-22").itertuples()
    assert kohler.person_name == "Foy David Kohler" and kohler.rank == "ambassador"


def test_kennan_and_thompson_in_moscow(table):
    moscow = table("chiefs_of_mission").query("country_id == 'RUS' and record_list == 'chiefs'")
    kennan = moscow[moscow.person_name.str.contains("Kennan")].iloc[0]
    assert (kennan.appointed_date, kennan.credentials_date, kennan.ended_date) == (
        "1952-03-14", "1952-05-14", "1952-09-19")
    thompson = moscow[moscow.person_name.str.contains("Llewellyn E")]
    assert sorted(thompson.credentials_date) == ["1957-07-16", "1967-01-23"]


def test_israel_relations_began_with_mcdonalds_credentials(table):
    first = table("chiefs_of_mission").query("country_id == 'ISR'").sort_values("credentials_date").iloc[0]
    assert first.person_name == "James Grover McDonald" and first.credentials_date == "1949-03-28"


def test_khrushchev_and_nixon_visits(table):
    visits = table("official_visits")
    khrushchev = visits[visits.traveller.str.contains("Khrushchev") & (visits.direction == "to_us")]
    assert pd.Timestamp("1959-09-15") in set(khrushchev.start_date)
    assert (khrushchev.loc[khrushchev.start_date == "1959-09-15", "country_id"] == "RUS").all()
    nixon = visits[(visits.traveller == "Richard M. Nixon") & (visits.country_id == "RUS")
                   & (visits.start_date == "1972-05-22")].iloc[0]
    assert nixon.end_date == pd.Timestamp("1972-05-30")


def test_every_chief_before_independence_is_flagged_not_dropped(table):
    chiefs = table("chiefs_of_mission")
    egypt_1885 = chiefs[(chiefs.country_id == "EGY") & chiefs.mapping_date.str.startswith("1885")]
    assert len(egypt_1885) and egypt_1885.membership_exception.str.contains("not a member").all()


def test_a_row_without_a_history_state_gov_page_is_rejected(package_copy):
    row = edit_cell(package_copy, "official_visits", "president-travels-4118", "url", "http://example.org/")
    found = problems(package_copy, "constraint-error")
    assert any(p.row == row and p.column == "url" and "pattern" in p.message for p in found)


def test_israel_recognised_1948_05_14_and_the_historian_date_of_relations_is_kept(table):
    hsg = table("us_recognition_events").query("country_id == 'ISR'").set_index("event_type")
    assert hsg.loc["recognition", "date"] == "1948-05-14"
    assert hsg.loc["recognition", "matches_event_id"] == "1948-05-14-us-de-facto-recognition-of-israel"
    assert hsg.loc["relations_established", "date"] == "1949-03-28"
    curated = table("events").set_index("event_id").loc["1948-06-22-us-and-israel-agree-to-exchange-diplomatic-missio"]
    assert curated.alt_date == "1949-03-28" and "Office of the Historian" in curated.date_note


def test_the_united_states_has_a_pair_with_every_state_it_coexisted_with_in_the_core_period():
    members = set(cw.state_years(1945, 1991, system="gw").country_id) - {"USA"}
    relations = cw.load("relations")
    us = relations[(relations.country_a == "USA") | (relations.country_b == "USA")]
    assert members <= set(us.country_a) | set(us.country_b)
    core = us[us.year.between(1945, 1991)]
    assert core.us_chief_rank.notna().all()
    assert core[core.status != "unknown"].source_ids.notna().all()


def test_representation_on_31_december_comes_from_the_chiefs_of_mission():
    panel = cw.dyad_years(["RUS-USA"], 1962, 1962).iloc[0]
    assert panel.us_chief_rank == "ambassador"
    china = cw.dyad_years(["USA-CHN"], 1975, 1975).iloc[0]  # the Liaison Office in Peking: no ambassador
    assert china.us_chief_rank != "ambassador"


def test_every_historian_event_is_kept_and_those_not_applied_say_why(table, reference):
    hsg = table("us_recognition_events")
    assert hsg.event_id.is_unique and hsg.url.str.startswith("https://history.state.gov/countries/").all()
    articles = {p.stem for p in (reference / "hsg" / "rdcr" / "articles").glob("*.xml")}
    assert set(hsg.hsg_article_id) <= articles
    relations = cw.load("relations")
    applied = set(relations.event_id.dropna())
    unused = hsg[~hsg.applied_to_relations]
    explained = unused.country_id.isna() | unused.matches_event_id.notna() | unused.sequence_note.notna()
    assert len(unused) and explained.all()
    assert not (set(unused.event_id) & applied)


def test_overlapping_missions_are_flagged_and_an_unflagged_overlap_is_rejected(package_copy):
    import csv
    import io

    path = package_copy / "data" / "chiefs_of_mission.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    col = rows[0].index("overlap_note")
    number = next(n for n, r in enumerate(rows[1:], start=2) if r[col])
    rows[number - 1][col] = ""
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    found = problems(package_copy, "chief-missions-do-not-overlap")
    assert [p.row for p in found] == [number]


def test_us_france_relations_resumed_after_the_vichy_break():
    panel = cw.dyad_years(["USA-FRN"], 1943, 1946).set_index("year")
    assert panel.loc[1943, "status"] == "severed" and panel.loc[1945, "status"] == "relations"
