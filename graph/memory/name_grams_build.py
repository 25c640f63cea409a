"""Building the search page index of graph/memory/name_grams.py (numpy; the page reader does not import it).

Every name gets a rank position: names sorted by length, then by the smallest id of their
nodes (the order a search page lists them in). A posting lists, for one gram, the rank
positions of the names that hold it, ascending. The grams of a name are its characters, its
character pairs, "\\n" + its first character and its first two characters (start grams, for
prefix pages). The text is read in chunks of names in rank order, twice (one pass counts each
gram's names, the other writes them), so what the build holds besides the result is one chunk.
"""

from __future__ import annotations

from array import array

import numpy as np

CHUNK = 1 << 17           #: names per chunk (their local position takes LOCAL bits)
LOCAL = 18
START = 1 << 42           #: code of a start pair: START | first << 21 | second (pairs: a << 21 | b; chars: c)


def rank_order(c, n: int):
    """Slots [0, n) of the name index in rank order (length, then smallest node id), with their lengths."""
    from graph.memory.walk import id_rank

    names, rank = c.names, id_rank(c)
    slots, nodes = names.slots, names.nodes
    have = [nodes[slots[s]] for s in range(n)]
    one = np.fromiter((v if type(v) is int else -1 for v in have), dtype=np.int64, count=n)
    firsts = rank[np.maximum(one, 0)] if n else one
    for s in np.flatnonzero(one < 0).tolist():  # a name of several nodes: its smallest id
        firsts[s] = min(rank[i] for i in have[s])
    lens = np.fromiter((len(slots[s]) for s in range(n)), dtype=np.int64, count=n)
    order = np.lexsort((firsts, lens))
    return order, lens[order]


def _grams(words: list[str]) -> np.ndarray:
    """(code << LOCAL | local name position) of every gram of `words`, unique, ascending."""
    cp = np.frombuffer(("\n" + "\n".join(words)).encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    nl = cp == 10
    name_of = np.cumsum(nl) - 1
    one = ~nl
    pair = ~nl[1:]  # a pair ends inside a name; one starting at "\n" is a start char
    ends = np.flatnonzero(nl[:-2] & ~nl[1:-1] & ~nl[2:])
    codes = np.concatenate([cp[one], (cp[:-1][pair] << 21) | cp[1:][pair],
                            START | (cp[ends + 1] << 21) | cp[ends + 2]])
    local = np.concatenate([name_of[one], name_of[1:][pair], name_of[ends]])
    return np.unique((codes << LOCAL) | local)


def build(c) -> dict:
    """The index of the names now in `c` as arrays: order, lengths, length_at, codes, starts, post, n."""
    slots = c.names.slots
    n = len(slots)
    order, lens = rank_order(c, n)
    cuts = np.flatnonzero(np.diff(lens)) + 1 if n else np.zeros(0, dtype=np.int64)
    lengths = lens[np.r_[0, cuts]] if n else lens
    length_at = np.r_[0, cuts, n] if n else np.zeros(1, dtype=np.int64)
    chunks = [(lo, [slots[s] for s in order[lo: lo + CHUNK].tolist()]) for lo in range(0, n, CHUNK)]
    seen, counts = [], []
    for _, words in chunks:
        got, many = np.unique(_grams(words) >> LOCAL, return_counts=True)
        seen.append(got)
        counts.append(many)
    codes = np.unique(np.concatenate(seen)) if seen else np.zeros(0, dtype=np.int64)
    total = np.zeros(len(codes), dtype=np.int64)
    for got, many in zip(seen, counts):
        total[np.searchsorted(codes, got)] += many
    starts = np.r_[0, np.cumsum(total)].astype(np.int64)
    post = np.empty(int(starts[-1]), dtype=np.int32)
    cursor = starts[:-1].copy()
    del seen, counts
    for lo, words in chunks:
        both = _grams(words)
        gid = np.searchsorted(codes, both >> LOCAL)
        first = np.searchsorted(gid, gid, side="left")
        post[cursor[gid] + np.arange(len(gid)) - first] = (both & ((1 << LOCAL) - 1)) + lo
        cursor += np.bincount(gid, minlength=len(codes))
    return {"order": _arr("i", order), "lengths": _arr("i", lengths), "length_at": _arr("q", length_at),
            "codes": _arr("q", codes), "starts": _arr("q", starts), "post": _arr("i", post), "n": n}


def _arr(code: str, values: np.ndarray) -> array:
    out = array(code)
    out.frombytes(np.ascontiguousarray(values, dtype=np.dtype(code)).tobytes())
    return out
