"""Browser fixtures: Debian's headless Chromium (denied the network), the graph, a served app.

Without Chromium every browser test fails, naming the Debian package to install:
a missing browser must not look like a passing suite.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.memory import MemoryStore
from graph.settings import Settings
from tests.browser.cdp_browser import Browser, BrowserMissing, find_chromium
from tests.support.servers import serve_in_thread

ROOT = Path(__file__).resolve().parent.parent.parent
ARTIFACTS = ROOT / "test-artifacts" / "browser"


def _chromium() -> None:
    """Fail (never skip) when Chromium is missing, naming the Debian packages."""
    try:
        find_chromium()
        return
    except BrowserMissing as exc:
        message = str(exc)
    pytest.fail(message, pytrace=False)


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def browser():
    """For file pages: every request off the machine fails."""
    _chromium()
    with Browser(loopback=False, width=1280, height=800) as b:
        yield b


@pytest.fixture(scope="session")
def served_browser():
    """For pages served on 127.0.0.1: loopback only."""
    _chromium()
    with Browser(loopback=True, width=1280, height=800) as b:
        yield b


@pytest.fixture(scope="session")
def page_store(bundled_store) -> MemoryStore:
    """The bundled graph (data/curated), read-only."""
    return bundled_store


@pytest.fixture(scope="session")
def server(page_store, tmp_path_factory):
    """The app (API and pages) on a free loopback port, in a thread; yields its base URL."""
    from api.app import create_app

    settings = Settings(data_dir=tmp_path_factory.mktemp("served"), admin_token="", cors_origins=[])
    with serve_in_thread(create_app(settings, store=page_store)) as base:
        yield base
