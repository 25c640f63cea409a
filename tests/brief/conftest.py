"""Graphs to brief on: the mini graph, the bundled one, and an awkward one (markup in every name)."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.memory import MemoryStore
from graph.queries import GraphQueries
from graph.store import Batch
from viz.export.nodelink import read_json

AWKWARD = Path(__file__).resolve().parents[1] / "export" / "data" / "awkward.json"


@pytest.fixture(scope="session")
def awkward_queries() -> GraphQueries:
    sub, docs = read_json(AWKWARD)
    store = MemoryStore()
    store.write(Batch(nodes=sub.nodes, edges=sub.edges, documents=docs))
    return GraphQueries(store)
