"""Downloads, the fact-check and sources pages, and the generated parts of hand-written pages.

Hand-written pages (docs/*.md, docs/guides/*.md) hold the prose; where they need a fact the
package already states (row counts, citations, file hashes, the state machine) they carry a
marker `<!-- gen:NAME -->` that is replaced here by the matching BLOCKS function at build time.
An unknown marker fails the build.
"""

from __future__ import annotations

import ast
import io
import re
import zipfile
from pathlib import Path

import mkdocs_gen_files

from common import (
    CORE_END, CORE_START, ROOT, scope, anchor, cw, cell, crisis_page, crisis_pages, descriptor, event_link,
    label_map, md_table, raw, rel, resources, source_links, sources, split_ids, state_machine, table, text,
)

MARKER = re.compile(r"<!--\s*gen:([a-z-]+)\s*-->")
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)  # fixed timestamps: the same data give the same zip


def zip_name() -> str:
    return f"coldwar-relations-{descriptor()['version']}.zip"


def write_downloads() -> None:
    """The CSV files, the descriptor and a zip of the package, served by the site as they are in the repo."""
    files = ["datapackage.json"] + [r["path"] for r in resources().values()]
    files += [name for name in ("CITATION.cff",) if (ROOT / name).is_file()]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in files + [name for name in ("CHANGELOG.md", "LICENSE") if (ROOT / name).is_file()]:
            data = (ROOT / path).read_bytes()
            if path in files:
                with mkdocs_gen_files.open(f"download/{path}", "wb") as fh:
                    fh.write(data)
            info = zipfile.ZipInfo(f"coldwar-relations/{path}", ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data)
    with mkdocs_gen_files.open(f"download/{zip_name()}", "wb") as fh:
        fh.write(buf.getvalue())


# ---- blocks for the markers: each takes the page path and returns Markdown -------------------

def block_description(page: str) -> str:
    return descriptor()["description"] + "\n"


def block_install(page: str) -> str:
    d = descriptor()
    return (f"```bash\npip install \"{d['name']} @ git+{d['homepage']}\"\n"
            "# or, in a clone of the repository:\npip install .\n```\n")


def block_tables(page: str) -> str:
    rows = []
    for name, res in resources().items():
        first = res.get("description", "").split(". ")[0].rstrip(".") + "."
        rows.append([f"[`{name}`]({rel(page, f'dictionary/{name}.md')})", cell(res.get("title")),
                     f"{len(raw(name)):,}", cell(first, 220),
                     f"[CSV]({rel(page, 'download/' + res['path'])})"])
    return md_table(["Table", "Title", "Rows", "What one row is", "Download"], rows)


def block_coverage(page: str) -> str:
    countries, crises, leaders = table("countries"), table("crises"), table("leaders")
    pairs = table("pairs")
    core_leaders = leaders[(leaders["start_date"].dt.year <= CORE_END)
                           & (leaders["end_date"].isna() | (leaders["end_date"].dt.year >= CORE_START))]
    first_state_year = int(table("state_memberships")["start_date"].dt.year.min())
    crisis_years = crises["trigger_date"].dropna().str[:4].astype(int)
    return "\n".join([
        f"- **Period.** The core period is {CORE_START}-01-01 to {CORE_END}-12-31. State-system tables run from "
        f"{first_state_year} to the end of each upstream list; the country pairs in scope are followed from "
        f"{scope.FIRST_YEAR} to today.",
        f"- **States.** {len(countries):,} state codes (COW and Gleditsch-Ward), of which "
        f"{int(countries['in_core_period'].sum()):,} were members of either system during the core period; "
        f"{len(core_leaders):,} leader spells in office overlap it.",
        f"- **Crises.** {len(crises):,} ICB crises ({crisis_years.min()}-{crisis_years.max()}), {int(crises['in_core_period'].sum()):,} of them "
        f"triggered in the core period ([one page each]({rel(page, 'crises/index.md')})), with "
        f"{len(table('crisis_metrics')):,} curated metrics for "
        f"{table('crisis_metrics')['icb_crisno'].nunique()} Cold War crises.",
        f"- **Country pairs in scope** ([{len(pairs)}]({rel(page, 'pairs/index.md')})): the Soviet Union / Russia "
        f"and the United States each with every state it coexisted with. They have {len(table('events')):,} "
        f"curated events and {len(table('us_recognition_events')):,} events of the Office of the Historian's "
        f"guide, from which the yearly [status of relations]({rel(page, 'dictionary/relations.md')}) is derived; "
        f"{len(table('alliance_memberships'))} spells of membership of "
        f"{len(table('alliances'))} blocs; {len(table('chiefs_of_mission')):,} U.S. chiefs of mission and "
        f"{len(table('official_visits')):,} official trips and visits.",
        f"- **Provenance.** {len(sources()):,} sources; {len(table('claims'))} claims of the seed articles are "
        f"[checked against them]({rel(page, 'fact-check.md')}).",
    ]) + "\n"


def block_downloads(page: str) -> str:
    desc = descriptor()
    size = sum((ROOT / r["path"]).stat().st_size for r in resources().values())
    return "\n".join([
        f"- [**{zip_name()}**]({rel(page, 'download/' + zip_name())}): the whole data package "
        f"(`datapackage.json` and the {len(resources())} CSV files, {size / 1e6:.1f} MB unpacked).",
        f"- [`datapackage.json`]({rel(page, 'download/datapackage.json')}): the descriptor, version "
        f"{desc['version']}: every table, field, key and constraint, and the upstream sources.",
        "- Single tables as CSV (UTF-8, comma-separated): "
        + ", ".join(f"[{n}]({rel(page, 'download/' + r['path'])})" for n, r in resources().items()) + ".",
    ]) + "\n"


def block_citation(page: str) -> str:
    """The package's own citation (coldwar_relations.cite, the same text as `coldwar-relations cite`)."""
    d = descriptor()
    cff = ""
    if (ROOT / "CITATION.cff").is_file():
        cff = (f"The repository also has a [`CITATION.cff`]({rel(page, 'download/CITATION.cff')}) file, which "
               "GitHub, Zenodo and reference managers read.\n\n")
    upstream = "\n".join(f"- {cell(s.get('citation'))}" for s in d.get("sources", []) if s.get("citation"))
    return (f"{cw.cite('apa', path=ROOT)}\n\n```bibtex\n{cw.cite('bibtex', path=ROOT)}\n```\n\n{cff}"
            "When you use a table built from upstream data, cite those data too, as their maintainers ask "
            f"(`coldwar-relations cite SOURCE_ID` prints one; the [licence page]({rel(page, 'licence.md')}) "
            f"lists each with its terms):\n\n{upstream}\n")


def block_upstream_terms(page: str) -> str:
    rows = [[f"[{cell(s['title'])}](<{s['path']}>)" if s.get("path") else cell(s["title"]),
             cell(s.get("version")), cell(s.get("license")) or "not stated by the source", cell(s.get("citation"))]
            for s in descriptor().get("sources", [])]
    used_by = {}
    for name, res in resources().items():
        for s in res.get("sources", []):
            used_by.setdefault(s["title"], []).append(f"[`{name}`]({rel(page, f'dictionary/{name}.md')})")
    for row, s in zip(rows, descriptor().get("sources", [])):
        row.insert(1, ", ".join(used_by.get(s["title"], [])))
    return md_table(["Upstream dataset", "Used by", "Version", "Terms", "Citation"], rows)


def block_version(page: str) -> str:
    return f"`{descriptor()['version']}`"


def block_file_hashes(page: str) -> str:
    rows = [[f"[`{r['path']}`]({rel(page, 'download/' + r['path'])})", f"{r.get('bytes', 0):,}", f"`{r.get('hash', '')}`"]
            for r in resources().values()]
    return md_table(["File", "Bytes", "Hash"], rows)


def block_changelog(page: str) -> str:
    path = ROOT / "CHANGELOG.md"
    if not path.is_file():
        return ("!!! note \"No changelog yet\"\n    The repository has no `CHANGELOG.md` yet; when it does, its "
                "content appears here at the next build.\n")
    body = re.sub(r"\A\s*# [^\n]*\n", "", path.read_text(encoding="utf-8"))  # this page has the title
    return re.sub(r"^#", "##", body, flags=re.M)  # its sections go under the page's "Changelog"


def block_pipeline(page: str) -> str:
    out = []
    for path in sorted((ROOT / "pipeline").glob("*.py")):
        doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
        if doc and path.name != "__init__.py":
            body = "\n".join("    " + line if line else "" for line in doc.splitlines())
            out.append(f'??? abstract "`pipeline/{path.name}`"\n\n{body}\n')
    return "\n".join(out)


def block_resource_descriptions(page: str) -> str:
    out = []
    for name, res in resources().items():
        built = "; ".join(s["title"] for s in res.get("sources", [])) or "curated in this repository"
        out.append(f"- [**`{name}`**]({rel(page, f'dictionary/{name}.md')}): {cell(res.get('description'))} "
                   f"*Built from:* {cell(built)}.")
    return "\n".join(out) + "\n"


def block_transitions(page: str) -> str:
    statuses = state_machine.STATUSES
    rows = []
    for kind, moves in state_machine.TRANSITIONS.items():
        rows.append([f"`{kind}`"] + [f"→ {moves[s]}" if s in moves else "✗ impossible" for s in statuses])
    return (md_table(["Event type \\ status before"] + [f"`{s}`" for s in statuses], rows)
            + "\nAny other event type leaves the status unchanged. Events on the same day are ordered: "
            + ", ".join(f"`{k}` ({v})" for k, v in state_machine.SAME_DAY_ORDER.items())
            + ", other types 2.\n")


def block_alt_dates(page: str) -> str:
    events = table("events")
    events = events[events["alt_date"].notna()].sort_values("date_earliest")
    rows = [[event_link(e.event_id, page, e.title), cell(e.date), cell(e.alt_date), cell(e.date_note)]
            for e in events.itertuples()]
    return f"{len(rows)} events have an alternative date:\n\n" + md_table(["Event", "Date used", "Other date", "Why"], rows)


def block_metric_ranges(page: str) -> str:
    metrics = table("crisis_metrics")
    metrics = metrics[metrics["low"].notna() | metrics["high"].notna()]
    titles = dict(zip(table("crises")["icb_crisno"], table("crises")["title"]))
    rows = [[f"[`{m.metric_id}`]({rel(page, crisis_page(m.icb_crisno), anchor('m', m.metric_id))})",
             cell(titles.get(m.icb_crisno)), cell(m.value), f"{text(m.low)}–{text(m.high)} {m.unit}", cell(m.note, 300)]
            for m in metrics.itertuples()]
    return (f"{len(rows)} metrics give a range where sources disagree:\n\n"
            + md_table(["Metric", "Crisis", "Best estimate", "Range", "Which source says what"], rows))


def block_icb_corrections(page: str) -> str:
    fixes = table("icb_corrections")
    counts = fixes["action"].value_counts()
    summary = ", ".join(f"{int(counts.get(a, 0))} {a}" for a in counts.index)
    pages = set(crisis_pages()["icb_crisno"])
    rows = []
    for f in fixes[fixes["action"] != "flagged"].itertuples():
        crisis = (f"[{f.icb_crisno}]({rel(page, crisis_page(f.icb_crisno))})" if f.icb_crisno in pages
                  else str(f.icb_crisno))
        rows.append([crisis, cell(f.variable), cell(f.original_value), cell(f.corrected_value), cell(f.action),
                     cell(f.evidence), source_links(f.source_ids, page)])
    return (f"The [`icb_corrections`]({rel(page, 'dictionary/icb_corrections.md')}) table has {len(fixes)} rows "
            f"({summary}). The values changed (flags, which keep ICB's value, are listed in the table itself):\n\n"
            + md_table(["Crisis", "Variable", "ICB v14", "Here", "Action", "Evidence", "Sources"], rows))


def block_leader_censoring(page: str) -> str:
    leaders = table("leaders")
    open_spells = leaders[leaders["is_open"].fillna(False)]
    archigos_only = open_spells[open_spells["observed_until"] == "2015-12-31"]
    curated = leaders[leaders["archigos_obsid"].isna()]
    return (f"In this release {len(open_spells)} spells are open: {len(archigos_only)} observed only until "
            f"Archigos's last day (2015-12-31) and {len(open_spells) - len(archigos_only)} confirmed later from "
            f"cited sources; {len(curated)} spells after 2015 were added from cited sources.\n")


def block_membership_tolerance(page: str) -> str:
    """The tolerance the leaders rule allows, read from the rule that enforces it."""
    from coldwar_relations.rules.leaders import MEMBERSHIP_TOLERANCE_DAYS

    return f"{MEMBERSHIP_TOLERANCE_DAYS} days"


BLOCKS = {name[len("block_"):].replace("_", "-"): fn for name, fn in globals().items() if name.startswith("block_")}


def fill_markers() -> None:
    docs = ROOT / "docs"
    for path in sorted(docs.rglob("*.md")):
        page = path.relative_to(docs).as_posix()
        if page.startswith("gen/"):
            continue
        source = path.read_text(encoding="utf-8")
        if not MARKER.search(source):
            continue

        def replace(match, page=page):
            if match.group(1) not in BLOCKS:
                raise KeyError(f"{page}: unknown marker gen:{match.group(1)}; known: {', '.join(sorted(BLOCKS))}")
            return BLOCKS[match.group(1)](page)

        with mkdocs_gen_files.open(page, "w") as fh:
            fh.write(MARKER.sub(replace, source))


# ---- generated pages --------------------------------------------------------------------------

def fact_check() -> str:
    page, claims = "fact-check.md", table("claims")
    verdicts = label_map("claims", "verdict")
    counts = claims["verdict"].value_counts()
    event_titles = {e.event_id: f"{e.title} ({e.date})" for e in table("events").itertuples()}
    metric_crisis = dict(zip(table("crisis_metrics")["metric_id"], table("crisis_metrics")["icb_crisno"]))
    out = ["---\nhide: [navigation]\n---\n", "# Fact check of the seed articles\n",
           f"The project started from five web articles. Every checkable statement in them ({len(claims)} claims) "
           "was checked against sources the curators read; the articles themselves are never a source. "
           f"This page is generated from the [`claims`]({rel(page, 'dictionary/claims.md')}) table.\n",
           md_table(["Verdict", "Meaning", "Claims"],
                    [[f"**{v}**", cell(label), str(int(counts.get(v, 0)))] for v, label in verdicts.items()])]
    for seed, group in claims.groupby("seed_file", sort=True):
        rows = []
        for c in group.itertuples():
            evidence = [event_link(e, page, event_titles.get(e)) for e in split_ids(c.event_ids)]
            evidence += [f"[{m}]({rel(page, crisis_page(metric_crisis[m]), anchor('m', m))})" if m in metric_crisis
                         else cell(m) for m in split_ids(c.metric_ids)]
            facts = f"{cell(c.correct_fact)} *{cell(c.explanation)}*" if text(c.correct_fact) else f"*{cell(c.explanation)}*"
            rows.append([f'<a id="{anchor("claim", c.claim_id)}"></a>`{c.claim_id}` {cell(c.topic)}',
                         cell(c.statement), f"**{cell(c.verdict)}**", facts,
                         "; ".join(filter(None, [", ".join(evidence), source_links(c.source_ids, page)]))])
        out.append(f"## Seed article `{seed}`\n")
        out.append(md_table(["Claim", "Statement", "Verdict", "Correct fact and explanation",
                             "Evidence (records and sources)"], rows))
    return "\n".join(out)


def bibliography() -> str:
    page, src = "sources.md", raw("sources")
    cited: dict[str, int] = {}
    for name in resources():
        data = raw(name)
        if name != "sources" and "source_ids" in data.columns:
            for ids in data["source_ids"].dropna():
                for sid in split_ids(ids):
                    cited[sid] = cited.get(sid, 0) + 1
    out = ["---\nhide: [navigation]\n---\n", "# Sources\n",
           f"Every source the data cite ({len(src):,}), from the [`sources`]({rel(page, 'dictionary/sources.md')}) "
           "table, grouped by kind. *Rows* counts the rows of the other tables that cite the source.\n"]
    kinds = next(f for f in resources()["sources"]["schema"]["fields"] if f["name"] == "kind")
    order = {k: i for i, k in enumerate(kinds.get("constraints", {}).get("enum", []))}
    for kind, group in sorted(src.groupby("kind", sort=False), key=lambda kg: order.get(kg[0], len(order))):
        rows = []
        for s in group.sort_values("source_id").itertuples():
            title = f"[{cell(s.title)}](<{s.url}>)" if text(s.url) else cell(s.title)
            rows.append([f'<a id="{anchor("src", s.source_id)}"></a>`{s.source_id}`', title,
                         cell(" · ".join(filter(None, [text(s.author), text(s.publisher)])), 120),
                         cell(s.published), cell(s.accessed), str(cited.get(s.source_id, 0))])
        out.append(f"## {kind.capitalize()} ({len(group)})\n")
        out.append(md_table(["Id", "Title", "Author · publisher", "Published", "Accessed", "Rows"], rows))
    return "\n".join(out)


def main() -> None:
    write_downloads()
    fill_markers()
    with mkdocs_gen_files.open("fact-check.md", "w") as fh:
        fh.write(fact_check())
    with mkdocs_gen_files.open("sources.md", "w") as fh:
        fh.write(bibliography())
