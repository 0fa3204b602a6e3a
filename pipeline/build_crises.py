"""Crises and crisis actors from ICB v14, with decoded variables and recorded corrections.

Which ICB variables are decoded, and under what column names, is listed once in
``curated/icb_variables.csv``; their value labels come from the ICB codebook
(``curated/icb_codebook.csv``). The descriptor is generated from the same two files.
Every change to an upstream value is a row of ``icb_corrections``: curated ones (with
evidence and sources) from ``curated/icb_corrections.csv``, and mechanical ones (a day
that is not a calendar date, a duration that disagrees with the dates) found here.
"""

from __future__ import annotations

import re

import pandas as pd

from pipeline import reference
from pipeline.csvio import read_table
from pipeline.icb_dates import parse
from pipeline.paths import CURATED
from pipeline.steps import step
from coldwar_relations.edtf import bounds
from coldwar_relations.scope import CORE_END, CORE_START
from coldwar_relations.rules.crises import DURATION_TOLERANCE_DAYS
from coldwar_relations.rules.crisis_actors import country_of_code

SOURCE = "icb-v14"
CODEBOOK = {"icb1": "icb-codebook-v12-system", "icb2": "icb-codebook-v12-actor"}  # one per level
NON_STATE_TRIGGERS = {"995", "996", "997"}


def variables(dataset: str) -> pd.DataFrame:
    table = read_table(CURATED / "icb_variables.csv")
    return table[table.dataset == dataset]


def codebook() -> pd.DataFrame:
    return read_table(CURATED / "icb_codebook.csv")


def labels(dataset: str, variable: str) -> dict[str, str]:
    book = codebook()
    rows = book[(book.dataset == dataset) & (book.variable == variable) & (book.code != "")]
    return dict(zip(rows.code, rows.label))


def _decode(frame: pd.DataFrame, upstream: pd.DataFrame, dataset: str, problems: list) -> pd.DataFrame:
    """Add the labelled and raw column of each listed variable. A code the codebook does not
    label keeps its raw value, gets no label, and is flagged."""
    for var in variables(dataset).itertuples():
        raw = upstream[var.variable].str.strip()
        if var.column:
            known = labels(dataset, var.variable)
            frame[var.column] = raw.map(known)
            for i in raw.index[(raw != "") & ~raw.isin(list(known))]:
                problems.append({
                    "icb_crisno": int(frame.at[i, "icb_crisno"]),
                    "icb_cracno": int(frame.at[i, "icb_cracno"]) if "icb_cracno" in frame else None,
                    "variable": var.variable, "original_value": raw[i], "corrected_value": None,
                    "action": "flagged", "source_ids": f"{SOURCE};{CODEBOOK[dataset]}",
                    "evidence": f"Code {raw[i]} of {var.variable.upper()} has no label in the codebook tables "
                                f"used; {var.column} is left empty and the raw code kept."})
        frame[f"icb_{var.variable}"] = pd.to_numeric(raw.replace("", None)).astype("Int64")
    return frame


def _corrections() -> pd.DataFrame:
    return read_table(CURATED / "icb_corrections.csv")


TITLE_WORDS = {
    "BDR.": "Border", "BDR": "Border", "BRD.": "Border", "N.": "North", "E.": "East", "S.": "South",
    "CZECH.": "Czechoslovakia", "REP.": "Republic", "OCCUP.": "Occupation", "INDEP.": "Independence",
    "IND.": "Independence", "SOV.": "Soviet", "DOM.": "Dominican", "NIC.": "Nicaragua",
    "CONFRNT.": "Confrontation", "CONFRONT.": "Confrontation", "CEN.": "Central", "INTERV.": "Intervention",
    "INTERVENTN.": "Intervention", "ASSN.": "Assassination", "ASS.": "Assassination",
    "REMILIT.": "Remilitarization", "INVAS.": "Invasion", "INV.": "Invasion", "OFFENS.": "Offensive",
    "PAL.": "Palestine", "PRT.": "Partition", "NATN.": "Nationalization", "ABORT.": "Abortive",
    "MEX.": "Mexico", "GUAT.": "Guatemala", "SUB.": "Submarine", "MAUR.": "Mauritania",
    "INCDNT.": "Incident", "PAK.": "Pakistan", "DISP.": "Dispute", "ETHIOP.": "Ethiopia",
    "CONF.": "Conference", "LEB.": "Lebanon",
}
KEEP_UPPER = re.compile(r"^(?:[IVX]+:?|US|USSR|UAR|PLO|DRC|UDI|WWII|EC|UN|NATO|MIG)$")


def readable(name: str) -> str:
    """Title case for an ICB upper-case name, with its abbreviations written out."""
    words = []
    for token in re.split(r"(\s+|/|-)", name):
        if token in TITLE_WORDS:
            words.append(TITLE_WORDS[token])
        elif KEEP_UPPER.match(token):
            words.append(token)
        else:
            words.append(token.capitalize() if token.isupper() else token)
    return "".join(words)


def _date_columns(frame, upstream, prefix, y, m, d, problems, key):
    parsed = [parse(a, b, c) for a, b, c in zip(upstream[y], upstream[m], upstream[d])]
    frame[f"{prefix}_date"] = [p.value for p in parsed]
    frame[f"{prefix}_day_code"] = pd.array([p.day_code for p in parsed], dtype="Int64")
    for ids, p, raw in zip(key, parsed, zip(upstream[y], upstream[m], upstream[d])):
        if p.problem:
            problems.append({**ids, "variable": f"{y}/{m}/{d}", "original_value": "-".join(raw),
                             "corrected_value": p.value, "action": "reduced_precision",
                             "evidence": f"{p.problem}; kept to month precision", "source_ids": SOURCE})


def _duration_check(frame, problems) -> pd.Series:
    """Flag (never change) ICB durations that the crisis's own dates cannot produce."""
    trig_first, trig_last = bounds(frame["trigger_date"].astype("string"))
    term_first, term_last = bounds(frame["termination_date"].astype("string"))
    shortest = (term_first - trig_last).dt.days + 1
    longest = (term_last - trig_first).dt.days + 1
    duration = frame["duration_days"]
    bad = duration.notna() & shortest.notna() & (
        (duration < shortest - DURATION_TOLERANCE_DAYS) | (duration > longest + DURATION_TOLERANCE_DAYS))
    notes = pd.Series(None, index=frame.index, dtype="object")
    for i in frame.index[bad]:
        span = f"{shortest[i]}" if shortest[i] == longest[i] else f"{shortest[i]} to {longest[i]}"
        notes[i] = (f"ICB gives a duration of {duration[i]} days but its trigger and termination "
                    f"dates span {span} days (counting both ends); both are kept as published.")
        problems.append({"icb_crisno": int(frame.at[i, "icb_crisno"]), "icb_cracno": None,
                         "variable": "brexit", "original_value": str(duration[i]), "corrected_value": None,
                         "action": "flagged", "evidence": notes[i], "source_ids": SOURCE})
    return notes


def crises(ref=None, problems: list | None = None) -> pd.DataFrame:
    problems = problems if problems is not None else []
    icb = reference.read("icb1", ref)
    frame = pd.DataFrame({"icb_crisno": icb.crisno.astype(int), "icb_name": icb.crisname.str.strip()})
    fixes = _corrections()
    names = fixes[(fixes.variable == "crisname") & (fixes.action == "corrected")]
    corrected_name = dict(zip(names.icb_crisno.astype(int), names.corrected_value))
    titles = read_table(CURATED / "crisis_titles.csv")
    curated_title = dict(zip(titles.icb_crisno.astype(int), titles.title))
    frame["title"] = [curated_title.get(n) or readable(corrected_name.get(n, name))
                      for n, name in zip(frame.icb_crisno, frame.icb_name)]
    key = [{"icb_crisno": n, "icb_cracno": None} for n in frame.icb_crisno]
    _date_columns(frame, icb, "trigger", "yrtrig", "motrig", "datrig", problems, key)
    _date_columns(frame, icb, "termination", "yrterm", "moterm", "daterm", problems, key)
    earliest, _ = bounds(frame["trigger_date"].astype("string"))
    frame.insert(3, "in_core_period", earliest.between(pd.Timestamp(CORE_START), pd.Timestamp(CORE_END)).fillna(False))
    brexit = pd.to_numeric(icb.brexit.replace("", None)).astype("Int64")
    frame["duration_days"] = brexit.where(brexit != 999)
    frame["duration_note"] = _duration_check(frame, problems)
    trigent = icb.trigent.str.strip()
    frame["triggering_entity"] = trigent.map(lambda c: (c if c in NON_STATE_TRIGGERS else "state") if c else None)
    frame["triggering_country_code"] = pd.to_numeric(
        trigent.where(~trigent.isin(NON_STATE_TRIGGERS) & (trigent != ""))).astype("Int64")
    frame["icb_trigent"] = pd.to_numeric(trigent.replace("", None)).astype("Int64")
    frame["number_of_actors"] = pd.to_numeric(icb.noactr.replace("", None)).astype("Int64")
    frame = _decode(frame, icb, "icb1", problems)
    frame["icb_pcid"] = pd.to_numeric(icb.pcid.replace("", None)).astype("Int64")
    empty = frame.trigger_date.isna()
    frame["note"] = None
    frame.loc[empty, "note"] = "ICB v14 publishes only the identifiers of this crisis; every other field is empty."
    for fix in names.itertuples():
        frame.loc[frame.icb_crisno == int(fix.icb_crisno), "note"] = (
            f"ICB name misspelt as {fix.original_value!r}; title uses {fix.corrected_value!r}.")
    frame["source_ids"] = f"{SOURCE};{CODEBOOK['icb1']}"
    return frame


def crisis_actors(crises_frame: pd.DataFrame, ref=None, problems: list | None = None) -> pd.DataFrame:
    problems = problems if problems is not None else []
    icb = reference.read("icb2", ref)
    fixes = _corrections()
    for fix in fixes[(fixes.action == "corrected") & (fixes.icb_cracno != "")].itertuples():
        row = icb.index[icb.cracno == fix.icb_cracno][0]
        columns = fix.variable.split("/")
        icb.loc[row, columns] = fix.corrected_value.split("-")
    frame = pd.DataFrame({
        "icb_cracno": icb.cracno.astype(int),
        "icb_crisno": icb.crisno.astype(int),
        "icb_cracid": icb.cracid.astype(int),
        "icb_actor": icb.actor.str.strip(),
    })
    key = [{"icb_crisno": c, "icb_cracno": a} for c, a in zip(frame.icb_crisno, frame.icb_cracno)]
    _date_columns(frame, icb, "trigger", "yrtrig", "motrig", "datrig", problems, key)
    _date_columns(frame, icb, "major_response", "yerres", "monres", "dayres", problems, key)
    _date_columns(frame, icb, "termination", "yrterm", "moterm", "daterm", problems, key)
    frame = _decode(frame, icb, "icb2", problems)
    frame["note"] = None
    frame["source_ids"] = f"{SOURCE};{CODEBOOK['icb2']}"
    for fix in fixes[fixes.icb_cracno != ""].itertuples():
        mask = frame.icb_cracno == int(fix.icb_cracno)
        frame.loc[mask, "note"] = fix.evidence
        extra = [s for s in fix.source_ids.split(";") if s and s not in frame.loc[mask, "source_ids"].iloc[0]]
        if extra:
            frame.loc[mask, "source_ids"] = frame.loc[mask, "source_ids"] + ";" + ";".join(extra)
    return frame


def link_trigger(crises_frame: pd.DataFrame, countries: pd.DataFrame) -> pd.DataFrame:
    """Replace the triggering state's code by its country_id."""
    ids = country_of_code(countries)
    frame = crises_frame.copy()
    position = frame.columns.get_loc("triggering_country_code")
    frame.insert(position, "triggering_country_id", frame.pop("triggering_country_code").map(
        lambda c: ids[int(c)] if pd.notna(c) else None))
    return frame


def link_actors(actors: pd.DataFrame, crises_frame: pd.DataFrame, countries: pd.DataFrame,
                spells: pd.DataFrame, problems: list) -> pd.DataFrame:
    """Attach country ids, and say where an actor was not a member of either state system on the
    crisis trigger date or where its own dates are out of order (kept as published, flagged)."""
    frame = actors.copy()
    frame.insert(2, "country_id", frame["icb_cracid"].map(country_of_code(countries)))
    if frame["country_id"].isna().any():
        raise ValueError("an ICB actor code matches no country")
    crisis_trigger = frame["icb_crisno"].map(dict(zip(crises_frame.icb_crisno, crises_frame.trigger_date)))
    first, last = bounds(crisis_trigger.astype("string"))
    ends = spells["end_date"].where(spells["end_date"] != "", "9999-12-31")
    exceptions = []
    for cid, lo, hi in zip(frame["country_id"], first, last):
        member = spells[(spells.country_id == cid) & (spells.start_date <= str(hi.date()))
                        & (ends.loc[spells.index] >= str(lo.date()))]
        exceptions.append(None if len(member) else
                          "Neither COW nor GW lists this actor as a state on the crisis trigger date; "
                          "ICB counts it as a crisis actor.")
    frame.insert(frame.columns.get_loc("note"), "membership_exception", exceptions)
    trig_first, _ = bounds(frame["trigger_date"].astype("string"))
    _, resp_last = bounds(frame["major_response_date"].astype("string"))
    early = resp_last < trig_first
    for i in frame.index[early.fillna(False)]:
        text = (f"ICB dates this actor's major response ({frame.at[i, 'major_response_date']}) before its "
                f"trigger ({frame.at[i, 'trigger_date']}); kept as published.")
        frame.at[i, "note"] = text
        problems.append({"icb_crisno": int(frame.at[i, "icb_crisno"]), "icb_cracno": int(frame.at[i, "icb_cracno"]),
                         "variable": "yerres/monres/dayres", "original_value": frame.at[i, "major_response_date"],
                         "corrected_value": None, "action": "flagged", "evidence": text, "source_ids": SOURCE})
    return frame


def corrections(problems: list) -> pd.DataFrame:
    curated = _corrections()
    rows = [{**r._asdict()} for r in curated.itertuples(index=False)] + problems
    frame = pd.DataFrame(rows)
    frame["icb_crisno"] = pd.to_numeric(frame.icb_crisno).astype("Int64")
    frame["icb_cracno"] = pd.to_numeric(frame.icb_cracno.replace("", None)).astype("Int64")
    frame = frame.sort_values(["icb_crisno", "icb_cracno", "variable"], na_position="first").reset_index(drop=True)
    frame.insert(0, "correction_id", range(1, len(frame) + 1))
    return frame


def _unlinked_crises(ctx) -> pd.DataFrame:
    return ctx.once("crises:unlinked", lambda: crises(ctx.ref, ctx.problems))


@step("crises")
def _crises_step(ctx):
    return link_trigger(_unlinked_crises(ctx), ctx.table("countries"))


@step("crisis_actors")
def _crisis_actors_step(ctx):
    actors = crisis_actors(_unlinked_crises(ctx), ctx.ref, ctx.problems)
    return link_actors(actors, _unlinked_crises(ctx), ctx.table("countries"), ctx.table("state_memberships"),
                       ctx.problems)


@step("icb_corrections")
def _corrections_step(ctx):
    ctx.table("crises"), ctx.table("crisis_actors")  # they record the problems corrected here
    return corrections(ctx.problems)
