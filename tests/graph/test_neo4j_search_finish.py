"""Search blocks built after a commit (graph/neo4j/search_finish.py) on the real Neo4j: a finisher taken
over by a forced `reindex` between two of its transactions leaves the new build alone, and a `replace`
past INLINE names commits with the blocks pending and builds them in parts, every page right meanwhile.
Sizes are made tiny (INLINE 50 names, drops of 5 blocks, parts of one statement) so that a few hundred
nodes take the paths a 100k graph takes.
"""

from __future__ import annotations

import random

import pytest

from graph.memory import MemoryStore, name_grams
from graph.neo4j import search, search_blocks, search_build, search_finish
from graph.store import Batch
from tests.core.test_name_grams import nodes

pytestmark = pytest.mark.neo4j

KEYS = ("科", "科技", "中关村")


@pytest.fixture
def small_parts(monkeypatch):
    monkeypatch.setattr(search_blocks, "INLINE", 50)
    monkeypatch.setattr(search_build, "ROWS", 40)
    monkeypatch.setattr(search_finish, "PART", 1)
    monkeypatch.setattr(search_finish, "DROP", 5)
    monkeypatch.setattr(name_grams, "BROAD", -1)  # every memory key through its gram index
    monkeypatch.setattr(name_grams, "IN_BACKGROUND", False)


def state(store) -> tuple[bool, bool]:
    with store._session("test") as session:
        return session.execute_read(search_blocks.state)  # (ready, pending)


def pages(store) -> list[list[str]]:
    return [[n.id for n in store.search(key, [], limit, offset)] for key in KEYS for limit, offset in ((7, 0), (30, 5))]


def runner(store, after=None):
    """What Neo4jStore._finish_search gives `finish`: each work in a transaction of its own, committed;
    `after(n)` is called after the n-th commit (n from 1)."""
    calls = []

    def run(work):
        with store._session("test") as session, session.begin_transaction() as tx:
            out = work(tx)
            tx.commit()
        calls.append(1)
        if after:
            after(len(calls))
        return out
    return run


@pytest.mark.parametrize("between", ["drops", "parts"])
def test_a_finisher_taken_over_leaves_the_new_build_alone(neo4j_store, small_parts, monkeypatch, between):
    """Finisher A drops the old blocks, then builds, a part per transaction; between two of its drops (or
    two of its build parts) a forced `reindex` claims the build and completes it. A's next transaction must
    see it no longer owns the build and stop: before, its drops went on deleting the new blocks and the
    index stayed marked ready, incomplete (274 of its name streams differed)."""
    batch = Batch(nodes=nodes(random.Random(71), 40))  # ~70 names: built after the write, ready
    neo4j_store.write(batch)
    memory = MemoryStore()
    memory.write(batch)
    want = pages(memory)
    neo4j_store._write(search_finish.start, 0)  # pending (as a large first write or reindex leaves it)
    parts, taken_over = [], []
    part = search_finish._part
    monkeypatch.setattr(search_finish, "_part", lambda *a: parts.append(1) or part(*a))

    def reindex_between(n):
        if not taken_over and (n == 2 if between == "drops" else parts):  # 1: A's claim, 2: its first drop
            taken_over.append(neo4j_store.reindex())
    assert search_finish.finish(runner(neo4j_store, reindex_between)) is False  # A gave up
    assert taken_over == [["(search index: incomplete)"]]
    assert state(neo4j_store) == (True, False)
    assert neo4j_store.reindex(check=True) == []  # the blocks the reindex built are all there
    assert pages(neo4j_store) == want


def test_a_large_replace_commits_pending_and_builds_the_blocks_after(neo4j_store, small_parts, monkeypatch):
    """Past INLINE names `replace` leaves the blocks pending in its transaction (a 100k graph ran out of
    its memory) and builds them after the commit, a part per transaction. Between any two of those, a
    reader sees the new graph by the text index (never the old graph's blocks); at the end the blocks
    are ready and equal a rebuild."""
    neo4j_store.write(Batch(nodes=nodes(random.Random(81), 40, "old")))  # blocks of another graph, ready
    batch = Batch(nodes=nodes(random.Random(82), 120, "new"))
    memory = MemoryStore()
    memory.write(batch)
    want = pages(memory)
    monkeypatch.setattr(search_finish, "DROP", 50)
    monkeypatch.setattr(search_build, "ROWS", 100)
    seen = []
    drop, part = search_finish._drop, search_finish._part

    def reading(work):
        def hooked(tx, *args):  # the last commit is the one before this transaction
            seen.append((state(neo4j_store), pages(neo4j_store) == want))
            return work(tx, *args)
        return hooked
    monkeypatch.setattr(search_finish, "_drop", reading(drop))
    monkeypatch.setattr(search_finish, "_part", reading(part))
    neo4j_store.replace(batch)
    assert len(seen) > 3 and set(seen) == {((False, True), True)}, len(seen)  # drops and parts, each after a commit
    assert state(neo4j_store) == (True, False)
    assert neo4j_store.reindex(check=True) == []
    assert pages(neo4j_store) == want
    small, parts = Batch(nodes=batch.nodes[:10]), len(seen)
    neo4j_store.replace(small)  # under INLINE: built inside the replace, no part after it
    assert len(seen) == parts and state(neo4j_store) == (True, False)
    memory.replace(small)
    assert pages(neo4j_store) == pages(memory)
