"""Neo4j search pages from the search blocks (graph/neo4j/search.py, search_blocks.py): after random
writes (new nodes, names added to stored ones, blocks split) every page equals the memory store's,
the blocks equal a rebuild (`reindex --check`), a broad key's page reads a few blocks however many
nodes hold the key, and the statements seek the range index in order (no scan, no sort of the hits).
Blocks are made tiny here (a few entries) so that splits and reads across blocks happen on 300 nodes.
"""

from __future__ import annotations

import random

import pytest

from graph.memory import MemoryStore, name_grams
from graph.model import Node
from graph.neo4j import search, search_blocks, search_build, search_finish
from graph.store import Batch
from tests.core.test_name_grams import PAGES, TYPES, nodes, random_keys
from tests.support.cli_neo4j import cli_on_neo4j
from tests.support.neo4j import SCANS, operators

pytestmark = pytest.mark.neo4j


@pytest.fixture
def tiny_blocks(monkeypatch):
    monkeypatch.setattr(search_blocks, "MAX", 8)
    monkeypatch.setattr(search_blocks, "FILL", 4)
    monkeypatch.setattr(search, "FEW", 0)  # every key from the blocks, rare ones too


def renamed(rng: random.Random, stored: list[Node]) -> list[Node]:
    """Stored nodes written again with new names (a write adds them as aliases)."""
    out = []
    for node in rng.sample(stored, 40):
        out.append(Node(id=node.id, type=node.type, name_zh="科技" + node.name_zh[:2] + str(rng.randrange(9)),
                        name_en=f"node {rng.randrange(50)}"))
    return out


def test_pages_after_random_writes_equal_the_memory_stores(neo4j_store, tiny_blocks, monkeypatch):
    rng = random.Random(31)
    memory = MemoryStore()
    first = nodes(rng, 150)
    batches = [Batch(nodes=first), Batch(nodes=nodes(rng, 150, "b") + renamed(rng, first)),
               Batch(nodes=renamed(rng, first))]
    for batch in batches:
        neo4j_store.write(batch)
        memory.write(batch)
    monkeypatch.setattr(name_grams, "BROAD", -1)  # every memory key through its gram index
    monkeypatch.setattr(name_grams, "IN_BACKGROUND", False)
    with neo4j_store._session("test") as session:
        assert session.execute_read(search_blocks.ready)  # the blocks answer, not the text index
    for key in random_keys(random.Random(32), 12) + ["科技科", "ode 1"]:
        for types in TYPES:
            for limit, offset in PAGES:
                want = [n.id for n in memory.search(key, types, limit, offset)]
                assert [n.id for n in neo4j_store.search(key, list(types), limit, offset)] == want, \
                    (key, types, limit, offset)
    assert neo4j_store.reindex(check=True) == []  # what the writes kept is what a rebuild makes


def test_a_database_without_blocks_answers_by_the_text_index_until_reindex(neo4j_store):
    batch = Batch(nodes=nodes(random.Random(41), 80))
    neo4j_store.write(batch)
    neo4j_store._write(lambda tx: tx.run(search_blocks.DROP_ALL).consume(), 0)  # as written before the blocks
    neo4j_store.write(Batch(nodes=nodes(random.Random(42), 20, "late")))  # kept nowhere: not ready
    memory = MemoryStore()
    memory.write(batch)
    memory.write(Batch(nodes=nodes(random.Random(42), 20, "late")))
    want = [n.id for n in memory.search("科", (), 30, 0)]
    assert [n.id for n in neo4j_store.search("科", [], 30, 0)] == want
    assert neo4j_store.reindex(check=True) == ["(search index: never built)"]
    assert neo4j_store.reindex() == ["(search index: never built)"]
    assert neo4j_store.reindex(check=True) == []
    assert [n.id for n in neo4j_store.search("科", [], 30, 0)] == want


def test_a_broad_keys_page_reads_a_few_blocks_not_its_hits(neo4j_store, monkeypatch):
    """1,200 nodes hold 科技 (400 starting with it), blocks of 128: a page reads the blocks before its end."""
    neo4j_store.write(Batch(nodes=[Node(id=f"p{i:04d}", type="Zone", name_zh=f"科技园{i:04d}") for i in range(400)]
                      + [Node(id=f"q{i:04d}", type="Institution", name_zh=f"中关村科技{i:04d}") for i in range(800)]))
    monkeypatch.setattr(search, "FEW", 0)
    read: list[int] = []
    load = search.Cursor.load

    def counting(self, rows):
        read.append(len(rows))  # blocks
        load(self, rows)
    monkeypatch.setattr(search.Cursor, "load", counting)
    assert [n.id for n in neo4j_store.search("科技", [], 20, 0)] == [f"p{i:04d}" for i in range(20)]
    assert sum(read) == 3, read  # the first block of 3 streams: \n科技 (Zone), 科技 (Zone, Institution)
    read.clear()
    assert [n.id for n in neo4j_store.search("中关村科技", [], 20, 0)] == [f"q{i:04d}" for i in range(20)]
    # one block per cursor (a stream's rows serve both classes): prefix \n中关 关村 村科 科技, holding 中关 关村
    # 村科 科技, for Institution; 科技 twice for Zone
    assert sum(read) == 10, read
    read.clear()
    page = [n.id for n in neo4j_store.search("科技", [], 20, 410)]
    # 430 entries: 4 blocks of names starting with 科技, then 4 + 4 of names holding it (the first 400 taken)
    assert page == [f"q{i:04d}" for i in range(10, 30)] and sum(read) <= 12, read


def test_a_rare_long_key_is_read_from_the_text_index(neo4j_store, monkeypatch):
    """Fewer than FEW nodes hold it: its hits cost less than meeting its pairs' blocks. It is counted
    only when the first blocks (one statement) do not make the page: here its 10 holders sort last of
    the 300 in its streams (blocks of 128), and the count sends it to the text index, no block read after."""
    neo4j_store.write(Batch(nodes=[Node(id=f"r{299 - i:03d}", type="Zone", name_zh=f"园{i:04d}") for i in range(300)]))
    prefetched, later, texts = [], [], []
    prefetch, load, text = search._prefetch, search.Cursor.load, search.text_page_ids

    def prefetching(tx, cursors, n):
        out = prefetch(tx, cursors, n)
        prefetched.append(len(cursors))
        return out
    monkeypatch.setattr(search, "_prefetch", prefetching)
    monkeypatch.setattr(search.Cursor, "load", lambda self, rows: (prefetched and later.append(self.s)) or load(self, rows))
    monkeypatch.setattr(search, "text_page_ids", lambda *a: texts.append(a[1]) or text(*a))
    assert [n.id for n in neo4j_store.search("园000", [], 5, 0)] == [f"r{i}" for i in range(290, 295)]
    assert texts == ["园000"] and prefetched and later == []  # the first blocks, then the text index


def test_a_long_key_whose_first_blocks_make_the_page_is_not_counted(neo4j_store, monkeypatch):
    """A rare key whose streams' first blocks hold every entry: the page comes from them, and its holders
    are never counted (before: up to FEW = 1,000 db hits for every key of 3+ characters)."""
    neo4j_store.write(Batch(nodes=[Node(id=f"r{i:02d}", type="Zone", name_zh=f"园{i:04d}") for i in range(30)]))
    monkeypatch.setattr(search, "FEW_HITS", "RETURN 1 / 0 AS n")  # the count fails if it is asked
    monkeypatch.setattr(search, "text_page_ids", None)
    assert [n.id for n in neo4j_store.search("园000", [], 5, 0)] == [f"r{i:02d}" for i in range(5)]
    assert [n.id for n in neo4j_store.search("园00", [], 5, 3)] == [f"r{i:02d}" for i in range(3, 8)]


def state(store) -> tuple[bool, bool]:
    with store._session("test") as session:
        return session.execute_read(search_blocks.state)  # (ready, pending)


def assert_pages(store, memory, blocks: bool, monkeypatch) -> None:
    """Pages equal the memory store's, read from the blocks or (blocks=False) by the text index."""
    texts = []
    text = search.text_page_ids
    with monkeypatch.context() as m:
        m.setattr(search, "text_page_ids", lambda *a: texts.append(a[1]) or text(*a))
        for key in ("科", "科技", "中关村"):
            for limit, offset in ((7, 0), (30, 5)):
                want = [n.id for n in memory.search(key, (), limit, offset)]
                assert [n.id for n in store.search(key, [], limit, offset)] == want, (key, limit, offset)
    assert texts == (["科", "科", "科技", "科技", "中关村", "中关村"] if not blocks else [])  # (中关村: rare, but its
    # streams' first blocks make the page, search.py)


def test_a_large_first_write_builds_the_blocks_after_its_commit(neo4j_store, monkeypatch):
    """Past INLINE names a first write commits with the blocks pending (search by the text index) and
    they are built after it, a part per transaction. A crash right after the commit is finished by the
    next write; a crash inside the build (its lease still live) by reindex; names written during a
    build make it build again. (INLINE is 100k-sized in use: here 50, with parts of 40 blocks.)"""
    monkeypatch.setattr(search_blocks, "INLINE", 50)
    monkeypatch.setattr(search_build, "ROWS", 40)
    monkeypatch.setattr(search_finish, "PART", 1)
    monkeypatch.setattr(name_grams, "BROAD", -1)
    monkeypatch.setattr(name_grams, "IN_BACKGROUND", False)
    rng, memory = random.Random(51), MemoryStore()
    batches = [Batch(nodes=nodes(rng, 120)), Batch(nodes=nodes(rng, 10, "b")), Batch(nodes=nodes(rng, 10, "c")),
               Batch(nodes=nodes(rng, 10, "d")), Batch(nodes=nodes(rng, 10, "e"))]
    finish = search_finish.finish
    monkeypatch.setattr(search_finish, "finish", lambda run, force=False: True)  # killed after the commit
    neo4j_store.write(batches[0])
    memory.write(batches[0])
    assert state(neo4j_store) == (False, True)
    assert_pages(neo4j_store, memory, False, monkeypatch)
    assert neo4j_store.reindex(check=True) == ["(search index: incomplete)"]
    monkeypatch.setattr(search_finish, "finish", finish)
    neo4j_store.write(batches[1])  # the next write finishes it
    memory.write(batches[1])
    assert state(neo4j_store) == (True, False)
    assert neo4j_store.reindex(check=True) == []
    assert_pages(neo4j_store, memory, True, monkeypatch)

    neo4j_store._write(search_finish.start, 0)  # pending again (as reindex leaves it), then a build dies
    part = search_finish._part
    calls = []

    def dying(tx, token, statements):
        calls.append(1)
        if len(calls) == 3:
            raise RuntimeError("killed")
        return part(tx, token, statements)
    monkeypatch.setattr(search_finish, "_part", dying)
    with pytest.raises(RuntimeError):
        neo4j_store.write(batches[2])
    memory.write(batches[2])
    monkeypatch.setattr(search_finish, "_part", part)
    neo4j_store.write(batches[3])  # the dead build's lease is live: this write leaves it pending
    memory.write(batches[3])
    assert state(neo4j_store) == (False, True)
    assert_pages(neo4j_store, memory, False, monkeypatch)

    chunks = search_finish.block_chunks
    during = []

    def writing(names):  # a write between two parts of the build (its names are not in `names`)
        for n, chunk in enumerate(chunks(names)):
            if n == 1 and not during:
                during.append(1)
                neo4j_store.write(batches[4])
            yield chunk
    monkeypatch.setattr(search_finish, "block_chunks", writing)
    assert neo4j_store.reindex() == ["(search index: incomplete)"]
    memory.write(batches[4])
    assert during and state(neo4j_store) == (True, False)
    assert neo4j_store.reindex(check=True) == []
    assert_pages(neo4j_store, memory, True, monkeypatch)


def test_the_cli_names_the_search_index_apart_from_the_zone_index(neo4j_store, neo4j_settings, monkeypatch,
                                                                 tmp_path):
    from api import cli

    neo4j_store.write(Batch(nodes=nodes(random.Random(61), 40)))
    with cli_on_neo4j(monkeypatch, neo4j_settings, tmp_path) as runner:
        ok = runner.invoke(cli.app, ["reindex", "--check"])
        assert ok.exit_code == 0 and ok.stdout.split("\n")[:2] == [
            "the zone index is consistent with the graph", "the search index is consistent with the graph"]
        neo4j_store._driver.execute_query(  # a name stream's block loses its entries (a writer elsewhere)
            "MATCH (b:SearchBlock) WHERE b.k >= '0' WITH b LIMIT 1 SET b.l = [], b.i = []",
            database_=neo4j_store.database)
        drifted = runner.invoke(cli.app, ["reindex", "--check"])
        assert drifted.exit_code == 1 and "Traceback" not in drifted.output
        assert drifted.stdout.strip() == "the zone index is consistent with the graph"
        assert drifted.stderr.strip() == ("error: the search index differs from the graph in 1 name stream(s); "
                                          "run `innograph reindex`")
        rebuilt = runner.invoke(cli.app, ["reindex"])
        assert rebuilt.exit_code == 0 and rebuilt.stdout.split("\n")[:2] == [
            "the zone index was rebuilt (it was consistent with the graph)",
            "the search index was rebuilt (1 name stream(s) differed)"]
        assert runner.invoke(cli.app, ["reindex", "--check"]).exit_code == 0


@pytest.mark.parametrize("statement, params", [
    (search_blocks.SEEK, {"asks": [{"s": "x", "lo": "a", "hi": "b"}], "n": 2}),
    (search_blocks.SEEK_LOCKED, {"asks": [{"s": "x", "lo": "a", "hi": "b"}]}),
    (search.KEYS_BY_ID, {"ids": ["a", "b"]}),
])
def test_the_page_statements_seek_indexes_in_order(neo4j_store, statement, params):
    neo4j_store.write(Batch(nodes=nodes(random.Random(43), 50)))
    records = neo4j_store._driver.execute_query("EXPLAIN " + statement, params, database_=neo4j_store.database)
    ops = operators(records.summary.plan)
    assert {"NodeUniqueIndexSeekByRange", "NodeUniqueIndexSeek"} & set(ops), ops
    assert not SCANS & set(ops), ops
    assert "Sort" not in ops and "Top" not in ops, ops  # the range index gives the order
