"""Leaders: Archigos reproduced faithfully, censoring made explicit, later spells added."""

from __future__ import annotations

import pandas as pd

import coldwar_relations as cw

CORE = ("1945-01-01", "1991-12-31")


def archigos(reference):
    return pd.read_csv(reference / "archigos.csv", dtype=str, keep_default_na=False)


def test_ussr_has_every_archigos_spell_of_the_core_period_with_identical_dates(table, reference):
    upstream = archigos(reference)
    ussr = upstream[(upstream.gwcode == "365") & (upstream.startdate <= CORE[1]) & (upstream.enddate >= CORE[0])]
    leaders = table("leaders")
    ours = leaders.set_index("archigos_obsid")
    ours_core = leaders[(leaders.country_id == "RUS") & (leaders.start_date <= CORE[1])
                        & (leaders.end_date.fillna(leaders.observed_until) >= CORE[0])]
    assert len(ours_core) == len(ussr) == 8  # Stalin, Malenkov, Khrushchev, ..., Gorbachev, Yeltsin
    assert set(ours_core.archigos_obsid) == set(ussr.obsid)
    for spell in ussr.itertuples():
        row = ours.loc[spell.obsid]
        assert row.country_id == "RUS"
        assert row.start_date == pd.Timestamp(spell.startdate)
        assert row.end_date == pd.Timestamp(spell.enddate)


def test_every_archigos_spell_overlapping_the_core_period_is_present(table, reference):
    upstream = archigos(reference)
    core = upstream[(upstream.startdate <= CORE[1]) & (upstream.enddate >= CORE[0])]
    ours = table("leaders")
    missing = set(core.obsid) - set(ours.archigos_obsid.dropna())
    assert not missing
    assert ours.archigos_obsid.dropna().is_unique


def test_uncensored_archigos_dates_are_kept_exactly(table, reference):
    upstream = archigos(reference).set_index("obsid")
    ours = table("leaders").dropna(subset=["archigos_obsid"]).set_index("archigos_obsid")
    closed_upstream = upstream.loc[ours.index][upstream.loc[ours.index].exit != "Still in Office"]
    corrected = ours.note.fillna("").str.startswith("Corrected: Archigos 4.1")  # each with its source
    assert set(ours[corrected].index) == {"SAU-2015"}
    kept = closed_upstream.index.difference(ours[corrected].index)
    assert (ours.loc[kept, "end_date"] == pd.to_datetime(closed_upstream.loc[kept, "enddate"])).all()
    assert (ours.start_date == pd.to_datetime(upstream.loc[ours.index, "startdate"])).all()


def test_obama_ends_on_inauguration_of_successor_not_archigos_censoring_date(table):
    obama = table("leaders").set_index("leader_spell_id").loc["USA-2009"]
    assert obama.leader == "Obama"
    assert obama.end_date == pd.Timestamp("2017-01-20")
    assert not obama.is_open
    assert "archigos-4.1" in obama.source_ids and len(obama.source_ids.split(";")) > 1


def test_archigos_censoring_is_never_written_as_an_end(table, reference):
    upstream = archigos(reference)
    censored = set(upstream[upstream.exit == "Still in Office"].obsid)
    leaders = table("leaders")
    ours = leaders[leaders.archigos_obsid.isin(censored)]
    assert len(ours) > 0
    assert "Still in Office" not in set(leaders.exit.dropna())
    still_open = ours[ours.is_open]
    assert still_open.end_date.isna().all()
    closed = ours[~ours.is_open]
    assert (closed.end_date >= pd.Timestamp("2015-12-31")).all()  # a Swiss presidency ends on 31 December
    assert closed.source_ids.str.count(";").ge(1).all()  # Archigos plus the source of the real end


def test_open_spells_have_empty_end_and_explicit_flag(table):
    leaders = table("leaders")
    open_ = leaders[leaders.is_open]
    assert len(open_) > 0
    assert open_.end_date.isna().all() and open_.observed_until.notna().all()
    assert open_.exit.isna().all()
    closed = leaders[~leaders.is_open]
    assert closed.end_date.notna().all() and closed.observed_until.isna().all()


def test_scope_countries_reach_today_and_post_2015_spells_are_sourced(table):
    leaders = table("leaders")
    scope = ["USA", "RUS", "ISR", "CUB", "JPN", "CHN", "UKG", "FRN", "GFR", "EGY"]
    for country in scope:
        spells = leaders[leaders.country_id == country]
        latest = spells.sort_values("start_date").iloc[-1]
        assert latest.is_open, f"{country}: latest spell should be open (in office)"
        assert latest.observed_until > pd.Timestamp("2015-12-31"), country
    later = leaders[leaders.start_date > pd.Timestamp("2015-12-31")]
    assert later.archigos_obsid.isna().all() and later.source_ids.notna().all()


def test_trump_has_two_non_consecutive_spells(table):
    trump = table("leaders").query("country_id == 'USA' and leader == 'Trump'").sort_values("start_date")
    assert list(trump.start_date.dt.date.astype(str)) == ["2017-01-20", "2025-01-20"]
    assert trump.iloc[0].end_date == pd.Timestamp("2021-01-20")


def test_scope_countries_covered_from_1917(table):
    leaders = table("leaders")
    lenin = leaders[(leaders.country_id == "RUS") & (leaders.leader == "Lenin")].iloc[0]
    assert lenin.start_date == pd.Timestamp("1917-11-07")
    assert (leaders[leaders.country_id == "USA"].start_date.min()) <= pd.Timestamp("1917-01-01")


def test_dtypes_come_from_the_schema(table):
    leaders = table("leaders")
    assert str(leaders.start_date.dtype).startswith("datetime64")
    assert str(leaders.gw_code.dtype) == "Int64"
    assert isinstance(leaders.entry.dtype, pd.CategoricalDtype)
    assert str(leaders.is_open.dtype) == "boolean"


def test_leaders_hold_every_archigos_spell(table, reference):
    upstream = archigos(reference)
    leaders = table("leaders")
    assert set(upstream.obsid) <= set(leaders.archigos_obsid.dropna())
    assert leaders.archigos_obsid.dropna().is_unique


def test_brezhnev_has_archigos_dates(table, reference):
    upstream = archigos(reference).set_index("obsid").loc["RUS-1964"]
    brezhnev = table("leaders").set_index("leader_spell_id").loc["RUS-1964"]
    assert brezhnev.leader == "Brezhnev" == upstream.leader
    assert brezhnev.start_date == pd.Timestamp(upstream.startdate) and brezhnev.end_date == pd.Timestamp(upstream.enddate)


def test_dos_santos_left_office_in_2017(table):
    angola = table("leaders").query("country_id == 'ANG' and leader.str.contains('Santos')")
    last = angola.sort_values("start_date").iloc[-1]
    assert last.end_date.year == 2017 and not last.is_open


def test_no_open_spell_rests_on_archigos_censoring_or_on_its_first_day(table):
    open_ = table("leaders").query("is_open")
    assert (open_.observed_until > pd.Timestamp("2015-12-31")).all()
    assert (open_.observed_until > open_.start_date).all()
    archigos = open_.archigos_obsid.notna()
    assert open_[archigos].source_ids.str.contains(";").all()  # Archigos plus the source that observed it later


def test_an_archigos_error_is_corrected_with_a_source(table, reference):
    """Archigos 4.1 ends King Salman's reign on 2015-12-31 with a natural death; he was still king."""
    upstream = archigos(reference).set_index("obsid").loc["SAU-2015"]
    assert (upstream.enddate, upstream.exit) == ("2015-12-31", "Natural Death")
    salman = table("leaders").set_index("leader_spell_id").loc["SAU-2015"]
    assert salman.is_open and pd.isna(salman.end_date) and salman.observed_until > pd.Timestamp("2016-01-01")
    assert salman.note.startswith("Corrected: Archigos 4.1 ends this spell on 2015-12-31")
    assert salman.source_ids.startswith("archigos-4.1;") and len(salman.source_ids.split(";")) > 1


def test_leader_chains_of_states_in_pairs_reach_the_present(table):
    """Every state that exists today and is paired with a superpower has a leader observed in
    office, or leaving it, in 2024 or later: no chain stops silently at Archigos' end in 2015."""
    leaders, pairs = table("leaders"), table("pairs")
    partners = set(pairs.country_a) | set(pairs.country_b)
    today = cw.state_years(2025, 2025, system="gw")
    latest = leaders.sort_values("start_date").groupby("country_id").tail(1).set_index("country_id")
    reached = latest.end_date.fillna(latest.observed_until)
    alive = sorted(set(today.country_id) & partners)
    stale = {c: reached.get(c) for c in alive if not (reached.get(c, pd.NaT) >= pd.Timestamp("2024-01-01"))}
    assert not stale, stale
