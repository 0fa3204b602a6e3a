"""Countries and system membership: complete, both systems kept, ISO codes real."""

from __future__ import annotations

import pandas as pd
import pycountry


def test_every_state_of_either_system_in_the_core_period_is_present(table, reference):
    cow = pd.read_csv(reference / "cow_states.csv")
    gw = pd.read_csv(reference / "gw_states.csv")
    cow_core = cow[(cow.styear <= 1991) & (cow.endyear >= 1945)].ccode
    gw_core = gw[(gw.startdate <= "1991-12-31") & (gw.enddate >= "1945-01-01")].gwcode
    countries = table("countries")
    assert set(cow_core) <= set(countries.cow_code.dropna())
    assert set(gw_core) <= set(countries.gw_code.dropna())
    flagged = set(countries[countries.in_core_period].cow_code.dropna()) | set(
        countries[countries.in_core_period].gw_code.dropna())
    assert set(cow_core) | set(gw_core) <= flagged


def test_membership_spells_match_upstream_counts(table, reference):
    spells = table("state_memberships")
    assert (spells.system == "cow").sum() == len(pd.read_csv(reference / "cow_states.csv"))
    assert (spells.system == "gw").sum() == len(pd.read_csv(reference / "gw_states.csv"))


def test_soviet_union_codes(table):
    ussr = table("countries").set_index("country_id").loc["RUS"]
    assert (ussr.cow_code, ussr.gw_code) == (365, 365)
    assert (ussr.iso_alpha3, ussr.iso_alpha3_former) == ("RUS", "SUN")


def test_dissolved_states_carry_iso_3166_3_codes(table):
    countries = table("countries").set_index("country_id")
    assert countries.loc["GDR", "iso_alpha3_former"] == "DDR"
    assert pd.isna(countries.loc["GDR", "iso_alpha3"])
    assert countries.loc["CZE", "iso_alpha3_former"] == "CSK"
    assert countries.loc["YUG", "iso_alpha3_former"] == "YUG"


def test_iso_codes_exist_in_the_standard(table):
    countries = table("countries")
    current = {c.alpha_3 for c in pycountry.countries}
    former = {c.alpha_3 for c in pycountry.historic_countries}
    assert set(countries.iso_alpha3.dropna()) <= current
    assert set(countries.iso_alpha3_former.dropna()) <= former


def test_germany_disagreement_is_kept_and_explained(table):
    countries = table("countries").set_index("country_id")
    spells = table("state_memberships")
    gfr_gw = spells[(spells.system == "gw") & (spells.code == 260)].iloc[0]
    gfr_cow = spells[(spells.system == "cow") & (spells.code == 260)].iloc[0]
    assert gfr_gw.start_date == pd.Timestamp("1949-09-21") and gfr_gw.is_open
    assert gfr_cow.start_date == pd.Timestamp("1955-05-05")
    assert gfr_cow.end_date == pd.Timestamp("1990-10-02")
    assert countries.loc["GFR", "cow_gw_agreement"] == "dates_differ"
    assert "255" in countries.loc["GFR", "note"]


def test_open_membership_is_not_an_end(table):
    spells = table("state_memberships")
    usa = spells[(spells.code == 2)]
    assert usa.is_open.all() and usa.end_date.isna().all()
    assert set(usa.observed_until.dt.year) == {2016, 2017}


def test_major_powers(table, reference):
    majors = table("major_powers")
    assert len(majors) == len(pd.read_csv(reference / "cow_majors.csv"))
    china = majors[majors.country_id == "CHN"].iloc[0]
    assert china.start_date == pd.Timestamp("1950-01-01") and china.is_open


def test_every_row_cites_an_existing_source(table):
    known = set(table("sources").source_id)
    for name in ("countries", "state_memberships", "major_powers", "leaders"):
        ids = {i for cell in table(name).source_ids for i in cell.split(";")}
        assert ids <= known, name
