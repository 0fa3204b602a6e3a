"""`coldwar-relations serve`: Datasette on the SQLite export. The command is started as a user
starts it, on a free port of 127.0.0.1; a headless browser types SQL into Datasette's editor and
runs a canned query, and the rows on the page are compared with what the loader reads from the
CSV files. Also: the generated metadata describes every table and column, the server listens on
loopback only, the page fetches nothing from outside, a second start reuses the cached database,
and Ctrl-C stops the server cleanly.

Needs the serve extra (datasette) and, for the browser, Debian's /usr/bin/chromium and the
playwright package; each part skips with the reason when what it needs is missing. No browser is
ever downloaded.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pandas as pd
import pytest


from coldwar_relations import loader, serve

REPO = Path(__file__).resolve().parents[1]
ARTIFACTS = REPO / "test-artifacts"
DB = serve.database_name(REPO)
READY_TIMEOUT = 180  # the first start exports the package to SQLite


@dataclass
class Server:
    process: subprocess.Popen
    port: int
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def database(self) -> Path:
        """The SQLite file the server says it serves."""
        found = re.search(r"^serving (.+) at http://\S+", self.log.read_text(encoding="utf-8"), re.M)
        assert found, self.log.read_text(encoding="utf-8")
        return Path(found.group(1))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get_json(url: str):
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.load(response)


def importlib_missing(module: str) -> bool:
    return importlib.util.find_spec(module) is None


def start(cache: Path, log: Path) -> Server:
    """`coldwar-relations serve` in a subprocess, with its cache in ``cache``; returns when it answers."""
    if importlib_missing("datasette"):
        pytest.skip('datasette not installed: pip install ".[serve]"')
    port = free_port()
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    with log.open("w", encoding="utf-8") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "coldwar_relations.cli", "serve", "--port", str(port), "--package", str(REPO)],
            stdout=out, stderr=subprocess.STDOUT, env=env, cwd=cache)
    server = Server(process, port, log)
    deadline = time.monotonic() + READY_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"serve exited with {process.returncode}:\n{log.read_text(encoding='utf-8')}")
        try:
            get_json(f"{server.url}/-/versions.json")
            return server
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.2)
    stop(server)
    pytest.fail(f"serve did not answer within {READY_TIMEOUT} s:\n{log.read_text(encoding='utf-8')}")


def stop(server: Server) -> int:
    """Ctrl-C, as a user stops it; killed only if it does not stop."""
    if server.process.poll() is None:
        server.process.send_signal(signal.SIGINT)
        try:
            server.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.process.kill()
            server.process.wait()
    return server.process.returncode


def children(pid: int) -> list[int]:
    out = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        out += [int(c) for c in (task / "children").read_text().split()]
    return out


def listeners(port: int) -> list[str]:
    """Addresses with a listening TCP socket on ``port`` (from /proc/net/tcp and tcp6)."""
    out = []
    for name in ("tcp", "tcp6"):
        table = Path("/proc/net") / name
        if not table.exists():
            continue
        for line in table.read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.rsplit(":", 1)
            if state == "0A" and int(hex_port, 16) == port:
                raw = bytes.fromhex(address)
                if name == "tcp":
                    out.append(socket.inet_ntoa(raw[::-1]))
                else:  # four little-endian 32-bit words
                    words = b"".join(raw[i:i + 4][::-1] for i in range(0, 16, 4))
                    out.append(socket.inet_ntop(socket.AF_INET6, words))
    return out


@pytest.fixture(scope="module")
def cache(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("serve-cache")


@pytest.fixture(scope="module")
def server(cache):
    running = start(cache, cache / "serve.log")
    yield running
    assert stop(running) == 0, running.log.read_text(encoding="utf-8")


@pytest.fixture
def page(browser, server):
    """A tab that records every URL it requests."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.requested = []
    tab.on("request", lambda request: tab.requested.append(request.url))
    yield tab
    context.close()


def result_rows(tab) -> tuple[list[str], list[list[str]]]:
    """Header and rows of Datasette's result table, as the page shows them."""
    tab.wait_for_selector("table.rows-and-columns")
    header = tab.eval_on_selector_all("table.rows-and-columns thead th", "ths => ths.map(th => th.innerText.trim())")
    rows = tab.eval_on_selector_all(
        "table.rows-and-columns tbody tr",
        "trs => trs.map(tr => Array.from(tr.querySelectorAll('td'), td => td.innerText.trim()))")
    return header, rows


def day(value) -> str:
    return "" if pd.isna(value) else pd.Timestamp(value).strftime("%Y-%m-%d")


def assert_local_only(tab, server: Server) -> None:
    here = f"127.0.0.1:{server.port}"
    outside = [u for u in tab.requested
               if urlsplit(u).scheme not in ("data", "blob", "about") and urlsplit(u).netloc != here]
    assert tab.requested and not outside, f"the page fetched from outside: {outside}"


def test_sql_typed_in_the_editor(page, server):
    """Type a query into the SQL editor, run it, read the table: the leader spells of RUS."""
    sql = ("select leader_spell_id, leader, start_date, end_date from leaders "
           "where country_id = 'RUS' order by start_date, leader_spell_id")
    page.goto(f"{server.url}/{DB}", wait_until="load")
    page.click(".CodeMirror")
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.type(sql)
    assert page.evaluate("document.querySelector('.CodeMirror').CodeMirror.getValue()") == sql
    with page.expect_navigation():
        page.click("form.sql input[type=submit]")
    header, rows = result_rows(page)
    page.screenshot(path=str(ARTIFACTS / "serve-query.png"), full_page=False)
    assert page.locator("footer").get_by_text("Creative Commons Attribution 4.0 International").count() == 1

    leaders = loader.load("leaders", REPO)
    expected = leaders[leaders["country_id"] == "RUS"].sort_values(["start_date", "leader_spell_id"])
    assert header == ["leader_spell_id", "leader", "start_date", "end_date"]
    assert rows == [[r.leader_spell_id, r.leader, day(r.start_date), day(r.end_date)]
                    for r in expected.itertuples()]
    assert_local_only(page, server)


def test_canned_query_in_the_browser(page, server):
    """The "every event of a crisis" form, filled with the Cuban missile crisis (ICB 196)."""
    page.goto(f"{server.url}/{DB}", wait_until="load")
    page.click(f"text={serve.QUERIES['crisis_events']['title']}")
    page.fill("input[name=crisno]", "196")
    with page.expect_navigation():
        page.click("form.sql input[type=submit]")
    header, rows = result_rows(page)
    shown = [dict(zip(header, r)) for r in rows]

    events = loader.load("events", REPO)
    crisis = events[events["icb_crisno"] == 196].sort_values(["date", "event_id"])
    actors = loader.load("event_actors", REPO).sort_values("country_id")
    assert [r["event_id"] for r in shown] == list(crisis["event_id"])
    assert [r["title"] for r in shown] == list(crisis["title"])
    for r in shown:
        mine = actors[actors["event_id"] == r["event_id"]]
        assert r["actors"] == ", ".join(f"{c} ({role})" for c, role in zip(mine["country_id"], mine["role"]))
    assert page.locator("footer").get_by_text("Creative Commons Attribution 4.0 International").count() == 1
    assert_local_only(page, server)


# one example for every canned query, and the rows pandas gives for it
def _relations(a, b, years):
    frame = loader.load("relations", REPO)
    pair = frame[frame.pair_id.isin([f"{a}-{b}", f"{b}-{a}"])]
    return pair[pair["year"].isin(years)].sort_values("year")


def _status_changes(a, b):
    pair = _relations(a, b, range(1000, 3000))
    status = pair["status"].astype(object)
    level = pair["representation"].astype(object).fillna("")
    return list(pair[(status != status.shift()) | (level != level.shift().fillna(""))]["year"])


def _pair_events(a, b):
    actors = loader.load("event_actors", REPO)
    both = set(actors[actors.country_id == a].event_id) & set(actors[actors.country_id == b].event_id)
    events = loader.load("events", REPO)
    return list(events[events.event_id.isin(both)].sort_values(["date", "event_id"]).event_id)


def _leaders(country, date):
    frame = loader.load("leaders", REPO)
    on = (frame.country_id == country) & (frame.start_date <= date) & ((frame.end_date >= date) | frame.end_date.isna())
    return sorted(frame[on].leader_spell_id)


def _crisis_actors(crisno):
    frame = loader.load("crisis_actors", REPO)
    return sorted(frame[frame.icb_crisno == crisno].icb_cracno)


def _pair_crises(a, b):
    frame = loader.load("pair_crises", REPO)
    return sorted(frame[frame.pair_id.isin([f"{a}-{b}", f"{b}-{a}"])].icb_cracno)


def _crises_named(words):
    frame = loader.load("crises", REPO)
    hit = frame.title.str.contains(words, case=False) | frame.icb_name.str.contains(words, case=False)
    return sorted(frame[hit].icb_crisno)


EXAMPLES = {
    "pair_year": ({"a": "CUB", "b": "USA", "year": "1962"},
                  lambda rows: [r["status"] for r in rows] == list(_relations("CUB", "USA", [1962]).status)),
    "pair_status_changes": ({"a": "USA", "b": "CUB"},
                            lambda rows: [r["year"] for r in rows] == _status_changes("USA", "CUB")),
    "pair_events": ({"a": "RUS", "b": "USA"},
                    lambda rows: [r["event_id"] for r in rows] == _pair_events("RUS", "USA")),
    "find_crisis": ({"words": "berlin"},
                    lambda rows: sorted(r["icb_crisno"] for r in rows) == _crises_named("berlin")),
    "crisis_events": ({"crisno": "196"},
                      lambda rows: len(rows) > 0 and {r["event_id"] for r in rows} == set(
                          loader.load("events", REPO).query("icb_crisno == 196").event_id)),
    "crisis_actors_of": ({"crisno": "196"},
                         lambda rows: sorted(r["icb_cracno"] for r in rows) == _crisis_actors(196)),
    "pair_crises_of": ({"a": "USA", "b": "RUS"},
                       lambda rows: sorted(r["icb_cracno"] for r in rows) == _pair_crises("USA", "RUS")),
    "leaders_on_date": ({"country": "RUS", "date": "1962-10-22"},
                        lambda rows: sorted(r["leader_spell_id"] for r in rows) == _leaders("RUS", "1962-10-22")),
}


def test_every_canned_query_has_an_example():
    assert set(EXAMPLES) == set(serve.QUERIES)
    for name, query in serve.QUERIES.items():
        assert set(query["params"]) == set(EXAMPLES[name][0]), name
        assert set(re.findall(r":(\w+)", query["sql"])) == set(query["params"]), name


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_canned_query_matches_pandas(server, name):
    params, check = EXAMPLES[name]
    rows = get_json(f"{server.url}/{DB}/{name}.json?{urlencode({**params, '_shape': 'array'})}")
    assert rows, f"{name} returned no rows for {params}"
    assert check(rows), rows[:5]


def test_metadata_describes_every_table_and_column(server):
    meta = serve.metadata(REPO)
    assert meta["license"] and meta["license_url"].startswith("https://")
    assert meta["source"] and meta["source_url"].startswith("https://")
    tables = meta["databases"][DB]["tables"]
    with sqlite3.connect(f"file:{server.database}?mode=ro", uri=True) as con:
        names = {r[0] for r in con.execute("select name from sqlite_master where type = 'table'")}
        assert set(tables) == names
        for name, table in tables.items():
            columns = [r[1] for r in con.execute(f'pragma table_info("{name}")')]
            assert table["description"].strip() and table["title"].strip(), name
            assert set(table["columns"]) == set(columns), name
            assert all(d.strip() for d in table["columns"].values()), name
            assert table.get("label_column", columns[0]) in columns
            assert set(table.get("facets", [])) <= set(columns)


def test_served_metadata_and_read_only(server):
    """Datasette serves the generated descriptions, and refuses to write."""
    meta = get_json(f"{server.url}/-/metadata.json")
    assert meta["databases"][DB]["tables"]["relations"]["columns"]["status"] == \
        serve.metadata(REPO)["databases"][DB]["tables"]["relations"]["columns"]["status"]
    databases = get_json(f"{server.url}/-/databases.json")
    assert [(d["name"], d["is_mutable"]) for d in databases] == [(DB, False)]
    try:
        answer = get_json(f"{server.url}/{DB}.json?{urlencode({'sql': 'delete from leaders'})}")
    except urllib.error.HTTPError as error:
        answer = json.load(error)
    assert answer["ok"] is False
    count = urlencode({"sql": "select count(*) as n from leaders", "_shape": "array"})
    assert get_json(f"{server.url}/{DB}.json?{count}") == [{"n": len(loader.load("leaders", REPO))}]


def test_listens_on_loopback_only(server):
    if not Path("/proc/net/tcp").exists():
        pytest.skip("needs Linux /proc/net/tcp")
    assert listeners(server.port) == ["127.0.0.1"]
    with pytest.raises(ConnectionRefusedError):  # another loopback address, which 0.0.0.0 would answer
        socket.create_connection(("127.0.0.2", server.port), timeout=5).close()


def test_cached_database_is_reused(server, cache):
    """The library call and a second `serve` reuse the database the first one built."""
    built = server.database
    before = built.stat().st_mtime_ns
    assert serve.database(REPO, cache_dir=built.parent.parent) == built
    assert built.stat().st_mtime_ns == before
    second = start(cache, cache / "serve-2.log")
    try:
        assert second.database == built
        assert "exporting" not in second.log.read_text(encoding="utf-8")
        assert children(second.process.pid) == []  # everything runs in the one process
    finally:
        code = stop(second)
    assert code == 0, second.log.read_text(encoding="utf-8")
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", second.port), timeout=5).close()
    assert built.stat().st_mtime_ns == before


def test_missing_datasette_is_one_clear_line(monkeypatch):
    from typer.testing import CliRunner

    from coldwar_relations.cli import app

    monkeypatch.setitem(sys.modules, "datasette", None)
    monkeypatch.setitem(sys.modules, "datasette.app", None)
    with pytest.raises(ImportError, match=re.escape(serve.MISSING)):
        serve.serve(REPO, port=free_port())
    result = CliRunner().invoke(app, ["serve", "--port", str(free_port()), "--package", str(REPO)])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert lines[-1] == f"error: {serve.MISSING}"
    assert [line for line in lines if not line.startswith("package: ")] == lines[-1:]
