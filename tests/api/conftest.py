"""Fixtures for the HTTP API: an app over the bundled graph (read-only), a writable mini graph."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.memory import MemoryStore
from graph.settings import Settings
from tests.api.api_support import make_settings


@pytest.fixture(scope="session")
def graph_store(bundled_store) -> MemoryStore:
    """The bundled graph (data/curated), read-only."""
    return bundled_store


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
