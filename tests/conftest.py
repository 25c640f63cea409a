"""Shared fixtures: graphs built once per session, on the embedded store.

Backend-specific fixtures (the real Neo4j server) live in tests/graph/conftest.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.memory import MemoryStore
from graph.queries import GraphQueries
from loaders.sources import BUNDLED_DIR, build_bundled, load_sources

FIXTURES = Path(__file__).parent / "fixtures"
REPORT = BUNDLED_DIR.parent / "reports" / "bjstc-2018-self-assessment.txt"


@pytest.fixture(scope="session")
def bundled_store() -> MemoryStore:
    """The bundled 2018 graph in memory (not persisted). Treat as read-only."""
    store = MemoryStore()
    build_bundled(store)
    return store


@pytest.fixture(scope="session")
def bundled(bundled_store) -> GraphQueries:
    return GraphQueries(bundled_store)


@pytest.fixture
def mini_store(tmp_path) -> MemoryStore:
    """A seven-node graph persisted under tmp_path, fresh for each test."""
    store = MemoryStore(tmp_path / "graph.json")
    load_sources(store, [FIXTURES / "mini"])
    return store


@pytest.fixture
def mini(mini_store) -> GraphQueries:
    return GraphQueries(mini_store)
