"""Building the search page index of graph/memory/name_grams.py (numpy; the page reader does not import it).

Every name gets a rank position: names sorted by length, then by the smallest id of their
nodes (the order a search page lists them in). A posting lists, for one gram, the rank
positions of the names that hold it, ascending. The grams of a name are its characters, its
character pairs, "\\n" + its first character and its first two characters (start grams, for
prefix pages), and TYPE | t for the names of a node of type t (typed pages). The text is read in
chunks of names in rank order, each chunk's (gram, name) pairs sorted once; the postings are then
laid out by counts (no sort of the whole). Duplicates within a name are dropped by that sort.
"""

from __future__ import annotations

import numpy as np

CHUNK = 1 << 17           #: names per chunk (their local position takes LOCAL bits)
LOCAL = 18
START = 1 << 42           #: code of a start pair: START | first << 21 | second (pairs: a << 21 | b; chars: c)
TYPE = 1 << 43            #: code of "a name of a node of type t": TYPE | t (typed pages meet it too)


def rank_order(c, n: int):
    """Slots [0, n) of the name index in rank order (length, then smallest node id), their lengths, and
    the (rank position, type code) of each of their nodes' types."""
    from graph.memory.walk import id_rank

    names, rank = c.names, id_rank(c)
    slots, nodes = names.slots, names.nodes
    have = [nodes[slots[s]] for s in range(n)]
    one = np.fromiter((v if type(v) is int else -1 for v in have), dtype=np.int64, count=n)
    firsts = rank[np.maximum(one, 0)] if n else one
    several = np.flatnonzero(one < 0).tolist()
    for s in several:  # a name of several nodes: its smallest id
        firsts[s] = min(rank[i] for i in have[s])
    lens = np.fromiter((len(slots[s]) for s in range(n)), dtype=np.int64, count=n)
    order = np.lexsort((firsts, lens))
    ntype = np.frombuffer(bytes(c.ntype), dtype=np.uint8).astype(np.int64)
    kinds = ntype[np.maximum(one, 0)][order] if n else one
    position = np.empty(n, dtype=np.int64)
    position[order] = np.arange(n, dtype=np.int64)
    extra = sorted((int(position[s]), t) for s in several for t in {int(ntype[i]) for i in have[s]})
    kinds[position[several]] = -1 if several else 0
    return order, lens[order], kinds, extra


def _grams(words: list[str], kinds: np.ndarray, extra: list) -> np.ndarray:
    """(code << LOCAL | local name position) of every gram of `words` and of their nodes' types (`kinds`
    per name, -1 for names of several nodes, whose (local position, type) pairs are `extra`), unique,
    ascending."""
    cp = np.frombuffer(("\n" + "\n".join(words)).encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    nl = cp == 10
    name_of = np.cumsum(nl) - 1
    one = ~nl
    pair = ~nl[1:]  # a pair ends inside a name; one starting at "\n" is a start char
    ends = np.flatnonzero(nl[:-2] & ~nl[1:-1] & ~nl[2:])
    typed = np.flatnonzero(kinds >= 0)
    more = np.array(extra, dtype=np.int64).reshape(-1, 2)
    codes = np.concatenate([cp[one], (cp[:-1][pair] << 21) | cp[1:][pair],
                            START | (cp[ends + 1] << 21) | cp[ends + 2], TYPE | kinds[typed], TYPE | more[:, 1]])
    local = np.concatenate([name_of[one], name_of[1:][pair], name_of[ends], typed, more[:, 0]])
    return _unique((codes << LOCAL) | local)


def _unique(values: np.ndarray) -> np.ndarray:
    """Sorted distinct values (np.unique hashes int64 in numpy 2, ten times slower than a sort here)."""
    values = np.sort(values)
    return values[np.r_[True, values[1:] != values[:-1]]] if len(values) else values


def build(c) -> dict:
    """The index of the names now in `c` as arrays: order, lengths, length_at, codes, starts, post, n."""
    slots = c.names.slots
    n = len(slots)
    order, lens, kinds, extra = rank_order(c, n)
    cuts = np.flatnonzero(np.diff(lens)) + 1 if n else np.zeros(0, dtype=np.int64)
    lengths = lens[np.r_[0, cuts]] if n else lens
    length_at = np.r_[0, cuts, n] if n else np.zeros(1, dtype=np.int64)
    chunks = [(lo, [slots[s] for s in order[lo: lo + CHUNK].tolist()], kinds[lo: lo + CHUNK],
               [(p - lo, t) for p, t in extra if lo <= p < lo + CHUNK]) for lo in range(0, n, CHUNK)]
    seen = []  # per chunk: its distinct codes, their counts, and the names (rank positions) per code
    for lo, words, kind, more in chunks:
        both = _grams(words, kind, more)
        codes = both >> LOCAL
        cuts = np.flatnonzero(np.r_[True, codes[1:] != codes[:-1], True])
        seen.append((codes[cuts[:-1]], np.diff(cuts), ((both & ((1 << LOCAL) - 1)) + lo).astype(np.int32)))
        del both, codes
    codes = _unique(np.concatenate([got for got, _, _ in seen])) if seen else np.zeros(0, dtype=np.int64)
    total = np.zeros(len(codes), dtype=np.int64)
    for got, many, _ in seen:
        total[np.searchsorted(codes, got)] += many
    starts = np.r_[0, np.cumsum(total)].astype(np.int64)
    post = np.empty(int(starts[-1]), dtype=np.int32)
    cursor = starts[:-1].copy()
    for k, (got, many, where) in enumerate(seen):  # each chunk's names after the earlier chunks' of each code
        gid = np.searchsorted(codes, got)
        shift = np.repeat(cursor[gid] - (np.cumsum(many) - many), many)
        post[np.arange(len(where)) + shift] = where
        cursor[gid] += many
        seen[k] = None
    return {"order": _arr("i", order), "lengths": _arr("i", lengths), "length_at": _arr("q", length_at),
            "codes": _arr("q", codes), "starts": _arr("q", starts), "post": _arr("i", post), "n": n}


def _arr(code: str, values: np.ndarray) -> memoryview:
    """A view of the array (no copy: the postings are the biggest part) that a page indexes without numpy."""
    return memoryview(np.ascontiguousarray(values, dtype=np.dtype(code)))
