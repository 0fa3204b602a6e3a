"""The documentation site: it builds with `mkdocs build --strict`, every internal link and anchor
resolves, and a real headless browser renders the key pages, finds "Cuban" with the site search
and loads the charts. Screenshots go to test-artifacts/ for a person to look at.

Needs the docs extra (`pip install ".[docs]"`) and, for the browser tests, Debian's chromium
(`apt-get install -y chromium`); each part skips with the reason when what it needs is missing.
The browser is only ever /usr/bin/chromium: nothing is downloaded.
"""

from __future__ import annotations

import fcntl
import functools
import http.server
import importlib.util
import os
import posixpath
import subprocess
import sys
import threading
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from conftest import require_browser

REPO = Path(__file__).resolve().parents[1]
ARTIFACTS = REPO / "test-artifacts"
DOCS_MODULES = ("mkdocs", "material", "mkdocs_gen_files", "mkdocs_literate_nav", "matplotlib")
# page -> (text its h1 must contain, number of charts it must show at least)
PAGES = {
    "index.html": ("Cold War international relations", 2),
    "dictionary/crises/index.html": ("International crises", 0),
    "crises/icb-196/index.html": ("Cuban Missile Crisis", 0),
    "pairs/rus-usa/index.html": ("United States", 1),
    "crises/index.html": ("Crises, 1945-1991", 1),
}


def _site_dir(tmp_path_factory) -> Path:
    """One build per test run, shared by the pytest-xdist workers (the first one builds)."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # the run's directory, common to all workers
    return base / "docs-site"


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> tuple[Path, str]:
    missing = [m for m in DOCS_MODULES if importlib.util.find_spec(m) is None]
    if missing:
        pytest.skip(f"docs dependencies not installed ({', '.join(missing)}): pip install '.[docs]'")
    site = _site_dir(tmp_path_factory)
    log = site.with_suffix(".log")
    with open(site.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not log.exists():
            env = {**os.environ, "DISABLE_MKDOCS_2_WARNING": "true", "NO_MKDOCS_2_WARNING": "1"}
            run = subprocess.run(
                [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site),
                 "--config-file", str(REPO / "mkdocs.yml")],
                cwd=REPO, env=env, capture_output=True, text=True, timeout=900)
            log.write_text(f"{run.returncode}\n{run.stdout}{run.stderr}", encoding="utf-8")
    code, output = log.read_text(encoding="utf-8").split("\n", 1)
    assert code == "0", f"mkdocs build --strict failed:\n{output[-5000:]}"
    return site, output


@pytest.fixture(scope="session")
def site(built) -> Path:
    return built[0]


def test_build_is_strict_and_quiet(built):
    site, output = built
    warnings = [line for line in output.splitlines() if "WARNING" in line or "ERROR" in line]
    assert not warnings, "\n".join(warnings)
    for page in PAGES:
        assert (site / page).is_file(), page
    assert (site / "search" / "search_index.json").is_file()


class _Links(HTMLParser):
    """Collects the ids of a page and the targets of its links, images and scripts."""

    def __init__(self):
        super().__init__()
        self.ids, self.targets = set(), []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        for name in ("href", "src"):
            if attrs.get(name):
                self.targets.append(attrs[name])


def _internal(url: str) -> bool:
    return not urlsplit(url).scheme and not url.startswith(("//", "mailto:", "data:"))


def test_internal_links_resolve(site):
    """Every relative link, image and script of every page points at a file of the site, and
    every #anchor to a page of the site exists on that page."""
    # 404.html is served at any depth, so MkDocs writes its links from the site root: skipped
    pages = {p.relative_to(site).as_posix(): p for p in site.rglob("*.html") if p.name != "404.html"}
    parsed = {}
    for rel, path in pages.items():
        parser = _Links()
        parser.feed(path.read_text(encoding="utf-8"))
        parsed[rel] = parser
    broken = []
    for rel, parser in parsed.items():
        for url in filter(_internal, parser.targets):
            parts = urlsplit(url)
            target = posixpath.normpath(posixpath.join(posixpath.dirname(rel), unquote(parts.path))) \
                if parts.path else rel
            if (site / target).is_dir():
                target = posixpath.join(target, "index.html")
            if target.startswith("..") or not (site / target).is_file():
                broken.append(f"{rel}: {url} (no file {target})")
            elif parts.fragment and target in parsed and unquote(parts.fragment) not in parsed[target].ids:
                broken.append(f"{rel}: {url} (no id #{parts.fragment} in {target})")
    assert not broken, f"{len(broken)} broken links, e.g.:\n" + "\n".join(broken[:30])


# ---- in a real browser ---------------------------------------------------------------------------

class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server(request):
    require_browser()
    site = request.getfixturevalue("site")
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def page(browser, server):
    """A fresh page that records script errors, and blocks and records any request that would
    leave this machine (the site must work offline)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(20_000)
    tab.errors, tab.outside = [], []

    def only_local(route):
        if route.request.url.startswith(server):
            return route.continue_()
        tab.outside.append(route.request.url)
        return route.abort()

    context.route("**/*", only_local)
    tab.on("pageerror", lambda error: tab.errors.append(str(error)))
    yield tab
    context.close()


def _shot(tab, name: str, full_page: bool = True) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / f"docs-{name}.png"), full_page=full_page)


@pytest.mark.parametrize("path", list(PAGES))
def test_page_renders_with_its_images(page, server, path):
    page.goto(server + path.removesuffix("index.html"), wait_until="load")
    heading, charts = PAGES[path]
    assert heading in page.inner_text("article h1")
    images = page.eval_on_selector_all(
        "article img", "els => els.map(e => ({src: e.currentSrc, ok: e.complete && e.naturalWidth > 0}))")
    assert all(i["ok"] for i in images), [i["src"] for i in images if not i["ok"]]
    assert len(images) >= charts, f"expected {charts} charts, found {len(images)}"
    _shot(page, path.removesuffix("/index.html").removesuffix("index.html").replace("/", "-") or "home")
    assert not page.errors, page.errors
    assert not page.outside, f"requests left the machine: {page.outside}"


def test_search_finds_cuban(page, server):
    page.goto(server, wait_until="load")
    page.click("label.md-search__icon, .md-search__input")
    page.fill(".md-search__input", "Cuban")
    results = page.locator(".md-search-result__item")
    results.first.wait_for()
    titles = page.locator(".md-search-result__item h1, .md-search-result__item h2").all_inner_texts()
    assert any("Cuban" in t for t in titles), titles
    _shot(page, "search-cuban", full_page=False)
    assert not page.errors, page.errors
