"""One page per country pair in scope (pairs table), and an index of them.

A pair page shows the relations timeline (img/pairs/<pair>.png, drawn by gen_plots.py from the
relations table), the periods of each status, and every event of the pair with its sources;
each event row has an anchor (#ev-<event_id>) that the crisis and fact-check pages link to.
"""

from __future__ import annotations

from pathlib import Path

import mkdocs_gen_files

from common import (
    anchor, cell, country_names, crisis_page, crisis_pages, label_map, md_table, pair_page, rel,
    has_timeline, names_between, scope, source_links, state_machine, table, text,
)


def periods(rel_rows) -> list[list[str]]:
    """Consecutive years with the same status (on 31 December), with the event that set it."""
    out, rows = [], rel_rows.sort_values("year").to_dict("records")
    for r in rows:
        if out and out[-1]["status"] == r["status"] and out[-1]["event_id"] == r["event_id"]:
            out[-1]["last"] = r["year"]
        else:
            out.append({"first": r["year"], "last": r["year"], "status": r["status"], "event_id": r["event_id"],
                        "since": r["since"]})
    return out


def pair_markdown(p, names: dict) -> str:
    page = pair_page(p.pair_id)
    events, actors, rel_table = table("events"), table("event_actors"), table("relations")
    pair_events = state_machine.order(state_machine.pair_events(events, actors, p.country_a, p.country_b))
    rows_rel = rel_table[rel_table["pair_id"] == p.pair_id]
    title = pair_title(p, rows_rel)
    initial = f"**{p.initial_status}**"
    if text(p.note):
        initial += f". {cell(p.note)}"
    if text(p.source_ids):
        initial += f" Sources: {source_links(p.source_ids, page)}"
    out = ["---\nhide: [toc]\n---\n", f"# {title} (`{p.pair_id}`)\n",
           f"[All pairs]({rel(page, 'pairs/index.md')}) · {len(pair_events)} events · status before the first "
           f"recorded event: {initial}\n",
           (f"![Relations timeline, {title}]({rel(page, 'img/pairs/' + p.pair_id.lower() + '.png')})\n"
            if has_timeline(p, len(pair_events), rows_rel) else
            "The two states never both existed on 31 December of a year in the lists.\n" if not len(rows_rel) else ""),
           "The band shows the status of diplomatic relations on 31 December of each year, from the "
           f"[`relations`]({rel(page, 'dictionary/relations.md')}) table (derived from the events by the "
           f"[relations state machine]({rel(page, 'guides/methodology.md', 'relations-state-machine')})); "
           "labels mark the events that set a status, the lower row marks crises, treaties and summits, and for a "
           "pair with the United States the bottom band gives the rank of the U.S. chief of mission at post on "
           "31 December.\n",
           "## Status of relations\n"]
    rows = []
    for s in periods(rows_rel):
        years = str(s["first"]) if s["first"] == s["last"] else f"{s['first']}–{s['last']}"
        cause = (historian_link(s["event_id"]) if text(s["event_id"]).startswith("hsg-") else
                 event_link_here(s["event_id"], pair_events) if text(s["event_id"]) else "starting status")
        rows.append([years, f"**{s['status']}**", cell(s["since"]), cause])
    out.append(md_table(["Years (31 December)", "Status", "Since", "Set by"], rows))
    if "USA" in (p.country_a, p.country_b):
        out.append(us_record(p.country_b if p.country_a == "USA" else p.country_a))
    out.append("## Events\n")
    type_labels = label_map("events", "event_type")
    crisis_ids = set(crisis_pages()["icb_crisno"])
    roles: dict[str, str] = {}
    for a in actors.itertuples():
        roles[a.event_id] = ", ".join(filter(None, [roles.get(a.event_id), f"{a.country_id} ({a.role})"]))
    rows = []
    for e in pair_events.itertuples():
        date = cell(e.date) + (f" – {cell(e.end_date)}" if text(e.end_date) else "")
        what = f'<a id="{anchor("ev", e.event_id)}"></a>**{cell(e.title)}**. {cell(e.description)}'
        if text(e.instrument):
            what += f" Instrument: *{cell(e.instrument)}*."
        if text(e.icb_crisno) and int(e.icb_crisno) in crisis_ids:
            what += f" [ICB crisis {int(e.icb_crisno)}]({rel(page, crisis_page(e.icb_crisno))})."
        if text(e.alt_date):
            what += f" **Other date given: {cell(e.alt_date)}.**"
        if text(e.date_note):
            what += f" *Date note:* {cell(e.date_note)}"
        if text(e.evidence):
            what += f" *Evidence:* “{cell(e.evidence)}”"
        if text(e.note):
            what += f" *Note:* {cell(e.note)}"
        kind = f'<span title="{cell(type_labels.get(e.event_type, "")).replace(chr(34), chr(39))}">{cell(e.event_type)}</span>'
        rows.append([date, kind, what, cell(roles.get(e.event_id, "")), source_links(e.source_ids, page)])
    out.append(md_table(["Date", "Type", "Event", "Actors (role)", "Sources"], rows))
    return "\n".join(out)


def pair_title(p, rows_rel) -> str:
    """The pair as its states were called over the years it covers: "Soviet Union / Russian Federation – Israel"."""
    first, last = (int(rows_rel["year"].min()), int(rows_rel["year"].max())) if len(rows_rel) else (
        scope.FIRST_YEAR, scope.LAST_FULL_YEAR)
    return f"{names_between(p.country_a, first, last)} – {names_between(p.country_b, first, last)}"


def us_record(partner: str) -> str:
    """U.S. chiefs of mission in the partner and official visits (Office of the Historian)."""
    chiefs = table("chiefs_of_mission")
    chiefs = chiefs[(chiefs["country_id"] == partner) & (chiefs["record_list"] == "chiefs")]
    rows = [[f"[{cell(c.person_name)}]({c.person_url})" if text(c.person_url) else cell(c.person_name),
             cell(c.role_title), cell(c.credentials_date), cell(c.ended_date), cell(c.ended_note)]
            for c in chiefs.sort_values("credentials_date", na_position="first").itertuples()]
    visits = table("official_visits")
    visits = visits[visits["country_id"] == partner].sort_values("start_date")
    vrows = [[text(v.start_date), cell(v.traveller), cell(v.role), cell(v.places), cell(v.remarks, 160)]
             for v in visits.itertuples()]
    out = ["## U.S. chiefs of mission\n",
           f"From the Office of the Historian's records (`chiefs_of_mission`): {len(rows)} chiefs.\n",
           md_table(["Chief", "Title", "Credentials", "Ended", "How it ended"], rows) if rows else "",
           "## Official visits\n",
           f"Trips of U.S. presidents and secretaries of state, and visits of this state's leaders to the "
           f"United States (`official_visits`): {len(vrows)}.\n",
           md_table(["Start", "Who", "Role", "Places", "Remarks"], vrows) if vrows else ""]
    return "\n".join(out)


def coverage_table() -> str:
    """Per superpower and decade: pair-years with a known status, of all pair-years."""
    rel = table("relations")
    rows = []
    for code, label in (("RUS", "Soviet Union / Russia"), ("USA", "United States")):
        mine = rel[(rel["country_a"] == code) | (rel["country_b"] == code)]
        for decade, group in mine.groupby(mine["year"] // 10 * 10):
            known = int((group["status"] != "unknown").sum())
            states = group["pair_id"].nunique()
            rows.append([label, f"{int(decade)}s", str(states), f"{known:,} of {len(group):,}",
                         f"{100 * known / len(group):.1f}%"])
    return md_table(["Superpower", "Decade", "States", "Pair-years with a known status", "Share"], rows)


def historian_link(event_id: str) -> str:
    """A status set by an event of the Office of the Historian's guide: its heading, linked to its page."""
    hsg = table("us_recognition_events").set_index("event_id")
    return f"[{cell(hsg.at[event_id, 'heading'])}]({hsg.at[event_id, 'url']}) (Office of the Historian)"


def event_link_here(event_id: str, pair_events) -> str:
    match = pair_events[pair_events["event_id"] == event_id]
    label = match["title"].iloc[0] if len(match) else event_id
    return f"[{cell(label)}](#{anchor('ev', event_id)})"


def index_markdown(names: dict) -> str:
    pairs, rel_table = table("pairs"), table("relations")
    events, actors = table("events"), table("event_actors")
    rows = []
    for p in pairs.itertuples():
        r = rel_table[rel_table["pair_id"] == p.pair_id]
        n = len(state_machine.pair_events(events, actors, p.country_a, p.country_b))
        years = f"{int(r['year'].min())}–{int(r['year'].max())}" if len(r) else "none"
        end = cell(r.sort_values("year")["status"].iloc[-1]) if len(r) else ""
        rows.append([f"[{cell(pair_title(p, r))}]({p.pair_id.lower()}.md)",
                     f"`{p.pair_id}`", years, str(n), end])
    return ("# Country pairs\n\nThe pairs of states whose diplomatic relations the events follow "
            f"(the `pairs` table), from {scope.FIRST_YEAR} or the founding of the younger state to the last full year both "
            "existed.\n\n![States by status of relations with each superpower, by year](../img/relations-overview.png)\n\n"
            + "## Coverage\n\nA pair-year is unknown where no recorded event or source says what the status was "
            "(the `note` of the `relations` row says why); it is never written as \"none\".\n\n" + coverage_table()
            + "\n\n## All pairs\n\n"
            + md_table(["Pair", "Id", "Years covered", "Events", "Status at the end"], rows))


def main() -> None:
    names = country_names()
    pairs = table("pairs")
    for p in pairs.itertuples():
        with mkdocs_gen_files.open(pair_page(p.pair_id), "w") as fh:
            fh.write(pair_markdown(p, names))
    with mkdocs_gen_files.open("pairs/index.md", "w") as fh:
        fh.write(index_markdown(names))
    rel_table = table("relations")
    with mkdocs_gen_files.open("pairs/SUMMARY.md", "w") as fh:
        fh.write("* [All pairs](index.md)\n" + "".join(
            f"* [{pair_title(p, rel_table[rel_table['pair_id'] == p.pair_id])}]({p.pair_id.lower()}.md)\n"
            for p in pairs.itertuples()))


