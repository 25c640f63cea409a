"""A Neo4j search page read from name postings in page order: its cost follows the page, not the hits.

The answer order is the memory store's: a node ranks by its best name holding the key (the key
itself, then names starting with it, then the others; shorter first), ties by id. Before, the text
index found every node holding the key and the server ranked them all (科技: 10,150 hits at 100k for
a page of 20). Now graph/neo4j/search_blocks.py keeps, per (gram, node type), the entries (name
length, node id) in that order in `SearchBlock` nodes; a page reads, by range seeks, the blocks of
the key's grams from the start, meets them (leapfrog, per type; types merged by (length, id)),
takes the names starting with the key first, then the others, and stops when the page is full. A
key of one or two characters is one gram, so each entry read is a hit; a longer key meets its
pairs, and the candidates (nodes holding every pair in a name of that length) are checked against
their names, read by id. So a page reads about the entries before its end, for any key.

A key of three or more characters held by few nodes (FEW) is answered by the text index instead: its
pairs may each sit in many names while few hold the key (0066 in synthetic names full of digits),
and the leapfrog's jumps then cost a round trip each, where the text index reads the few hits. The
holders are counted (FEW_HITS, up to FEW text-index hits) only when the first blocks read (one
statement for every stream) do not make the page: a page they make costs no more seeks, whatever
the holders. Before, every such key paid the count first (~1,000 db hits, most of a page's cost).

A database whose blocks were never built (no ready block: written before them, until `innograph
reindex`) is answered by the text index as before (`text_page_ids`): right, at the old cost.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left
from collections.abc import Iterator, Sequence

from graph.neo4j import cypher
from graph.neo4j import search_blocks as sb
from graph.schema import NODE_TYPES

#: How many nodes hold the key, counted up to $cap by the text index (it stops there).
FEW_HITS = "MATCH (n:Node) WHERE n.keys_text CONTAINS $key WITH n LIMIT $cap RETURN count(n) AS n"
FEW = 1000  #: a key of 3+ characters held by fewer nodes is answered by the text index (cost < FEW)
KEYS_BY_ID = "UNWIND $ids AS id MATCH (n:Node {id: id}) RETURN n.id AS id, n.keys AS keys"
MOST_BLOCKS = 16  #: blocks one seek of one stream may read (the page's end decides below that)


def page_ids(tx, key: str, types: Sequence[str], offset: int, limit: int) -> list[str]:
    """The ids of the page [offset, offset + limit) in search order (exact, prefix, shorter name, id)."""
    if limit <= 0 or not key:
        return text_page_ids(tx, key, types, offset, limit) if limit > 0 else []
    try:
        return _block_page(tx, key, types, offset, limit)
    except _Rare:  # its hits cost less than the leapfrog's seeks
        return text_page_ids(tx, key, types, offset, limit)


class _Rare(Exception):
    """Raised by a cursor about to seek past the first blocks, for a key held by fewer than FEW nodes."""


def _few_holders(key: str):
    """What a cursor asks before its first seek past the prefetch: once per page, for a key of 3+
    characters, are its holders fewer than FEW (then _Rare)."""
    asked: list[bool] = [len(key) <= 2 or FEW <= 0]

    def check(tx) -> None:
        if not asked[0]:
            asked[0] = True
            if tx.run(FEW_HITS, key=key, cap=FEW).single()["n"] < FEW:
                raise _Rare(key)
    return check


def _block_page(tx, key: str, types: Sequence[str], offset: int, limit: int) -> list[str]:
    wanted = sorted({t for t in types if t in NODE_TYPES}) if types else sorted(NODE_TYPES)
    need = offset + limit
    cursors = {prefix: {t: [Cursor(sb.stream(g, t)) for g in _grams(key, prefix)] for t in wanted}
               for prefix in (True, False)}
    every = [c for by_type in cursors.values() for cs in by_type.values() for c in cs]
    if not _prefetch(tx, every, 1 + need // sb.FILL):
        return text_page_ids(tx, key, types, offset, limit)
    gate = _few_holders(key)
    for c in every:
        c.gate = gate
    taken: dict[str, None] = {}
    for prefix in (True, False):
        found = heapq.merge(*(_meet(tx, cs) for cs in cursors[prefix].values()))
        _take(tx, key, prefix, found, taken, need)
        if len(taken) >= need:
            break
    return list(taken)[offset:need]


def _grams(key: str, prefix: bool) -> list[str]:
    if len(key) <= 2:
        return ["\n" + key] if prefix else [key]
    pairs = {a + b for a, b in zip(key[1:] if prefix else key, key[2:] if prefix else key[1:])}
    return sorted(pairs | {"\n" + key[:2]}) if prefix else sorted(pairs)


def _take(tx, key: str, prefix: bool, found: Iterator[tuple[int, str]], taken: dict, need: int) -> None:
    """Candidates in page order into `taken` until it holds `need`; a key of more than two characters
    is checked against each candidate's names (a batch of them per statement)."""
    checked = len(key) <= 2
    while len(taken) < need:
        batch = []
        for length, id_ in found:
            if id_ not in taken:
                batch.append((length, id_))
                if len(batch) >= need - len(taken) + 8:
                    break
        if not batch:
            return
        if checked:
            holds = {c: True for c in batch}
        else:
            names = {r["id"]: r["keys"] or [] for r in tx.run(KEYS_BY_ID, ids=list({i for _, i in batch}))}
            holds = {(length, i): any(len(k) == length and (k.startswith(key) if prefix else key in k)
                                      for k in names.get(i, ())) for length, i in batch}
        for c in batch:
            if holds[c] and c[1] not in taken:
                taken[c[1]] = None
                if len(taken) >= need:
                    return


class Cursor:
    """One stream read forward: the entries of the blocks read last, and how far they cover."""

    def __init__(self, s: str) -> None:
        self.s, self.items, self.pos, self.covered, self.done, self.n = s, [], 0, None, False, 1
        self.gate = lambda tx: None  # asked before every read past the prefetch (_few_holders)

    def load(self, rows: list) -> None:
        self.items = [e for r in rows for e in zip(r["l"], r["i"])]
        self.pos = 0
        if rows:
            self.covered = rows[-1]["k"]
        self.done = not rows or self.covered.endswith("~")

    def seek(self, tx, target: tuple[int, str]) -> tuple[int, str] | None:
        """The first entry >= target, reading further blocks when the ones held end before it."""
        while True:
            self.pos = bisect_left(self.items, target, self.pos)
            if self.pos < len(self.items):
                return self.items[self.pos]
            if self.done:
                return None
            self.gate(tx)
            lo = sb.entry_key(self.s, *target)
            if self.covered is not None:
                lo = max(lo, self.covered + "\x00")
            self.n = min(self.n * 2, MOST_BLOCKS)
            self.load(tx.run(sb.SEEK, asks=[{"s": self.s, "lo": lo, "hi": sb.sentinel(self.s)}], n=self.n).data())


def _prefetch(tx, cursors: list[Cursor], n: int) -> bool:
    """The first blocks of every stream in one statement, which also asks whether the blocks were
    built (False: they were not, nothing is loaded)."""
    rows: dict[str, list] = {c.s: [] for c in cursors}
    asks = [{"s": s, "lo": s, "hi": sb.sentinel(s)} for s in rows]
    asks.append({"s": sb.READY_KEY, "lo": sb.READY_KEY, "hi": sb.READY_KEY})
    ready = False
    for r in tx.run(sb.SEEK, asks=asks, n=min(n, MOST_BLOCKS)):
        if r["s"] == sb.READY_KEY:
            ready = True
        else:
            rows[r["s"]].append(r)
    for c in cursors:
        c.n = min(n, MOST_BLOCKS)
        c.load(rows[c.s])
    return ready


def _meet(tx, cursors: list[Cursor]) -> Iterator[tuple[int, str]]:
    """Leapfrog: the entries in every cursor's stream, ascending."""
    m, k, agreed, target = len(cursors), 0, 0, (0, "")
    while True:
        v = cursors[k].seek(tx, target)
        if v is None:
            return
        if v == target:
            agreed += 1
        else:
            target, agreed = v, 1
        if agreed == m:
            yield v
            target, agreed = (v[0], v[1] + "\x00"), 0
        k = (k + 1) % m


def text_page_ids(tx, key: str, types: Sequence[str], offset: int, limit: int) -> list[str]:
    """The page by the text index (names starting with the key first, then the rest): every hit read.
    For a database without blocks, and the benchmark's "before"."""
    needle, types = "\n" + key, list(types)
    first = [r["id"] for r in tx.run(cypher.SEARCH_PREFIX, key=key, needle=needle, types=types,
                                      limit=offset + limit)]
    page = first[offset:]
    if len(first) >= offset + limit:
        return page
    rest = tx.run(cypher.SEARCH_REST, key=key, needle=needle, types=types,
                  offset=max(offset - len(first), 0), limit=limit - len(page))
    return page + [r["id"] for r in rest]
