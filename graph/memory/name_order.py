"""Search pages in rank order that stop at the page: names by length, then id, one text per length.

`store.search` ranks a node by its best name containing the key (exact, then prefix, then
the shorter name; ties by id). The block index (names.py) finds every name containing the
key, so a broad key (科技: one synthetic firm in ten) ranked 100,000 hits to show 20: the
cost grew 204x from 10k to 1M nodes (docs/benchmarks.md).

Here the names are kept in rank order instead: grouped by length, each group in the order
of its first node's id and joined by newlines into one string. A page reads the groups
shortest first and finds the key in each group's string with str.find (C speed, no Python
per name), so it stops as soon as the page is full: prefixes first (a find of "\\n" + key),
then the other names containing the key. What it costs is the text before the page's last
hit, not the number of hits. The order is built in the background after the first broad
search of a state of the graph (kept on the columns, dropped by the next write; that search
and any before the build ends are answered by the block index, as before), and the block
index still answers keys with few candidates, which it does in O(candidates).
"""

from __future__ import annotations

import bisect
import threading

import numpy as np

from graph.memory.walk import id_rank

BROAD = 2048  #: names the block index may have to read before the ordered texts are cheaper


class NameOrder:
    """Per name length: the names (in order of their smallest node's id rank), that rank, and
    the names joined as "\\n" + name + "\\n" + name ... (all of one length: word j is at
    j * (length + 1) + 1, so a hit's word is one division away)."""

    def __init__(self, c) -> None:
        names, rank = c.names, id_rank(c)
        words = list(names.nodes)
        nodes = list(names.nodes.values())
        first = np.fromiter((v if type(v) is int else -1 for v in nodes), dtype=np.int64, count=len(nodes))
        firsts = rank[np.maximum(first, 0)] if len(first) else first
        for j in np.flatnonzero(first < 0).tolist():  # a name of several nodes: its first by id
            firsts[j] = rank[nodes[j]].min()
        lens = np.fromiter(map(len, words), dtype=np.int64, count=len(words))
        order = np.lexsort((firsts, lens))
        lens, firsts = lens[order], firsts[order]
        cuts = np.flatnonzero(np.diff(lens)) + 1
        self.lengths = lens[np.r_[0, cuts]].tolist() if len(lens) else []
        self.groups, self.starts = {}, {}
        for length, lo, hi in zip(self.lengths, [0, *cuts.tolist()], [*cuts.tolist(), len(lens)]):
            group = [words[i] for i in order[lo:hi].tolist()]
            self.groups[length] = (group, firsts[lo:hi], "\n" + "\n".join(group))  # word j at j * (length + 1) + 1
            self.starts[length] = {w[:2] for w in group} | {w[:1] for w in group}  # a prefix pass skips the rest


#: Build the order in a thread of its own on the first broad search of a state of the graph, which
#: is answered from the block index meanwhile: no caller waits for the build (at a million nodes,
#: seconds), a one-shot CLI call costs what it did, and a server's later searches stop at the page.
IN_BACKGROUND = True
_building: set[int] = set()
_lock = threading.Lock()


def order(c) -> NameOrder | None:
    """The columns' name order; None while it is being built in the background."""
    kept = c.name_order
    if kept is not None:
        return kept
    if not IN_BACKGROUND:
        kept = c.name_order = NameOrder(c)
        return kept
    with _lock:
        if id(c) in _building:
            return None
        _building.add(id(c))

    def build() -> None:
        try:
            c.name_order = NameOrder(c)
        finally:
            with _lock:
                _building.discard(id(c))

    threading.Thread(target=build, name="innograph-name-order", daemon=True).start()
    return None


def is_broad(c, key: str) -> bool:
    """Whether the block index would read more than BROAD names for `key` (its rarest gram's blocks)."""
    grams = c.names.grams
    pieces = {key} if len(key) == 1 else {key[i:i + 2] for i in range(len(key) - 1)}
    postings = [grams.get(g) for g in pieces]
    if any(p is None for p in postings):
        return False
    return min(len(p) for p in postings) << c.names.bits > BROAD


def ranked(c, key: str, wanted: set[int] | None, need: int) -> list[int] | None:
    """The first `need` node ints in search order (exact, prefix, shorter name, id) among nodes of
    the type codes `wanted` (all when None); None while the order is not built yet."""
    taken: dict[int, None] = {}
    ntype, rank = c.ntype, id_rank(c)

    def fits(i: int) -> bool:
        return i not in taken and (wanted is None or ntype[i] in wanted)

    for i in sorted(c.names.ids(key), key=c.ids.__getitem__):
        if fits(i):
            taken[i] = None
    if len(taken) >= need:
        return list(taken)[:need]
    names = order(c)
    if names is None:
        return None
    for prefix in (True, False):
        needle = "\n" + key if prefix else key
        for length in names.lengths[bisect.bisect_left(names.lengths, len(key) + 1):]:
            if prefix and key[:2] not in names.starts[length]:
                continue
            words, firsts, text = names.groups[length]
            step = length + 1
            found: dict[int, int] = {}  # node -> id rank, of this length
            at = text.find(needle)
            while at >= 0:
                j = at // step
                if len(taken) + len(found) >= need and firsts[j] > sorted(found.values())[need - len(taken) - 1]:
                    break  # every later word's nodes rank after the page's last one
                word = words[j]
                if prefix or not word.startswith(key):
                    for i in c.names.ids(word):
                        if fits(i):
                            found[i] = int(rank[i])
                at = text.find(needle, (j + 1) * step)
            for i in sorted(found, key=found.__getitem__):
                taken[i] = None
            if len(taken) >= need:
                return list(taken)[:need]
    return list(taken)
