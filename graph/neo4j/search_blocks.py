"""Name postings in the database, in page order: what makes a Neo4j search page cost the page.

Why: the text index on `keys_text` returns every node holding the key and the server ranks them
all, so a broad key (科技) cost its 10,150 hits at 100k for a page of 20. Here each stream
(gram, node type) lists its entries (length of a name holding the gram, node id) in the page's
order, cut into `SearchBlock` nodes of at most MAX entries: {k, l: [lengths], i: [ids]}. `k` is the
key of the block's last entry (the stream's last block has the stream's sentinel key instead), so
the block holding an entry is the first with k >= the entry's key: one range-index seek.

Grams of a name: each character, each pair of characters, "\\n" + its first character and "\\n" +
its first two ("\\n" never occurs in a normalised name). Keys are hex of code points (6 digits
each), so Cypher's and Python's string orders agree on them whatever the ids hold.

Kept inside every write (`after_write`: the entries of the names a write adds or drops, one seek
per entry, each touched block rewritten: cost follows the written names, not the graph), built in
one pass by `replace`, `bulk_load` and `reindex` (`build`), and compared by `reindex --check`.
A block keyed READY_KEY says the blocks are complete; without it (a database written before them, or
blocks being built after a large first write: PENDING_KEY, graph/neo4j/search_finish.py) search.py
answers with the text index, as before.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache

from graph.text import normalize

MAX = 256    #: entries a block may hold before a write splits it
FILL = 128   #: entries per block of a build (room for writes) and per half of a split
ROWS = 400   #: blocks per UNWIND statement

#: Unique: two writers making the same new stream at once fail rather than keep two blocks of one key.
SCHEMA = ("CREATE CONSTRAINT innograph_search_block_k IF NOT EXISTS FOR (b:SearchBlock) REQUIRE b.k IS UNIQUE",)
#: The first $n blocks of each ask {s, lo, hi} with lo <= k <= hi, in k order (a range seek each).
SEEK = ("UNWIND $asks AS a CALL (a) { MATCH (b:SearchBlock) WHERE b.k >= a.lo AND b.k <= a.hi "
        "RETURN b ORDER BY b.k LIMIT $n } RETURN a.s AS s, b.k AS k, b.l AS l, b.i AS i, elementId(b) AS eid")
#: SEEK for a write: each block found is locked (SET) before it is read, so two writers adding to one
#: block at once take turns and the second reads what the first committed (no lost entries).
SEEK_LOCKED = ("UNWIND $asks AS a CALL (a) { MATCH (b:SearchBlock) WHERE b.k >= a.lo AND b.k <= a.hi "
               "RETURN b ORDER BY b.k LIMIT 1 } WITH DISTINCT a.s AS s, b SET b.w = true "
               "RETURN s, b.k AS k, b.l AS l, b.i AS i, elementId(b) AS eid")
CREATE = "UNWIND $rows AS row CREATE (:SearchBlock {k: row.k, l: row.l, i: row.i})"
UPDATE = "UNWIND $rows AS row MATCH (b:SearchBlock) WHERE elementId(b) = row.eid SET b.l = row.l, b.i = row.i"
STORED = "UNWIND $ks AS k MATCH (b:SearchBlock {k: k}) RETURN b.k AS k"
DELETE = "MATCH (b:SearchBlock) WHERE elementId(b) IN $eids DELETE b"
DROP_ALL = "MATCH (b:SearchBlock) DELETE b"
#: The blocks are complete: a block of its own, so that a page's first seek also says so.
READY_KEY = "!ready"  # below every stream key (hex digits)
READY = "MATCH (b:SearchBlock {k: $k}) RETURN count(b) > 0 AS ready"
#: Being built after a commit (graph/neo4j/search_finish.py); below READY_KEY too.
PENDING_KEY = "!pending"
STATE = ("OPTIONAL MATCH (r:SearchBlock {k: $ready}) OPTIONAL MATCH (p:SearchBlock {k: $pending}) "
         "RETURN r IS NOT NULL AS ready, p IS NOT NULL AS pending")
INLINE = 20_000  #: names a first write builds in its own transaction; more are built after it commits
MARK_READY = "MERGE (b:SearchBlock {k: '!ready'}) ON CREATE SET b.l = [], b.i = []"
COUNT_NODES = "MATCH (n:Node) RETURN count(n) AS n"
ALL_BLOCKS = "MATCH (b:SearchBlock) RETURN b.k AS k, b.l AS l, b.i AS i"
ALL_NAMES = "MATCH (n:Node) RETURN n.id AS id, n.type AS type, n.keys AS keys"


# ---- keys ------------------------------------------------------------------------------------

def hx(text: str) -> str:
    return "".join(f"{ord(ch):06x}" for ch in text)


@lru_cache(maxsize=1 << 17)  # a build asks ~100 times per stream
def stream(gram: str, type_: str) -> str:
    return f"{hx(gram)}.{type_}."


def sentinel(prefix: str) -> str:
    return prefix + "~"  # above every entry key of the stream ("~" sorts after hex digits)


def entry_key(prefix: str, length: int, id_: str) -> str:
    return f"{prefix}{length:06x}{hx(id_)}"


def grams(name: str) -> set[str]:
    out = set(name)
    out.update(a + b for a, b in zip(name, name[1:]))
    if name:
        out.add("\n" + name[0])
        out.add("\n" + name[:2])
    return out


def entries(type_: str, id_: str, keys: Iterable[str]) -> set[tuple[str, int, str]]:
    """(stream, length, id) of every gram of every name of one node."""
    return {(stream(g, type_), len(k), id_) for k in keys for g in grams(k)}


def node_keys(node) -> list[str]:
    return list(dict.fromkeys(normalize(n) for n in node.names))


# ---- keeping it in a write ---------------------------------------------------------------------

def ready(tx) -> bool:
    return tx.run(READY, k=READY_KEY).single()["ready"]


def state(tx) -> tuple[bool, bool]:
    row = tx.run(STATE, ready=READY_KEY, pending=PENDING_KEY).single()
    return row["ready"], row["pending"]


def after_write(tx, old: dict, new: dict) -> bool:
    """The entries of the names the write changed (`old`: stored records of updated nodes, `new`: the
    records written). Blocks never built stay so (nothing kept), unless the database held no node
    before this write: then they are built, here (up to INLINE names) or after the commit. True: the
    blocks are pending, and the caller runs search_finish.finish once its transaction commits."""
    is_ready, pending = state(tx)
    if pending:
        if new:
            from graph.neo4j.search_finish import BUMP
            tx.run(BUMP, k=PENDING_KEY).consume()  # a finish under way reads the names again
        return True
    if not is_ready:
        if new and tx.run(COUNT_NODES).single()["n"] == len(set(new) - set(old)):
            names = [(n.id, n.type, k) for n in new.values() for k in node_keys(n)]
            if len(names) > INLINE:  # too large for the write's transaction memory
                from graph.neo4j.search_finish import start
                start(tx)
                return True
            from graph.neo4j.search_build import build  # a first load: built a part at a time
            build(tx, names)
            tx.run(MARK_READY).consume()  # (a build marks only a graph with names)
        return False
    adds: dict[str, list] = defaultdict(list)
    drops: dict[str, list] = defaultdict(list)
    for id_, node in new.items():
        was = old.get(id_)
        now = entries(node.type, id_, node_keys(node))
        before = entries(was.type, id_, node_keys(was)) if was is not None else set()
        for s, length, i in now - before:
            adds[s].append((length, i))
        for s, length, i in before - now:
            drops[s].append((length, i))
    if adds or drops:
        _apply(tx, adds, drops)
    return False


def _apply(tx, adds: dict, drops: dict) -> None:
    """Each entry into (or out of) the block holding its place; full blocks split, new streams made."""
    streams = sorted(set(adds) | set(drops))
    stored = set()
    for lo in range(0, len(streams), 5000):
        stored.update(r["k"] for r in tx.run(STORED, ks=[sentinel(s) for s in streams[lo: lo + 5000]]))
    asks = [{"s": s, "lo": entry_key(s, length, i), "hi": sentinel(s)}
            for part in (adds, drops) for s, items in part.items() if sentinel(s) in stored for length, i in items]
    blocks: dict[str, dict] = {}
    for chunk in range(0, len(asks), 5000):
        for r in tx.run(SEEK_LOCKED, asks=asks[chunk: chunk + 5000]):
            blocks.setdefault(r["eid"], {"eid": r["eid"], "s": r["s"], "k": r["k"], "e": list(zip(r["l"], r["i"]))})
    by_stream: dict[str, list[dict]] = defaultdict(list)
    for b in blocks.values():
        by_stream[b["s"]].append(b)
    for found in by_stream.values():
        found.sort(key=lambda b: b["k"])
    creates, updates, deletes = [], [], []
    for s in streams:
        found = by_stream.get(s)
        if not found:  # a new stream (a drop always finds its block)
            creates += _cut(s, sorted(set(adds.get(s, ()))), sentinel(s))
            continue
        keys = [b["k"] for b in found]
        moved = {b["k"]: (set(), set()) for b in found}
        for part, where in ((adds.get(s, ()), 0), (drops.get(s, ()), 1)):
            for length, i in part:
                moved[keys[bisect_left(keys, entry_key(s, length, i))]][where].add((length, i))
        for b in found:
            plus, minus = moved[b["k"]]
            if not plus and not minus:
                continue
            merged = sorted((set(b["e"]) | plus) - minus)
            if not merged and not b["k"].endswith("~"):
                deletes.append(b["eid"])
                continue
            parts = _cut(s, merged, b["k"], MAX)
            updates.append({"eid": b["eid"], "l": parts[-1]["l"], "i": parts[-1]["i"]})
            creates += parts[:-1]
    for statement, rows, name in ((UPDATE, updates, "rows"), (CREATE, creates, "rows")):
        for lo in range(0, len(rows), ROWS):
            tx.run(statement, {name: rows[lo: lo + ROWS]}).consume()
    if deletes:
        tx.run(DELETE, eids=deletes).consume()


def _cut(s: str, items: list, last_key: str, most: int = FILL) -> list[dict]:
    """Rows of blocks for sorted `items` of stream s: FILL a block (or one block up to `most`); the
    last block keeps `last_key`, the others the key of their last entry."""
    if len(items) <= most:
        parts = [items]
    else:
        parts = [items[lo: lo + FILL] for lo in range(0, len(items), FILL)]
    out = []
    for n, part in enumerate(parts):
        k = last_key if n == len(parts) - 1 else entry_key(s, *part[-1])
        out.append({"k": k, "l": [e[0] for e in part], "i": [e[1] for e in part]})
    return out
