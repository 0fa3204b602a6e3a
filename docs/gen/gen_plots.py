"""Charts drawn from the data at build time (matplotlib, static PNG, no network needed).

- img/crises-per-year.png: core-period crises by trigger year, stacked by ICB's severity of violence
  (labels from the ICB codebook);
- img/superpower-leaders.png: leader tenures of the United States and the Soviet Union/Russia;
- img/relations-overview.png: for each superpower, how many states it had relations with, had
  severed them with, ... each year; img/pairs/<pair>.png: status of relations by year, per pair.
"""

from __future__ import annotations

import io
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # no display: the site builds on a headless machine
import matplotlib.pyplot as plt
import mkdocs_gen_files
import pandas as pd
from matplotlib.patches import Patch

from common import CORE_END, CORE_START, country_names, has_timeline, names_between, state_machine, table

STATUS_COLOURS = {"none": "#d9d9d9", "recognized": "#9ecae1", "relations": "#41ab5d", "severed": "#d7301f",
                  "unknown": "#fd8d3c"}
RANK_COLOURS = {"ambassador": "#08519c", "minister": "#6baed6", "charge": "#c6dbef", "other": "#fdd0a2",
                "none": "#f0f0f0"}
MARKERS = {  # event types drawn on the pair timelines: (group, marker, colour)
    "crisis_onset": ("crisis", "v", "#b30000"), "military_intervention": ("crisis", "v", "#b30000"),
    "treaty_signed": ("treaty", "D", "#2171b5"), "treaty_in_force": ("treaty", "D", "#2171b5"),
    "summit": ("summit", "o", "#252525"),
}
plt.rcParams.update({"font.size": 9, "axes.spines.top": False, "axes.spines.right": False,
                     "svg.hashsalt": "coldwar-relations"})


def save(fig, path: str) -> None:
    """Write a figure into the site (PNG without a timestamp, so builds are reproducible)."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=120, bbox_inches="tight", metadata={"Software": None})
    plt.close(fig)
    with mkdocs_gen_files.open(path, "wb") as fh:
        fh.write(buf.getvalue())


def shade_core(ax) -> None:
    ax.axvspan(CORE_START, CORE_END + 1, color="#fff3b0", zorder=0, lw=0)


def crises_per_year() -> None:
    crises = table("crises")
    core = crises[crises["in_core_period"].fillna(False)].copy()
    core["year"] = core["trigger_date_earliest"].dt.year
    core["code"] = core["violence_severity"].astype("string").fillna("missing")
    counts = core.pivot_table(index="year", columns="code", values="icb_crisno", aggfunc="count", fill_value=0)
    counts = counts.reindex(range(CORE_START, CORE_END + 1), fill_value=0)
    fig, ax = plt.subplots(figsize=(8, 3.4))
    bottom = pd.Series(0, index=counts.index)
    colours = plt.get_cmap("tab10").colors
    order = [c for c in crises["violence_severity"].cat.categories if c in counts.columns]
    for i, code in enumerate(order + (["missing"] if "missing" in counts.columns else [])):
        label = "not coded" if code == "missing" else code
        ax.bar(counts.index, counts[code], bottom=bottom, color="#bdbdbd" if code == "missing" else colours[i],
               label=label, width=0.85)
        bottom += counts[code]
    ax.set_xlabel("year the crisis was triggered", labelpad=2)
    ax.set_ylabel("crises")
    ax.set_title(f"ICB crises triggered {CORE_START}-{CORE_END}, by severity of violence (ICB SEVVIOSY)",
                 loc="left")
    ax.legend(frameon=False, ncol=5, loc="upper left", bbox_to_anchor=(0, -0.15), fontsize=8, columnspacing=1.2)
    ax.set_xlim(CORE_START - 1, CORE_END + 1)
    save(fig, "img/crises-per-year.png")


def superpower_leaders() -> None:
    leaders = table("leaders")
    start, end = pd.Timestamp(f"{CORE_START}-01-01"), pd.Timestamp(f"{CORE_END}-12-31")
    fig, ax = plt.subplots(figsize=(8, 2.6))
    rows = [("USA", "United States", "#3182bd"), ("RUS", "Soviet Union / Russia", "#de2d26")]
    for y, (cid, name, colour) in enumerate(rows):
        spells = leaders[leaders["country_id"] == cid].copy()
        spells["stop"] = spells["end_date"].fillna(spells["observed_until"])
        spells = spells[(spells["start_date"] <= end) & (spells["stop"] >= start)].sort_values("start_date")
        for i, s in enumerate(spells.itertuples()):
            a, b = max(s.start_date, start), min(s.stop, end)
            x0, x1 = a.year + a.day_of_year / 366, b.year + b.day_of_year / 366
            ax.barh(y, x1 - x0, left=x0, height=0.5, color=colour, alpha=0.55 + 0.35 * (i % 2), edgecolor="white")
            if x1 - x0 >= 3:
                ax.text((x0 + x1) / 2, y, s.leader, ha="center", va="center", fontsize=8, color="white")
            else:  # too short for its name: label above or below, alternating
                ax.annotate(s.leader, ((x0 + x1) / 2, y + (0.27 if i % 2 else -0.27)),
                            xytext=(0, 9 if i % 2 else -9), textcoords="offset points",
                            ha="center", va="center", fontsize=7, arrowprops={"arrowstyle": "-", "lw": 0.5})
    ax.set_yticks(range(len(rows)), [r[1] for r in rows])
    ax.set_ylim(-0.9, len(rows) - 0.1)
    ax.set_xlim(CORE_START, CORE_END + 1)
    ax.set_title(f"Leaders of the superpowers in office, {CORE_START}-{CORE_END} (leaders table)", loc="left")
    save(fig, "img/superpower-leaders.png")


def status_bars(ax, rel: pd.DataFrame, y: float, height: float) -> None:
    """One horizontal band per year, coloured by the status on 31 December."""
    for status, colour in STATUS_COLOURS.items():
        years = rel.loc[rel["status"] == status, "year"].astype(int)
        ax.broken_barh([(yr, 1) for yr in years], (y - height / 2, height), color=colour, lw=0)


def legend_patches() -> list:
    return [Patch(color=c, label=s) for s, c in STATUS_COLOURS.items()]


def relations_overview() -> None:
    """Per superpower, the number of states in each status on 31 December of each year."""
    rel = table("relations")
    fig, axes = plt.subplots(2, 1, figsize=(8, 5.6), sharex=True)
    for ax, (code, label) in zip(axes, (("RUS", "Soviet Russia / Soviet Union / Russian Federation"),
                                        ("USA", "United States"))):
        mine = rel[(rel["country_a"] == code) | (rel["country_b"] == code)]
        counts = mine.pivot_table(index="year", columns="status", values="pair_id", aggfunc="count",
                                  fill_value=0, observed=False)
        shade_core(ax)
        bottom = pd.Series(0, index=counts.index)
        for status, colour in STATUS_COLOURS.items():
            if status in counts.columns:
                ax.bar(counts.index, counts[status], bottom=bottom, color=colour, width=1.0, label=status)
                bottom += counts[status]
        ax.set_title(f"{label}: states by status of relations on 31 December", loc="left")
        ax.set_ylabel("states")
    axes[-1].legend(frameon=False, ncol=5, loc="upper left", bbox_to_anchor=(0, -0.12))
    save(fig, "img/relations-overview.png")


def decimal_year(ts: pd.Timestamp) -> float:
    return ts.year + (ts.day_of_year - 1) / 366


def pair_timeline(pair, rel: pd.DataFrame, events: pd.DataFrame, names: dict) -> None:
    """Status by year as a band, with the events that changed it labelled and other key events marked."""
    fig, ax = plt.subplots(figsize=(8, 2.6))
    lo, hi = int(rel["year"].min()), int(rel["year"].max()) + 1
    shade_core(ax)
    status_bars(ax, rel, 0, 0.5)
    changes = events[events["event_id"].isin(set(rel["event_id"].dropna()))]
    for i, e in enumerate(state_machine.order(changes).itertuples()):
        x = decimal_year(e.date_earliest)
        up = 0.75 + 0.45 * (i % 3)
        ax.plot([x, x], [0.25, up - 0.08], color="#636363", lw=0.6)
        ax.text(x, up, f"{e.date[:4]} {e.event_type.replace('_', ' ')}", fontsize=7, ha="left", va="center",
                rotation=0, color="#252525")
    handles = []
    for group in ("crisis", "treaty", "summit"):
        kinds = [k for k, v in MARKERS.items() if v[0] == group]
        sel = events[events["event_type"].isin(kinds)]
        _, marker, colour = MARKERS[kinds[0]]
        if len(sel):
            xs = [decimal_year(t) for t in sel["date_earliest"]]
            ax.scatter(xs, [-0.55] * len(xs), marker=marker, color=colour, s=22, zorder=3, label=group)
            handles.append(group)
    ranks = rel.dropna(subset=["us_chief_rank"]) if "us_chief_rank" in rel else rel.iloc[:0]
    for rank, colour in RANK_COLOURS.items():  # U.S. chief at post on 31 December, for U.S. pairs
        years = ranks.loc[ranks["us_chief_rank"] == rank, "year"].astype(int)
        ax.broken_barh([(yr, 1) for yr in years], (-1.15, 0.3), color=colour, lw=0)
    ax.set_ylim(-1.45 if len(ranks) else -0.95, 2.0)
    ticks = [0, -0.55] + ([-1.0] if len(ranks) else [])
    ax.set_yticks(ticks, ["status", "events" if handles else ""] + (["U.S. chief"] if len(ranks) else []))
    ax.set_xlim(lo, hi)
    first, last = int(rel["year"].min()), int(rel["year"].max())
    ax.set_title(f"{names_between(pair.country_a, first, last)} – {names_between(pair.country_b, first, last)}: "
                 "status on 31 December "
                 "(shaded: 1945-1991)", loc="left")
    extra, labels = ax.get_legend_handles_labels()
    rank_patches = [Patch(color=c, label=f"chief: {r}") for r, c in RANK_COLOURS.items()] if len(ranks) else []
    ax.legend(handles=legend_patches() + extra + rank_patches,
              labels=list(STATUS_COLOURS) + labels + [p.get_label() for p in rank_patches], frameon=False,
              ncol=6, loc="upper left", bbox_to_anchor=(0, -0.14), fontsize=8, columnspacing=1.2)
    save(fig, f"img/pairs/{pair.pair_id.lower()}.png")


def pair_timelines() -> None:
    events, actors, rel, names = table("events"), table("event_actors"), table("relations"), country_names()
    for p in table("pairs").itertuples():
        rows = rel[rel["pair_id"] == p.pair_id]
        chosen = state_machine.pair_events(events, actors, p.country_a, p.country_b)
        if has_timeline(p, len(chosen), rows):
            pair_timeline(p, rows, chosen, names)


def main() -> None:
    crises_per_year()
    superpower_leaders()
    relations_overview()
    pair_timelines()
