"""The streamed load's search blocks built in many hash parts through a small spill buffer
(graph/neo4j/search_build.by_part, session 15) are the blocks, and give the search answers, of the
build in one part: what the load stored before its memory was bounded by a chunk.

On the real server of tests/graph/conftest.py: a synthetic pair streamed twice into the emptied
database, once with every name in one part (search_build.expected: the blocks' plain definition),
once in 9 parts spilled every 50 entries with chunks of 300 rows (every part and every chunk
boundary crossed); every stored node, edge, zone entry and block is the same, and so is every search
answer (exact, prefix, a type filter, a page), and `reindex --check` reports nothing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.neo4j import search_build
from loaders.sources import read_sources
from loaders.synth import generate
from tests.graph.test_neo4j_bulk import stored

pytestmark = pytest.mark.neo4j

#: keys of both scripts, short and long, some matching hundreds of names (a second page)
QUERIES = ("北京", "科学城", "有限公司", "半导体", "Enterprise 00001", "Co., Ltd", "Science City", "project 000", "00")


def answers(store) -> dict:
    """Every query's answer: the first page, the second page, and Institutions only."""
    out = {}
    for q in QUERIES:
        out[q] = ([n.id for n in store.search(q, limit=15)], [n.id for n in store.search(q, limit=15, offset=15)],
                  [n.id for n in store.search(q, types=["Institution"], limit=15)])
    return out


def test_blocks_built_in_many_parts_are_the_blocks_of_one_part(neo4j_store, tmp_path, monkeypatch):
    generate(300, seed=5, out_dir=tmp_path / "pair")
    batch = read_sources([tmp_path / "pair"]).kept
    with monkeypatch.context() as one:
        one.setattr(search_build, "parts_for", lambda names: 1)
        neo4j_store.stream_load(batch)
    want = stored(neo4j_store), answers(neo4j_store)
    assert any(want[1][q][0] for q in QUERIES) and any(want[1][q][1] for q in QUERIES)  # answers and second pages
    neo4j_store.clear()

    spills = []
    real_spill = search_build._spill
    monkeypatch.setattr(search_build, "parts_for", lambda names: 9)
    monkeypatch.setattr(search_build, "SPILL", 50)
    monkeypatch.setattr(search_build, "_spill", lambda batches, files: spills.append(1) or real_spill(batches, files))
    neo4j_store.stream_load(batch, rows=300)
    assert len(spills) > 100  # the buffer went to the parts' files many times
    assert (stored(neo4j_store), answers(neo4j_store)) == want
    assert neo4j_store.reindex(check=True) == []
