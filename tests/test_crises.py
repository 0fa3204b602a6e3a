"""Crises, crisis actors, ICB corrections and crisis metrics."""

from __future__ import annotations

import pandas as pd

import coldwar_relations as cw

from test_validation import edit_cell, problems


def test_cuban_missile_crisis_dates_and_actors(table):
    cuba = table("crises").set_index("icb_crisno").loc[196]
    assert cuba.icb_name == "CUBAN MISSILES" and cuba.title == "Cuban Missile Crisis"
    assert (cuba.trigger_date, cuba.termination_date) == ("1962-10-16", "1962-11-20")
    assert cuba.trigger_date_earliest == pd.Timestamp("1962-10-16")
    actors = table("crisis_actors").query("icb_crisno == 196")
    assert sorted(actors.country_id) == ["CUB", "RUS", "USA"]


def test_approximate_icb_day_gives_month_precision_not_a_fake_day(table, reference):
    upstream = pd.read_csv(reference / "icb1v14.csv", dtype=str, keep_default_na=False)
    approximate = upstream[upstream.datrig.isin(["66", "77", "88"])]
    crises = table("crises").set_index("icb_crisno")
    assert len(approximate) > 0
    for row in approximate.itertuples():
        ours = crises.loc[int(row.crisno)]
        assert ours.trigger_date == f"{int(row.yrtrig):04d}-{int(row.motrig):02d}"
        assert ours.trigger_day_code == int(row.datrig)
        assert ours.trigger_date_earliest.day == 1 and ours.trigger_date_latest.month == int(row.motrig)
    wall = crises.loc[185]
    assert wall.trigger_date == "1961-08" and wall.trigger_day_code == 66


def test_every_icb_crisis_and_actor_is_present(table, reference):
    crises = table("crises")
    assert len(crises) == len(pd.read_csv(reference / "icb1v14.csv"))
    assert len(table("crisis_actors")) == len(pd.read_csv(reference / "icb2v14.csv"))
    upstream = pd.read_csv(reference / "icb1v14.csv", dtype=str, keep_default_na=False)
    core = upstream[(upstream.yrtrig >= "1945") & (upstream.yrtrig <= "1991")]
    assert set(core.crisno.astype(int)) == set(crises[crises.in_core_period].icb_crisno)


def test_raw_icb_codes_are_kept_beside_labels(table, reference):
    upstream = pd.read_csv(reference / "icb1v14.csv", dtype=str, keep_default_na=False).set_index("crisno")
    crises = table("crises").set_index("icb_crisno")
    assert crises.loc[196, "icb_break"] == int(upstream.loc["196", "break"])
    assert crises.loc[196, "icb_sevviosy"] == int(upstream.loc["196", "sevviosy"])
    assert crises.loc[196, "trigger_type"] == "External change"


def test_iraq_major_response_year_corrected_and_recorded(table):
    iraq = table("crisis_actors").set_index("icb_cracno").loc[850]
    assert iraq.major_response_date == "1991-01-17"
    fixes = table("icb_corrections")
    fix = fixes[(fixes.icb_cracno == 850)].iloc[0]
    assert (fix.original_value, fix.corrected_value, fix.action) == ("1990-1-17", "1991-1-17", "corrected")
    assert "historycentral-desert-storm-air-attack" in fix.source_ids


def test_responses_before_trigger_are_flagged_not_changed(table):
    actors = table("crisis_actors").set_index("icb_cracno")
    assert actors.loc[539, "major_response_date"] == "1970-03-24"
    flagged = table("icb_corrections").query("action == 'flagged'")
    assert {539, 697} <= set(flagged.icb_cracno.dropna())


def test_misspelt_icb_names_are_kept_raw_and_fixed_in_title(table):
    crises = table("crises").set_index("icb_crisno")
    assert crises.loc[38, "icb_name"] == "CHINESEE RAILWAY"
    assert crises.loc[38, "title"] == "Chinese Railway"
    assert crises.loc[486, "title"].startswith("Syria")


def test_quarantine_proclaimed_then_in_force(table):
    metrics = table("crisis_metrics").query("icb_crisno == 196").set_index("metric")
    assert metrics.loc["quarantine_proclaimed", "value_date"] == "1962-10-23"
    assert metrics.loc["quarantine_in_force", "value_date"] == "1962-10-24"
    assert metrics.loc["quarantine_ended", "value_date"] == "1962-11-20"


def test_soviet_troops_contemporary_estimate_below_later_figure(table):
    metrics = table("crisis_metrics").query("icb_crisno == 196 and actor_country_id == 'RUS'")
    later = metrics[metrics.metric == "troops_deployed"].value.max()
    contemporary = metrics[metrics.metric == "troops_estimate_contemporary"]
    assert later > 40000
    assert (contemporary.high.fillna(contemporary.value) < later).all()


def test_required_crises_have_three_sourced_metrics(table):
    metrics = table("crisis_metrics")
    for crisno in (123, 133, 152, 155, 185, 196, 227, 231, 255, 303, 344):
        rows = metrics[metrics.icb_crisno == crisno]
        assert len(rows) >= 3, crisno
        assert rows.source_ids.notna().all()


def test_every_metric_has_one_unit(table):
    metrics = table("crisis_metrics")
    assert (metrics.groupby("metric", observed=True).unit.nunique() == 1).all()


def test_bounds_out_of_order_rejected(package_copy):
    row = edit_cell(package_copy, "crisis_metrics", "icb196-troops_deployed-rus-1", "low", "50000")
    assert any(p.row == row for p in problems(package_copy, "low-value-high"))


def test_wrong_unit_rejected(package_copy):
    row = edit_cell(package_copy, "crisis_metrics", "icb196-troops_deployed-rus-1", "unit", "tanks")
    assert any(p.row == row for p in problems(package_copy, "unit-of-metric"))


def test_crisis_ending_before_it_starts_rejected(package_copy):
    row = edit_cell(package_copy, "crises", "196", "termination_date", "1962-09")
    assert any(p.row == row for p in problems(package_copy, "crisis-trigger-before-termination"))


def test_actor_that_did_not_exist_rejected(package_copy):
    row = edit_cell(package_copy, "crisis_actors", "450", "country_id", "GDR")
    edit_cell(package_copy, "crisis_actors", "450", "icb_cracid", "265")
    found = problems(package_copy)
    assert not [p for p in found if p.rule == "actor-existed" and p.row == row]  # GDR existed in 1962
    row = edit_cell(package_copy, "crisis_actors", "450", "country_id", "VFR")
    edit_cell(package_copy, "crisis_actors", "450", "icb_cracid", "219")
    assert any(p.row == row for p in problems(package_copy, "actor-existed"))


def test_reduced_precision_date_pattern_enforced(package_copy):
    row = edit_cell(package_copy, "crises", "196", "trigger_date", "1962-10-66")
    assert any(p.row == row and p.column == "trigger_date" for p in problems(package_copy, "constraint-error"))


def test_cuban_missile_crisis_decoded_with_the_codebook(table):
    actors = table("crisis_actors").query("icb_crisno == 196")
    assert set(actors.icb_gravty) == {5}
    assert set(actors.gravity.astype(str)) == {"Threat of grave damage"}
    cuba = table("crises").set_index("icb_crisno").loc[196]
    assert cuba.icb_usinv == 4 and cuba.us_involvement == "U.S. direct military activity"
    assert cuba.geography == "Central America"


def test_same_variable_name_keeps_each_levels_coding(repo):
    fields = {r["name"]: {f["name"]: f for f in r["schema"]["fields"]} for r in cw.descriptor(repo)["resources"]}
    system, actor = fields["crises"]["icb_usinv"], fields["crisis_actors"]["icb_usinv"]
    assert len(system["categories"]) == 4 and len(actor["categories"]) == 9
    assert len(fields["crisis_actors"]["outcome_form"]["constraints"]["enum"]) >= 15


def test_no_icb_variable_with_codebook_labels_ships_undecoded(repo):
    variables = pd.read_csv(repo / "pipeline/curated/icb_variables.csv", dtype=str, keep_default_na=False)
    book = pd.read_csv(repo / "pipeline/curated/icb_codebook.csv", dtype=str, keep_default_na=False)
    labelled = set(zip(book.dataset, book.variable))
    has_labels = pd.Series([(d, v) in labelled for d, v in zip(variables.dataset, variables.variable)],
                           index=variables.index)
    raw_only = variables[(variables.column == "") & has_labels]
    assert set(raw_only.variable) <= {"trigent"}  # a state code or 995-997, described in the field


def test_codes_the_codebook_does_not_define_stay_raw_and_are_flagged(table, reference):
    upstream = pd.read_csv(reference / "icb1v14.csv", dtype=str, keep_default_na=False)
    period6 = set(upstream.loc[upstream.period.str.strip() == "6", "crisno"].astype(int))
    crises = table("crises").set_index("icb_crisno")
    assert period6 and crises.loc[sorted(period6), "polarity_period"].isna().all()
    assert (crises.loc[sorted(period6), "icb_period"] == 6).all()
    flags = table("icb_corrections").query("variable == 'period' and action == 'flagged'")
    assert set(flags.icb_crisno) == period6


def test_every_core_crisis_of_a_superpower_has_three_sourced_figures(table):
    crises, actors, metrics = table("crises"), table("crisis_actors"), table("crisis_metrics")
    core = set(crises.loc[crises.in_core_period.fillna(False), "icb_crisno"])
    superpower = set(actors.loc[actors.country_id.isin(["USA", "RUS"]), "icb_crisno"]) & core
    counts = metrics.groupby("icb_crisno").size()
    short = {c: int(counts.get(c, 0)) for c in superpower if counts.get(c, 0) < 3}
    assert superpower and not short
    assert metrics.source_ids.notna().all() and metrics.evidence.notna().all()


def test_crises_between_the_states_of_a_pair_are_linked(table):
    pair_crises = table("pair_crises")
    cuba = pair_crises.query("icb_crisno == 196")
    assert {(r.actor_country_id, r.triggered_by_country_id) for r in cuba.itertuples()} >= {("USA", "RUS")}
    usa = cuba[cuba.actor_country_id == "USA"].iloc[0]
    assert (usa.onset_date, usa.end_date) == ("1962-10-16", "1962-11-20")
    actors = table("crisis_actors").set_index("icb_cracno")
    for r in pair_crises.itertuples():  # every row is an ICB actor triggered by the pair's other state
        assert actors.loc[r.icb_cracno, "country_id"] == r.actor_country_id
