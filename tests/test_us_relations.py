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
