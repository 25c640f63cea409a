"""Fixtures for the HTTP API: an app over the bundled graph, a writable mini graph.

The bundled graph (data/curated) is used when it is there; before it lands the
tests run on tests/fixtures/mini, and the rows that need bundled-only names skip.
"""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from tests.api.api_support import FIXTURES, HAS_BUNDLED, make_settings
from graph.memory import MemoryStore
from graph.settings import Settings
from loaders.sources import load_sources


@pytest.fixture(scope="session")
def graph_store(request) -> MemoryStore:
    """The bundled graph (read-only), or the mini graph until the bundled one exists."""
    if HAS_BUNDLED:
        return request.getfixturevalue("bundled_store")
    store = MemoryStore()
    load_sources(store, [FIXTURES / "mini"])
    return store


@pytest.fixture(scope="session")
def api_settings(tmp_path_factory) -> Settings:
    return make_settings(tmp_path_factory.mktemp("api-data"))


@pytest.fixture(scope="session")
def app(graph_store, api_settings):
    return create_app(api_settings, store=graph_store)


@pytest.fixture(scope="session")
def client(app):
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


@pytest.fixture
def mini_client(mini_store, tmp_path):
    """A fresh, writable mini graph behind an app with the admin route open."""
    settings = make_settings(tmp_path, admin_token="s3cret-token", max_upload_bytes=64 * 1024)
    with TestClient(create_app(settings, store=mini_store), raise_server_exceptions=False) as c:
        c.store = mini_store
        yield c
