"""One page per crisis of the core period (1945-1991), and an index of them.

Each page joins what the package holds about one ICB crisis: dates at their true precision,
actors, the ICB variables (decoded where the descriptor gives labels, raw codes otherwise),
curated metrics with their sources, diplomatic events, corrections to ICB and checked claims.
"""

from __future__ import annotations

from pathlib import Path

import mkdocs_gen_files
import pandas as pd

from common import (
    anchor, cell, crisis_page, names_on, crisis_pages, event_link, label_map, md_table, rel,
    resources, source_links, split_ids, table, text,
)

PRECISION = {4: "year", 7: "month", 10: "day"}
IDENTIFIERS = {"icb_crisno", "icb_cracno", "icb_cracid", "icb_trigent", "icb_pcid"}  # shown elsewhere


class Tables:
    """The tables a crisis page draws on, loaded once and grouped by crisis number."""

    def __init__(self) -> None:
        self.actors = dict(tuple(table("crisis_actors").groupby("icb_crisno")))
        self.metrics = dict(tuple(table("crisis_metrics").groupby("icb_crisno")))
        self.events = dict(tuple(table("events").dropna(subset=["icb_crisno"]).groupby("icb_crisno")))
        self.fixes = dict(tuple(table("icb_corrections").groupby("icb_crisno")))
        self.claims = table("claims")
        self.empty = pd.DataFrame()

    def of(self, kind: str, crisno: int) -> pd.DataFrame:
        return getattr(self, kind).get(crisno, self.empty)


def icb_variables(resource: str) -> list[tuple[str, str, dict | None]]:
    """(raw field, what it means, code labels or None) for every raw ICB field of a table.

    The descriptor writes a decoded variable as its labelled field followed by the raw code
    carrying `categories`; a variable without sourced labels has only the raw field."""
    fields, out = resources()[resource]["schema"]["fields"], []
    for i, f in enumerate(fields):
        if not f["name"].startswith("icb_") or f.get("type") != "integer" or f["name"] in IDENTIFIERS:
            continue
        if f.get("categories"):
            meaning = fields[i - 1]["description"].split(" Labels from")[0]
            out.append((f["name"], meaning, {c["value"]: c["label"] for c in f["categories"]}))
        else:
            out.append((f["name"], f.get("description", ""), None))
    return out


def dated(value, day_code=None) -> str:
    """A reduced-precision date with its precision, and ICB's approximate-day code if any."""
    if not text(value):
        return "unknown"
    out = f"{value} ({PRECISION.get(len(value), '?')} precision"
    if text(day_code):
        out += f"; ICB day code {text(day_code)}"
    return out + ")"


def coded(code, labels: dict | None) -> str:
    if not text(code):
        return ""
    return f"{text(code)} = {labels[int(code)]}" if labels and int(code) in labels else text(code)


def variables_section(row, resource: str) -> str:
    decoded, raw_only = [], []
    for name, meaning, labels in icb_variables(resource):
        target = decoded if labels else raw_only
        target.append([f"`{name}`", cell(meaning), cell(coded(getattr(row, name), labels))])
    out = "## ICB variables\n\nDecoded with value labels from the ICB codebook:\n\n"
    out += md_table(["Variable", "Meaning", "Code = label"], decoded)
    out += ("\nThe value labels of these variables are not decoded in this release; the raw ICB codes are "
            "given as published (see the ICB codebook):\n\n")
    return out + md_table(["Variable", "Meaning", "Raw ICB code"], raw_only)


def actors_section(actors: pd.DataFrame, names: dict) -> str:
    if actors.empty:
        return "## Actors\n\nICB lists no actor for this crisis.\n"
    rows, raw_rows = [], []
    raw_vars = [v for v in icb_variables("crisis_actors") if v[2] is None]
    for a in actors.sort_values("icb_cracno").itertuples():
        who = f"{cell(names.get(a.country_id, a.country_id))} (`{a.country_id}`)"
        rows.append([who, cell(a.trigger_date), cell(a.major_response_date), cell(a.termination_date),
                     cell(a.trigger_type), cell(a.major_response), cell(a.outcome), cell(a.outcome_form),
                     cell(" ".join(filter(None, [text(a.note), text(a.membership_exception)])))])
        raw_rows.append([f"`{a.country_id}`"] + [cell(getattr(a, v[0])) for v in raw_vars])
    out = "## Actors\n\n" + md_table(
        ["Actor", "Trigger", "Major response", "Termination", "Trigger type (TRIGGR)",
         "Major response (MAJRES)", "Outcome (OUTCOM)", "Form of outcome (OUTFOR)", "Note"], rows)
    out += '\n??? note "Raw ICB actor-level codes (labels not decoded in this release)"\n\n'
    table_md = md_table(["Actor"] + [f"`{v[0]}`" for v in raw_vars], raw_rows)
    return out + "".join("    " + line + "\n" for line in table_md.splitlines()) + "\n"


def metric_value(m) -> str:
    if m.unit == "date":
        return cell(m.value_date)
    parts = []
    if text(m.value):
        parts.append(text(m.value))
    if text(m.low) or text(m.high):
        parts.append(f"range {text(m.low)}–{text(m.high)}")
    return cell(" · ".join(parts) + f" {m.unit}")


def metrics_section(metrics: pd.DataFrame, page: str, names: dict) -> str:
    if metrics.empty:
        return ""
    meaning = label_map("crisis_metrics", "metric")
    vocab = rel(page, "dictionary/crisis_metrics.md", anchor("values", "metric"))
    rows = []
    for m in metrics.itertuples():
        who = names.get(text(m.actor_country_id), "whole crisis") if text(m.actor_country_id) else "whole crisis"
        rows.append([f'<a id="{anchor("m", m.metric_id)}"></a>[`{m.metric}`]({vocab} "{cell(meaning.get(m.metric, "")).replace(chr(34), chr(39))}")',
                     cell(who), metric_value(m), cell(m.refers_to),
                     cell(" ".join(filter(None, [f"“{text(m.evidence)}”" if text(m.evidence) else "", text(m.note)]))),
                     source_links(m.source_ids, page)])
    return ("## Metrics\n\nCurated figures with their sources. Where sources disagree the row gives the range "
            "(low–high), and a value only where a source gives a best estimate.\n\n"
            + md_table(["Metric", "About", "Figure", "Refers to", "Evidence and note", "Sources"], rows))


def events_section(events: pd.DataFrame, page: str) -> str:
    if events.empty:
        return ""
    events = events.sort_values(["date_earliest", "event_id"])
    rows = [[cell(e.date), cell(e.event_type), event_link(e.event_id, page, e.title), cell(e.description),
             source_links(e.source_ids, page)] for e in events.itertuples()]
    return "## Diplomatic events\n\n" + md_table(["Date", "Type", "Event", "Description", "Sources"], rows)


def corrections_section(fixes: pd.DataFrame, page: str) -> str:
    if fixes.empty:
        return ""
    rows = [[cell(f.variable), cell(f.icb_cracno), cell(f.original_value), cell(f.corrected_value), cell(f.action),
             cell(f.evidence), source_links(f.source_ids, page)] for f in fixes.itertuples()]
    return ("## Corrections and flags to ICB v14\n\n"
            + md_table(["Variable", "Actor no.", "ICB value", "Value here", "Action", "Evidence", "Sources"], rows))


def claims_section(crisno: int, page: str, data: Tables) -> str:
    metric_ids = set(data.of("metrics", crisno).get("metric_id", []))
    event_ids = set(data.of("events", crisno).get("event_id", []))
    if not metric_ids and not event_ids:
        return ""
    claims = data.claims
    hit = claims[[bool(set(split_ids(m)) & metric_ids or set(split_ids(e)) & event_ids)
                  for m, e in zip(claims["metric_ids"], claims["event_ids"])]]
    if hit.empty:
        return ""
    rows = [[f"[{c.claim_id}]({rel(page, 'fact-check.md', anchor('claim', c.claim_id))})", cell(c.statement),
             f"**{cell(c.verdict)}**"] for c in hit.itertuples()]
    return "## Claims checked\n\n" + md_table(["Claim", "Statement", "Verdict"], rows)


def crisis_markdown(c, data: Tables) -> str:
    names = names_on(c.trigger_date_earliest)  # the names of the time: the Soviet Union in 1962
    page = crisis_page(c.icb_crisno)
    trig = (f"{names.get(c.triggering_country_id, c.triggering_country_id)} (`{c.triggering_country_id}`)"
            if text(c.triggering_country_id) else f"non-state or multiple entities (ICB code {text(c.icb_trigent)})")
    duration = f"{text(c.duration_days)} days (ICB BREXIT)" if text(c.duration_days) else "unknown"
    if text(c.duration_note):
        duration += f". {text(c.duration_note)}"
    facts = [["ICB crisis number", f"{c.icb_crisno}"], ["ICB name", f"`{cell(c.icb_name)}`"],
             ["Trigger", cell(dated(c.trigger_date, c.trigger_day_code))],
             ["Termination", cell(dated(c.termination_date, c.termination_day_code))],
             ["Duration", cell(duration)], ["Triggered by", cell(trig)],
             ["Number of actors", cell(c.number_of_actors)],
             ["Protracted conflict (PCID)", cell(c.icb_pcid) or "none"]]
    if text(c.note):
        facts.append(["Note", cell(c.note)])
    facts.append(["Sources", source_links(c.source_ids, page)])
    parts = ["---\nhide: [toc]\n---\n", f"# {c.title} (ICB {c.icb_crisno})\n",
             f"[All crises]({rel(page, 'crises/index.md')}) · fields explained in the "
             f"[`crises`]({rel(page, 'dictionary/crises.md')}) and "
             f"[`crisis_actors`]({rel(page, 'dictionary/crisis_actors.md')}) dictionary pages\n",
             md_table(["", ""], facts), actors_section(data.of("actors", c.icb_crisno), names),
             variables_section(c, "crises"), metrics_section(data.of("metrics", c.icb_crisno), page, names),
             events_section(data.of("events", c.icb_crisno), page),
             corrections_section(data.of("fixes", c.icb_crisno), page), claims_section(c.icb_crisno, page, data)]
    return "\n".join(p for p in parts if p)


def index_markdown(crises: pd.DataFrame) -> str:
    actors = table("crisis_actors")
    metrics = table("crisis_metrics")["icb_crisno"].value_counts()
    by_crisis = actors.groupby("icb_crisno")["country_id"].agg(list)
    rows = []
    for c in crises.sort_values("icb_crisno").itertuples():
        names = names_on(c.trigger_date_earliest)
        who = ", ".join(names.get(a, a) for a in by_crisis.get(c.icb_crisno, []))
        rows.append([str(c.icb_crisno), f"[{cell(c.title)}]({rel('crises/index.md', crisis_page(c.icb_crisno))})",
                     cell(c.trigger_date), cell(c.termination_date), cell(who, 120), cell(c.trigger_type),
                     cell(c.violence_severity), str(metrics.get(c.icb_crisno, "")) or ""])
    curated = crises[crises["icb_crisno"].isin(metrics.index)].sort_values("icb_crisno")
    featured = ", ".join(f"[{cell(c.title)}]({rel('crises/index.md', crisis_page(c.icb_crisno))})"
                         for c in curated.itertuples())
    return (f"---\nhide: [toc]\n---\n\n# Crises, 1945-1991\n\nThe {len(crises)} international crises of the International Crisis "
            "Behavior project (ICB v14) triggered from 1945 to 1991, each with its own page. "
            f"Crises with curated metrics: {featured}.\n\n"
            "![Crises per year by severity of violence](../img/crises-per-year.png)\n\n"
            "Actors are named as they were at the crisis trigger; severity of violence is ICB's SEVVIOSY, "
            "labelled from the ICB codebook.\n\n"
            + md_table(["ICB", "Crisis", "Trigger", "Termination", "Actors", "Trigger type", "Severity of violence",
                        "Metrics"], rows))


def main() -> None:
    crises, data = crisis_pages(), Tables()
    for c in crises.itertuples():
        with mkdocs_gen_files.open(crisis_page(c.icb_crisno), "w") as fh:
            fh.write(crisis_markdown(c, data))
    with mkdocs_gen_files.open("crises/index.md", "w") as fh:
        fh.write(index_markdown(crises))
    # the nav lists the index and the crises with curated metrics; every crisis is linked from the index
    curated = crises[crises["icb_crisno"].isin(set(table("crisis_metrics")["icb_crisno"]))]
    with mkdocs_gen_files.open("crises/SUMMARY.md", "w") as fh:
        fh.write("* [All crises 1945-1991](index.md)\n" + "".join(
            f"* [{c.title}](icb-{c.icb_crisno}.md)\n" for c in curated.sort_values("icb_crisno").itertuples()))


