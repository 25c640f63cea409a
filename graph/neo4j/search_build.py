"""The search blocks built in one pass (replace, bulk_load, reindex) and compared with the graph
(`reindex --check`): graph/neo4j/search_blocks.py describes them and keeps them in writes.

Why apart: a build holds a part of the entries in Python at a time (streams split by hash into parts
of about a million entries: 8 million at 100k nodes), and a check holds none (a count and a sum of
entry hashes per stream), so neither costs memory in proportion to the graph's names.
"""

from __future__ import annotations

import marshal
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

from graph.neo4j.search_blocks import (ALL_BLOCKS, ALL_NAMES, CREATE, DROP_ALL, MARK_READY, READY_KEY, ROWS,
                                       _cut, grams, node_keys, ready, sentinel, stream)

def parts_for(names: int) -> int:
    """Streams are built a hash part at a time, each holding about a million entries in Python."""
    return 1 + names * 40 // 1_000_000


def expected(names: Iterable[tuple[str, str, str]], part: int = 0, parts: int = 1) -> dict[str, list]:
    """stream -> sorted entries for the streams of hash part `part`, from (id, type, key) of every name."""
    out: dict[str, set] = defaultdict(set)
    for id_, type_, key in names:
        for g in grams(key):
            s = stream(g, type_)
            if parts == 1 or hash(s) % parts == part:
                out[s].add((len(key), id_))
    return {s: sorted(items) for s, items in out.items()}


SPILL = 200_000  #: entries the first pass holds, across all parts, before they go to the parts' files


def by_part(names: Iterable[tuple[str, str, str]], parts: int) -> Iterator[dict[str, list]]:
    """`expected(names, part, parts)` for each part in turn, from one pass over the names: the entries
    are spilled to one temporary file per part (marshal) and each part is read back and sorted alone.
    Before, every part re-derived the grams of every name, so the build made `parts_for(names)`
    passes over the names: quadratic in the graph (81 passes at 1M nodes; 42 s of CPU at 100k nodes
    against 1.4 s at 10k).

    Memory is bounded by a constant, not by the graph: the first pass holds SPILL entries across
    all parts (it held 20,000 per part, and the parts grow with the graph: 2.4M entries at 1M
    nodes), and a part's streams are sorted in place, each set dropped as its list is made, so a
    part is held once (it was held as sets and lists together, while the caller still held the
    part before). The caller takes each stream out of the part as it cuts it (block_chunks)."""
    if parts == 1:
        yield expected(names)
        return
    with tempfile.TemporaryDirectory(prefix="innograph-blocks-") as tmp:
        paths = [Path(tmp) / str(p) for p in range(parts)]
        files = [path.open("wb") for path in paths]
        try:
            batches: list[list] = [[] for _ in range(parts)]
            held = 0
            for id_, type_, key in names:
                length = len(key)
                for g in grams(key):
                    s = stream(g, type_)
                    batches[hash(s) % parts].append((s, length, id_))
                    held += 1
                if held >= SPILL:
                    _spill(batches, files)
                    held = 0
            _spill(batches, files)
        finally:
            for f in files:
                f.close()
        for path in paths:
            out: dict[str, set] = defaultdict(set)
            with path.open("rb") as f:
                while True:
                    try:
                        batch = marshal.load(f)
                    except EOFError:
                        break
                    for s, length, id_ in batch:
                        out[s].add((length, id_))
            path.unlink()
            for s in out:
                out[s] = sorted(out[s])
            yield out
            del out


def _spill(batches: list[list], files: list) -> None:
    """Every part's held entries to its file."""
    for batch, f in zip(batches, files):
        if batch:
            marshal.dump(batch, f)
            batch.clear()


def block_chunks(names: Iterable[tuple[str, str, str]]) -> Iterator[tuple[str, dict, int]]:
    """(statement, parameters, blocks) that create every block of `names`, then the ready mark (when
    there is a name): for replace, reindex and bulk_load (graph/neo4j/bulk.py). `names` is passed over
    once (a sized iterable: the streamed load makes them again from its records)."""
    for streams in by_part(names, parts_for(len(names))):
        rows: list[dict] = []
        for s in sorted(streams):
            rows += _cut(s, streams.pop(s), sentinel(s))  # the part shrinks as its blocks are made
            if len(rows) >= ROWS:
                yield CREATE, {"rows": rows}, len(rows)
                rows = []
        if rows:
            yield CREATE, {"rows": rows}, len(rows)
    if len(names):
        yield MARK_READY, {}, 0


def build(tx, names: list[tuple[str, str, str]]) -> None:
    """Every block anew (replace, reindex)."""
    tx.run(DROP_ALL).consume()
    for statement, params, _ in block_chunks(names):
        tx.run(statement, params).consume()


def in_replace(tx, names: list[tuple[str, str, str]]) -> bool:
    """The blocks of a `replace`: up to INLINE names built in its transaction; more (a 100k graph ran
    out of the transaction's memory on a 3 GB heap) marked pending in it, the old blocks left to the
    finisher to drop in parts, and built after the commit (search_finish.finish): True. Readers take
    the text index from the commit until the build is complete, so no page is ever read from old blocks."""
    from graph.neo4j import search_blocks
    if len(names) <= search_blocks.INLINE:
        build(tx, names)
        return False
    from graph.neo4j.search_finish import start
    start(tx)
    return True


def names_of(nodes: Iterable) -> list[tuple[str, str, str]]:
    return [(n.id, n.type, k) for n in nodes for k in node_keys(n)]


def stored_names(tx) -> list[tuple[str, str, str]]:
    return [(r["id"], r["type"], k) for r in tx.run(ALL_NAMES) for k in (r["keys"] or [])]


def columns_names(c) -> list[tuple[str, str, str]]:
    """(id, type, key) of a memory-store Columns (bulk_load's merged batch)."""
    ids, ntype, types = c.ids, c.ntype, c.node_types
    out = []
    for key, found in c.names.nodes.items():
        for i in ([found] if type(found) is int else found):
            out.append((ids[i], types[ntype[i]], key))
    return out


def differing_streams(tx, names: list[tuple[str, str, str]]) -> int:
    """How many streams hold other entries than the graph's names give (0: consistent), or -1 when the
    blocks were never built for this database. Compared by a count and a sum of entry hashes per
    stream, so neither side is held whole in memory (8 million entries at 100k nodes)."""
    if not ready(tx):
        return -1 if names else 0
    want: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    node: set = set()
    for n, (id_, type_, key) in enumerate(names):  # a node's names are consecutive (stored_names)
        node |= {(stream(g, type_), len(key), id_) for g in grams(key)}
        if n + 1 == len(names) or names[n + 1][0] != id_:
            for s, length, i in node:
                _add(want[s], length, i)
            node = set()
    have: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for r in tx.run(ALL_BLOCKS):
        if r["k"] != READY_KEY:
            acc = have[r["k"][: r["k"].index(".", r["k"].index(".") + 1) + 1]]
            for length, i in zip(r["l"], r["i"]):
                _add(acc, length, i)
    have = {s: v for s, v in have.items() if v[0]}
    return sum(1 for s in set(want) | set(have) if want.get(s) != have.get(s))


def _add(acc: list[int], length: int, id_: str) -> None:
    acc[0] += 1
    acc[1] = (acc[1] + hash((length, id_))) & 0xFFFFFFFFFFFFFFFF


def reindex(tx, check: bool) -> tuple[list[str], bool]:
    """What `reindex` reports for the search blocks ([] when consistent), and whether they must be
    built after the commit: unless `check`, differing blocks are marked pending here and built in
    parts once the caller commits (graph/neo4j/search_finish.py), like a large first write's."""
    from graph.neo4j.search_blocks import state
    from graph.neo4j.search_finish import start
    if state(tx)[1]:
        found = ["(search index: incomplete)"]  # a build after a write has not finished
    else:
        names = stored_names(tx)
        differ = differing_streams(tx, names)
        found = (["(search index: never built)"] if differ < 0 else
                 [f"(search index: {differ} name streams)"] if differ else [])
    if found and not check:
        start(tx)
        return found, True
    return found, False
