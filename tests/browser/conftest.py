"""Browser fixtures: Debian's headless Chromium (denied the network), the graph, a served app.

Without Chromium every browser test fails, naming the Debian package to install:
a missing browser must not look like a passing suite.
"""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import pytest

from graph.memory import MemoryStore
from graph.settings import Settings
from loaders.sources import BUNDLED_DIR, load_sources
from tests.browser.cdp_browser import Browser, BrowserMissing, find_chromium

ROOT = Path(__file__).resolve().parent.parent.parent
ARTIFACTS = ROOT / "test-artifacts" / "browser"
MINI = ROOT / "tests" / "fixtures" / "mini"
HAS_BUNDLED = any(BUNDLED_DIR.glob("*.yaml"))


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
def page_store(request) -> MemoryStore:
    """The bundled graph (data/curated), or tests/fixtures/mini while the bundled one is not there."""
    if HAS_BUNDLED:
        return request.getfixturevalue("bundled_store")
    store = MemoryStore()
    load_sources(store, [MINI])
    return store


@pytest.fixture(scope="session")
def server(page_store, tmp_path_factory):
    """The app (API and pages) on a free loopback port, in a thread; yields its base URL."""
    import uvicorn

    from api.app import create_app

    settings = Settings(data_dir=tmp_path_factory.mktemp("served"), admin_token="", cors_origins=[])
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    config = uvicorn.Config(create_app(settings, store=page_store), host="127.0.0.1", port=port,
                            log_level="warning", lifespan="on")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)
