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
hit, not the number of hits. The order is built on the first broad search after a write
(once per state of the graph; kept on the columns, dropped by the next write) and the
block index still answers keys with few candidates, which it does in O(candidates).
"""

from __future__ import annotations

import bisect
from collections import defaultdict

import numpy as np

from graph.memory.walk import id_rank

BROAD = 2048  #: names the block index may have to read before the ordered texts are cheaper


class NameOrder:
    """Per name length: the names (in order of their smallest node's id rank), that rank, and
    the names joined as "\\n" + name + "\\n" + name ... (all of one length: word j is at
    j * (length + 1) + 1, so a hit's word is one division away)."""

    def __init__(self, c) -> None:
        names, rank = c.names, id_rank(c)
        by_len: dict[int, list[tuple[int, str]]] = defaultdict(list)
        for name, nodes in names.nodes.items():
            first = int(rank[nodes]) if type(nodes) is int else int(rank[nodes].min())
            by_len[len(name)].append((first, name))
        self.lengths = sorted(by_len)
        self.groups, self.starts = {}, {}
        for length in self.lengths:
            group = sorted(by_len[length])
            words = [name for _, name in group]
            firsts = np.fromiter((r for r, _ in group), dtype=np.int64, count=len(group))
            self.groups[length] = (words, firsts, "\n" + "\n".join(words))  # word j at j * (length + 1) + 1
            self.starts[length] = {w[:2] for w in words} | {w[:1] for w in words}  # a prefix pass skips the rest


def order(c) -> NameOrder:
    """The columns' name order, built once per state of the graph."""
    kept = c.name_order
    if kept is None:
        kept = c.name_order = NameOrder(c)
    return kept


def is_broad(c, key: str) -> bool:
    """Whether the block index would read more than BROAD names for `key` (its rarest gram's blocks)."""
    grams = c.names.grams
    pieces = {key} if len(key) == 1 else {key[i:i + 2] for i in range(len(key) - 1)}
    postings = [grams.get(g) for g in pieces]
    if any(p is None for p in postings):
        return False
    return min(len(p) for p in postings) << c.names.bits > BROAD


def ranked(c, key: str, wanted: set[int] | None, need: int) -> list[int]:
    """The first `need` node ints in search order (exact, prefix, shorter name, id) among nodes of
    the type codes `wanted` (all when None)."""
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
