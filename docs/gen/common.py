"""Helpers shared by the page generators: the data, Markdown tables and links.

The generators run inside `mkdocs build` (mkdocs-gen-files). They document the checkout they
live in, so they read datapackage.json and data/ from the repository root and import the
loader from src/, never from whatever version of the package happens to be installed.
"""

from __future__ import annotations

import posixpath
import sys
from functools import lru_cache
from pathlib import Path

import pandas as pd

import coldwar_relations as cw
from coldwar_relations import relations as state_machine  # noqa: F401 (re-exported)
from coldwar_relations import scope

ROOT = Path(__file__).resolve().parents[2]
if not Path(cw.__file__).resolve().is_relative_to(ROOT / "src"):
    print(f"warning: the site documents the data of {ROOT} with the library installed at {cw.__file__}; "
          "install this checkout with `pip install -e .` so that both are the same", file=sys.stderr)

CORE_START, CORE_END = int(scope.CORE_START[:4]), int(scope.CORE_END[:4])


def descriptor() -> dict:
    """datapackage.json of this checkout, schemas inlined, re-read when it changes."""
    return cw.descriptor(ROOT)


def resources() -> dict[str, dict]:
    """Resource descriptors by table name, in the descriptor's order."""
    return {r["name"]: r for r in descriptor()["resources"]}


def _stamp(name: str) -> tuple:
    path = ROOT / resources()[name]["path"]
    return (name, path.stat().st_mtime_ns)


@lru_cache(maxsize=64)
def _typed(stamp: tuple) -> pd.DataFrame:
    return cw.load(stamp[0], ROOT)


def table(name: str) -> pd.DataFrame:
    """A typed table from the loader; cached per file version, so `mkdocs serve` sees edits."""
    return _typed(_stamp(name)).copy()


def raw(name: str) -> pd.DataFrame:
    """A table exactly as written in its CSV (text, empty cells as missing)."""
    from coldwar_relations.loader import read_text

    return read_text(ROOT / resources()[name]["path"])


def text(value) -> str:
    """A cell as display text: missing values empty, datetimes as ISO dates."""
    if value is None or (not isinstance(value, (list, tuple)) and pd.isna(value)):
        return ""
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float) and value.is_integer():
        return f"{int(value):,}"
    return str(value)


MARKUP = str.maketrans({"\\": "\\\\", "|": "\\|", "*": "\\*", "`": "\\`", "[": "\\[", "]": "\\]",
                        "<": "&lt;", ">": "&gt;", "\r": " ", "\n": " "})


def cell(value, limit: int | None = None) -> str:
    """Data text shown as written: one line, Markdown and HTML characters escaped (so that
    "icb<crisno>" or "a|b" survive in a table cell), optionally shortened."""
    out = text(value).strip()
    if limit and len(out) > limit:
        out = out[: limit - 1].rstrip() + "…"
    return out.translate(MARKUP)


def md_table(header: list[str], rows: list[list[str]]) -> str:
    """A Markdown table; the cells must already be escaped with cell()."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def rel(from_page: str, to_page: str, anchor: str | None = None) -> str:
    """Relative link from one docs page (path under docs/) to another, as MkDocs expects."""
    target = posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")
    return target + (f"#{anchor}" if anchor else "")


def anchor(prefix: str, key) -> str:
    """An HTML id for a row (event, metric, source, field): ids are already URL-safe."""
    return f"{prefix}-{key}"


def split_ids(value) -> list[str]:
    return [v for v in text(value).split(";") if v]


@lru_cache(maxsize=4)
def _sources(stamp: tuple) -> dict[str, dict]:
    return {r["source_id"]: r for r in raw("sources").to_dict("records")}


def sources() -> dict[str, dict]:
    return _sources(_stamp("sources"))


def source_links(ids, page: str) -> str:
    """Each source id as a link to what it cites (its URL), else to the bibliography entry."""
    known, links = sources(), []
    for sid in split_ids(ids):
        src = known.get(sid, {})
        title = cell(src.get("title")).replace('"', "'")
        url = src.get("url")
        target = f"<{url}>" if isinstance(url, str) and url else rel(page, "sources.md", anchor("src", sid))
        links.append(f'[{sid}]({target} "{title}")' if title else f"[{sid}]({target})")
    return ", ".join(links)


def label_map(resource: str, field: str) -> dict:
    """value -> label from a field's `categories` in the descriptor."""
    for f in resources()[resource]["schema"]["fields"]:
        if f["name"] == field:
            return {c["value"]: c["label"] for c in f.get("categories", []) if isinstance(c, dict)}
    return {}


def country_names() -> dict[str, str]:
    countries = table("countries")
    return dict(zip(countries["country_id"], countries["name"]))


def names_on(when) -> dict[str, str]:
    """Every country's name of the time on ``when`` (the library's names_on), else its countries name."""
    countries = table("countries")
    dates = pd.Series(pd.Timestamp(when) if pd.notna(when) else pd.NaT, index=countries.index)
    names = cw.names.names_on(countries["country_id"], dates, ROOT, countries=countries,
                              spells=table("country_names"))
    return dict(zip(countries["country_id"], names))


def names_between(country_id: str, first_year: int, last_year: int) -> str:
    """The names a country had from ``first_year`` to ``last_year``, joined: "Soviet Union / Russian Federation"."""
    spells = table("country_names")
    spells = spells[(spells["country_id"] == country_id)
                    & (spells["start_date_earliest"] <= pd.Timestamp(last_year, 12, 31))
                    & (spells["end_date_latest"].isna() | (spells["end_date_latest"] >= pd.Timestamp(first_year, 1, 1)))]
    found = list(dict.fromkeys(spells.sort_values("start_date_earliest")["name"]))
    return " / ".join(found) if found else country_names().get(country_id, country_id)


TIMELINE_MIN_EVENTS = 3  # a pair with fewer curated events reads better as its table of periods


def has_timeline(pair, events: int, years: pd.DataFrame) -> bool:
    """Whether the pair gets a drawn timeline (img/pairs/<pair>.png): it has years, and curated
    events or, with the United States, the Historian's record of its representation."""
    return len(years) > 0 and (events >= TIMELINE_MIN_EVENTS or "USA" in (pair.country_a, pair.country_b))


def pair_page(pair_id: str) -> str:
    return f"pairs/{pair_id.lower()}.md"


def crisis_page(crisno: int) -> str:
    return f"crises/icb-{int(crisno)}.md"


def crisis_pages() -> pd.DataFrame:
    """The crises that get a page: every crisis of the core period (1945-1991)."""
    crises = table("crises")
    return crises[crises["in_core_period"].fillna(False)]


@lru_cache(maxsize=4)
def _event_pairs(stamp: tuple) -> dict[str, list[str]]:
    events, actors = table("events"), table("event_actors")
    out: dict[str, list[str]] = {}
    for p in table("pairs").itertuples():
        for eid in state_machine.pair_events(events, actors, p.country_a, p.country_b)["event_id"]:
            out.setdefault(eid, []).append(p.pair_id)
    return out


def event_pairs() -> dict[str, list[str]]:
    """event_id -> the pairs (pair_id) whose page lists the event, in the pairs table's order."""
    return _event_pairs(_stamp("events") + _stamp("event_actors") + _stamp("pairs"))


def event_link(event_id: str, page: str, label: str | None = None) -> str:
    """A link to the event's row on the first pair page that lists it."""
    pairs = event_pairs().get(event_id)
    if not pairs:
        return cell(label or event_id)
    return f"[{cell(label or event_id)}]({rel(page, pair_page(pairs[0]), anchor('ev', event_id))})"
