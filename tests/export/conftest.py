"""Subgraphs to export: the mini graph, an awkward hand-made one, and the bundled 怀柔科学城.

`awkward` (tests/export/data/awkward.json, node-link JSON) holds what breaks
writers: markup and Markdown in names, quotes of both kinds, backslashes, line
breaks (\\n and \\r\\n), a tab, "|", an emoji, attributes of every JSON type
(int, float, bool, list, null) and a document whose title is HTML.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.results import Subgraph
from viz.export.cli_support import documents_for
from viz.export.nodelink import read_json

AWKWARD = Path(__file__).parent / "data" / "awkward.json"
ZONE = "怀柔科学城"


@pytest.fixture(scope="session")
def awkward() -> tuple[Subgraph, list]:
    return read_json(AWKWARD)


@pytest.fixture
def mini_sub(mini) -> tuple[Subgraph, list]:
    sub = mini.subgraph(ZONE, depth=2)
    return sub, documents_for(sub, mini.store.documents())


@pytest.fixture(scope="session")
def bundled_sub(bundled) -> tuple[Subgraph, list]:
    sub = bundled.subgraph(ZONE, depth=2, include_publisher=True)  # the large one: through the report author too
    return sub, documents_for(sub, bundled.store.documents())


@pytest.fixture(params=["mini", "awkward", "bundled"])
def sample(request) -> tuple[Subgraph, list]:
    """Each subgraph in turn."""
    return request.getfixturevalue({"mini": "mini_sub", "awkward": "awkward",
                                    "bundled": "bundled_sub"}[request.param])
