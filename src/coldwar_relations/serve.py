"""Browse and query the package in Datasette: the SQLite export, opened read-only, described
by metadata generated from datapackage.json, with canned queries for the common questions.

Datasette is an optional dependency (``pip install "coldwar-relations[serve]"``); it is imported
only when a server starts, so the rest of the library works without it.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import shutil
import socket
import tempfile
from pathlib import Path
from typing import Callable

from coldwar_relations import export, resources

MISSING = 'serve needs datasette: pip install "coldwar-relations[serve]"'
# a column with one of these names labels its rows where another table points at them (first found)
LABEL_FIELDS = ("title", "short_name", "name", "leader", "person_name", "traveller", "topic")
MAX_FACETS = 3        # enum columns shown as facets on a table page
MAX_ENUM_LISTED = 20  # enum values listed in a column description

# Canned queries. Country ids are those of the countries table (e.g. USA, RUS, CUB); a pair's two
# ids may be given in either order. Dates are ISO 8601 (YYYY-MM-DD); reduced-precision dates
# (YYYY, YYYY-MM) sort before the days they contain.
PAIR = "((r.country_a = :a AND r.country_b = :b) OR (r.country_a = :b AND r.country_b = :a))"
QUERIES = {
    "pair_year": {
        "title": "Relations of a pair in a year",
        "description": "Status of diplomatic relations between two states on 31 December of a year, with "
                       "the event that set it. Give two country ids (e.g. USA and CUB) and a year.",
        "params": ["a", "b", "year"],
        "sql": f"""SELECT r.pair_id, r.year, r.status, r.representation, r.us_chief_rank, r.since,
  r.event_id, COALESCE(e.title, u.heading) AS event_title, r.source_ids, r.note
FROM relations AS r
LEFT JOIN events AS e ON e.event_id = r.event_id
LEFT JOIN us_recognition_events AS u ON u.event_id = r.event_id
WHERE {PAIR} AND r.year = CAST(:year AS INTEGER)""",
    },
    "pair_status_changes": {
        "title": "Every change of status of a pair",
        "description": "The years in which the status of relations between two states on 31 December, "
                       "or their level of representation, differs from the year before (and the first "
                       "year the relations table follows the pair).",
        "params": ["a", "b"],
        "sql": f"""SELECT pair_id, year, previous_status, status, representation, since, event_id, source_ids
FROM (
  SELECT r.*, LAG(r.status) OVER (ORDER BY r.year) AS previous_status,
    LAG(r.representation) OVER (ORDER BY r.year) AS previous_representation
  FROM relations AS r WHERE {PAIR}
)
WHERE previous_status IS NULL OR previous_status != status
  OR COALESCE(previous_representation, '') != COALESCE(representation, '')
ORDER BY year""",
    },
    "pair_events": {
        "title": "Events between two states",
        "description": "Every curated event in which both states take part, in date order.",
        "params": ["a", "b"],
        "sql": """SELECT e.date, e.end_date, e.event_type, e.title, e.description, e.icb_crisno,
  e.relations_status_after, e.representation_after, e.event_id, e.source_ids
FROM events AS e
WHERE EXISTS (SELECT 1 FROM event_actors WHERE event_id = e.event_id AND country_id = :a)
  AND EXISTS (SELECT 1 FROM event_actors WHERE event_id = e.event_id AND country_id = :b)
ORDER BY e.date, e.event_id""",
    },
    "find_crisis": {
        "title": "Find a crisis by name",
        "description": "ICB crises whose title or ICB name contains the words given (case-insensitive), "
                       "with their ICB crisis number (crisno) for the other crisis queries.",
        "params": ["words"],
        "sql": """SELECT icb_crisno, title, icb_name, trigger_date, termination_date, in_core_period,
  triggering_country_id, number_of_actors, gravity
FROM crises
WHERE title LIKE '%' || :words || '%' OR icb_name LIKE '%' || :words || '%'
ORDER BY trigger_date""",
    },
    "crisis_events": {
        "title": "Every event of a crisis",
        "description": "The curated events that belong to an ICB crisis (events.icb_crisno), in date "
                       "order, with the states taking part and their roles. The Cuban missile crisis is 196.",
        "params": ["crisno"],
        "sql": """SELECT e.date, e.end_date, e.event_type, e.title, e.description,
  (SELECT group_concat(country_id || ' (' || role || ')', ', ')
     FROM (SELECT country_id, role FROM event_actors WHERE event_id = e.event_id ORDER BY country_id)
  ) AS actors,
  e.event_id, e.source_ids
FROM events AS e
WHERE e.icb_crisno = CAST(:crisno AS INTEGER)
ORDER BY e.date, e.event_id""",
    },
    "crisis_actors_of": {
        "title": "Actors of a crisis",
        "description": "The states that were crisis actors in an ICB crisis, with their trigger, major "
                       "response and termination dates and the outcome for each.",
        "params": ["crisno"],
        "sql": """SELECT a.icb_cracno, a.country_id, c.name, a.trigger_date, a.trigger_type,
  a.major_response_date, a.major_response, a.termination_date, a.outcome, a.gravity, a.source_ids
FROM crisis_actors AS a
LEFT JOIN countries AS c ON c.country_id = a.country_id
WHERE a.icb_crisno = CAST(:crisno AS INTEGER)
ORDER BY a.trigger_date, a.icb_cracno""",
    },
    "pair_crises_of": {
        "title": "Crises between two states",
        "description": "ICB crises in which one state of the pair triggered a crisis for the other.",
        "params": ["a", "b"],
        "sql": """SELECT p.icb_crisno, p.icb_cracno, p.title, p.actor_country_id, p.triggered_by_country_id,
  p.onset_date, p.end_date, p.in_core_period, p.event_ids, p.source_ids
FROM pair_crises AS p
WHERE (p.actor_country_id = :a AND p.triggered_by_country_id = :b)
   OR (p.actor_country_id = :b AND p.triggered_by_country_id = :a)
ORDER BY p.onset_date""",
    },
    "leaders_on_date": {
        "title": "Leaders of a country on a date",
        "description": "The state's effective leader(s) in office on a day (YYYY-MM-DD), from Archigos. "
                       "On a day of handover both the outgoing and the incoming leader are listed, as "
                       "Archigos ends a spell on its successor's first day; an open spell (is_open) is "
                       "known to last until observed_until.",
        "params": ["country", "date"],
        "sql": """SELECT l.country_id,
  COALESCE((SELECT n.name FROM country_names AS n WHERE n.country_id = l.country_id
            AND n.start_date <= :date AND (n.end_date IS NULL OR n.end_date >= :date)), c.name) AS country,
  l.leader, l.start_date, l.end_date, l.is_open, l.observed_until, l.entry, l.exit,
  l.shared_spell, l.leader_spell_id, l.source_ids
FROM leaders AS l
LEFT JOIN countries AS c ON c.country_id = l.country_id
WHERE l.country_id = :country AND l.start_date <= :date
  AND (l.end_date >= :date OR l.end_date IS NULL)
ORDER BY l.start_date""",
    },
}


def _column_description(field: dict) -> str:
    text = (field.get("description") or field.get("title") or "").strip()
    values = field.get("constraints", {}).get("enum")
    if values and len(values) <= MAX_ENUM_LISTED:
        text += f" Values: {', '.join(map(str, values))}."
    return text.strip()


def _table(res: dict) -> dict:
    fields = res["schema"]["fields"]
    names = [f["name"] for f in fields]
    table = {
        "title": res.get("title") or res["name"],
        "description": res.get("description") or res.get("title") or res["name"],
        "columns": {f["name"]: _column_description(f) for f in fields},
    }
    label = next((n for n in LABEL_FIELDS if n in names), None)
    if label:
        table["label_column"] = label
    facets = [f["name"] for f in fields
              if f.get("type", "string") == "string" and f.get("constraints", {}).get("enum")][:MAX_FACETS]
    if facets:
        table["facets"] = facets
    return table


def _about_html(descriptor: dict) -> str:
    """The package description, then its upstream sources as links: Datasette shows this on the
    home page, so a reader sees where the data come from before querying them."""
    items = "".join(
        f'<li><a href="{html.escape(s["path"])}">{html.escape(s["title"])}</a>'
        + (f" ({html.escape(s['version'])})" if s.get("version") else "") + "</li>"
        for s in descriptor.get("sources", []) if s.get("path"))
    return (f"<p>{html.escape(descriptor.get('description', ''))}</p>"
            f"<p>Version {html.escape(descriptor.get('version', ''))}. Every row cites the sources "
            "table in its source_ids column. Upstream datasets and references:</p>"
            f"<ul>{items}</ul>")


def database_name(path: str | Path | None = None) -> str:
    """Datasette names a database after its file; the file is named after the package."""
    return resources.descriptor(path)["name"]


def metadata(path: str | Path | None = None) -> dict:
    """Datasette metadata for the SQLite export: title, description, licence and source from the
    descriptor, each table's title and description with a description of every column, and the
    canned queries."""
    descriptor = resources.descriptor(path)
    licence = (descriptor.get("licenses") or [{}])[0]
    # repeated on the database and each canned query: Datasette's footer on those pages reads
    # their own metadata, and every page should say under which licence the data are
    terms = {
        "license": licence.get("title") or licence.get("name", ""),
        "license_url": licence.get("path", ""),
        "source": f"{descriptor['name']} data package, version {descriptor['version']}",
        "source_url": descriptor.get("homepage", ""),
    }
    return {
        "title": f"{descriptor.get('title', descriptor['name'])} ({descriptor['version']})",
        "description": descriptor.get("description", ""),
        "description_html": _about_html(descriptor),
        **terms,
        "databases": {
            database_name(path): {
                "description": descriptor.get("description", ""),
                **terms,
                "tables": {res["name"]: _table(res) for res in descriptor["resources"]},
                "queries": {name: {**query, **terms} for name, query in QUERIES.items()},
            }
        },
    }


def _key(descriptor: dict) -> str:
    """The package version and a digest of every resource's hash and schema: a new release or
    any edit to a table (data or types) gives a new database, anything else reuses the old one."""
    digest = hashlib.sha256()
    for res in descriptor["resources"]:
        digest.update(json.dumps([res["name"], res.get("hash"), res["schema"]], sort_keys=True).encode())
    return f"{descriptor['version']}-{digest.hexdigest()[:16]}"


def default_cache_dir() -> Path:
    from platformdirs import user_cache_dir  # a dependency of datasette

    return Path(user_cache_dir("coldwar-relations"))


def database(path: str | Path | None = None, cache_dir: str | Path | None = None,
             progress: Callable[[str], None] | None = None) -> Path:
    """The SQLite export of the package, built once per package version and content into
    ``cache_dir`` (default: the user's cache directory) and reused after that. It is written
    under a temporary name and renamed, so a reader never sees half a database."""
    descriptor = resources.descriptor(path)
    folder = Path(cache_dir) if cache_dir else default_cache_dir()
    target = folder / _key(descriptor) / f"{database_name(path)}.db"
    if target.is_file():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".building-", dir=target.parent))
    try:
        built = export.export("sqlite", work / target.name, path, progress)
        os.replace(built, target)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return target


def _check_port(host: str, port: int) -> None:
    """Fail with a clear message before the export and Datasette start, not in uvicorn's log."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            raise OSError(f"cannot listen on {host}:{port} ({error.strerror}); choose another --port") from error


def app(path: str | Path | None = None, cache_dir: str | Path | None = None, progress=None):
    """The Datasette instance: the cached database opened immutable (read-only, never locked or
    written), with the generated metadata."""
    try:
        from datasette.app import Datasette
    except ImportError as error:
        raise ImportError(MISSING) from error
    db = database(path, cache_dir, progress)
    return Datasette(immutables=[str(db)], metadata=metadata(path))


def serve(path: str | Path | None = None, host: str = "127.0.0.1", port: int = 8001,
          open_browser: bool = False, progress: Callable[[str], None] | None = None,
          cache_dir: str | Path | None = None) -> None:
    """Run Datasette on the package until interrupted. It listens on ``host`` only (this machine
    by default) and makes no outgoing requests: every page asset is served by Datasette itself."""
    try:
        import uvicorn
        from datasette.app import Datasette  # noqa: F401 - fail before building anything
    except ImportError as error:
        raise ImportError(MISSING) from error
    import webbrowser

    say = progress or (lambda line: None)
    _check_port(host, port)
    ds = app(path, cache_dir, progress=lambda name: say(f"  exporting {name}"))
    url = f"http://{'[' + host + ']' if ':' in host else host}:{port}/{database_name(path)}"
    say(f"serving {ds.databases[database_name(path)].path} at {url} (Ctrl-C to stop)")
    if open_browser:
        webbrowser.open(url)
    uvicorn.run(ds.app(), host=host, port=port, log_level="info", lifespan="on", workers=1)
