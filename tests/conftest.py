"""Shared fixtures: the checkout's package, the upstream reference data, broken copies."""

from __future__ import annotations

import hashlib
import importlib.util
import shutil
from pathlib import Path

import pytest

import coldwar_relations as cw

REPO = Path(__file__).resolve().parents[1]
REFERENCE = REPO.parent / "shared" / "reference"
# the browser tests drive Debian's chromium only (never a downloaded one), without outside requests
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def require_browser() -> None:
    """Skip, before building anything, when the browser or its driver is missing."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} not found: install Debian's chromium (apt-get install -y chromium)")
    if importlib.util.find_spec("playwright") is None:
        pytest.skip("playwright not installed: pip install '.[docs]'")


@pytest.fixture(scope="module")
def browser():
    """Headless chromium for the browser tests of a module (the site, the Datasette pages)."""
    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def reference() -> Path:
    if not (REFERENCE / "archigos.csv").is_file():
        pytest.skip(f"upstream reference data not found at {REFERENCE}")
    return REFERENCE


@pytest.fixture(scope="session")
def table():
    """Typed tables of the checkout (what is committed), cached per session."""
    cache = {}

    def get(name):
        if name not in cache:
            cache[name] = cw.load(name, REPO)
        return cache[name]

    return get


def fingerprint(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def package_copy(tmp_path) -> Path:
    """A throw-away copy of the data package to break on purpose."""
    root = tmp_path / "package"
    for name in cw.resources.files(REPO):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / name, root / name)
    return root
