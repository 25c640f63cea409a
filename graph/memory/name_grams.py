"""Search pages whose cost follows the page: gram postings of names in the page's order.

`store.search` ranks a node by its best name holding the key (the name itself, then names
starting with it, then the others; shorter first; ties by id). The name order of session 4
(graph/memory/name_order.py, now gone) read names in that order but found the key with str.find over every name of each length, so
a page read the names that do not hold the key too (13.9 ms at 1M nodes against 0.11 at
10k). Here every name has a rank position (length, then its smallest node id) and each gram
(a character, a pair of characters, a name's first character or first two) lists the rank
positions of the names holding it, ascending (built by name_grams_build.py, numpy). A page
meets the postings of its key's grams (leapfrog, by bisect) one name length at a time and
stops when the page is full, so it reads the names that hold all of the key's grams up to the
page's last hit, never the others. Prefix pages meet the start-pair posting, so a key that
begins few names costs those few.

Writes do not rebuild it: names added since (slots past `n`) and names that gained a node
(their smallest id, hence their place, may have changed; NameIndex.grown) are the delta,
which a page filters by substring and merges in; past DELTA of them a rebuild starts in a
background thread and pages use the old index and its delta until it is done. The snapshot
(v4) keeps it in the `sg_*` sections, read item by item by a lazy open (graph/memory/lazy.py).
This module does not import numpy (the CLI's search page); the build does.
"""

from __future__ import annotations

import heapq
import threading
from bisect import bisect_left, bisect_right

import orjson

BROAD = 2048      #: names the block index may read before the index is cheaper
DELTA = 4096       #: names written since the build a page may filter before a rebuild starts
START = 1 << 42    #: as in name_grams_build: START | a << 21 | b is "a name starting with ab"
TYPE = 1 << 43     #: and TYPE | t "a name of a node of type t"
PARTS = {"order": "i", "lengths": "i", "length_at": "q", "codes": "q", "starts": "q", "post": "i"}


class NameGrams:
    """A built index (arrays or snapshot views, never changed) and the delta it was saved with."""

    def __init__(self, parts: dict, extra=(), mark: int = 0) -> None:
        for name in PARTS:
            setattr(self, name, parts[name])
        self.n = parts["n"]
        self.extra = frozenset(extra)  #: names that gained a node before the build was saved
        self.mark = mark               #: len(names.grown) when the build began

    def moved(self, names) -> set[str]:
        grown = names.__dict__.get("grown") or ()
        return set(self.extra).union(grown[self.mark:]) if len(grown) > self.mark else set(self.extra)

    def behind(self, names) -> int:
        """How many names the delta holds."""
        grown = names.__dict__.get("grown") or ()
        return len(names.slots) - self.n + len(self.extra) + max(len(grown) - self.mark, 0)

    def spans(self, key: str, prefix: bool, kind: int | None = None) -> list[tuple[int, int]] | None:
        """The postings (bounds in `post`) whose meeting holds every base name starting with / holding `key`
        (and naming a node of type code `kind`)."""
        if prefix:
            codes = {START | ord(key[0]) << 21 | ord(key[1])} if len(key) > 1 else {10 << 21 | ord(key)}
            codes.update(ord(a) << 21 | ord(b) for a, b in zip(key[1:], key[2:]))
        else:
            codes = {ord(key)} if len(key) == 1 else {ord(a) << 21 | ord(b) for a, b in zip(key, key[1:])}
        if kind is not None:
            codes.add(TYPE | kind)
        out = []
        for code in codes:
            k = bisect_left(self.codes, code)
            if k == len(self.codes) or self.codes[k] != code:
                return None
            out.append((self.starts[k], self.starts[k + 1]))
        return sorted(out, key=lambda s: s[1] - s[0])

    def of_length(self, length: int, spans) -> list[int] | tuple:
        """Rank positions of names of `length` in every posting of `spans`, lazily, ascending."""
        k = bisect_left(self.lengths, length)
        if spans is None or k == len(self.lengths) or self.lengths[k] != length:
            return ()
        return _meet(self.post, spans, self.length_at[k], self.length_at[k + 1])


def is_broad(c, key: str) -> bool:
    """Whether the block index (names.py) would read more than BROAD names for `key` (its rarest
    gram's blocks); below that it answers in O(candidates) without an index."""
    grams = c.names.grams
    pieces = {key} if len(key) == 1 else {key[i:i + 2] for i in range(len(key) - 1)}
    postings = [grams.get(g) for g in pieces]
    if any(p is None for p in postings):
        return False
    return min(len(p) for p in postings) << c.names.bits > BROAD


def _meet(post, spans, lo: int, hi: int):
    """Leapfrog intersection of sorted postings within values [lo, hi): each step one bisect."""
    cur = [s for s, _ in spans]
    ends = [e for _, e in spans]
    m, k, agreed, target = len(spans), 0, 0, lo
    while True:
        j = bisect_left(post, target, cur[k], ends[k])
        cur[k] = j
        if j == ends[k]:
            return
        v = post[j]
        if v >= hi:
            return
        if v == target:
            agreed += 1
        else:
            target, agreed = v, 1
        if agreed == m:
            yield v
            target, agreed = v + 1, 0
        k = (k + 1) % m


# ---- pages --------------------------------------------------------------------------------

def ranked(c, key: str, wanted: set[int] | None, need: int) -> list[int] | None:
    """The first `need` node ints in search order among nodes of type codes `wanted` (all when None);
    None while no index has been built for these columns yet."""
    g = current(c)
    if g is None:
        return None
    names, ids, ntype = c.names, c.ids, c.ntype
    taken: dict[int, None] = {}

    def fits(i: int) -> bool:
        return i not in taken and (wanted is None or ntype[i] in wanted)

    def first(word: str) -> str:
        return min(ids[i] for i in names.ids(word))

    for i in sorted(names.ids(key), key=ids.__getitem__):
        if fits(i):
            taken[i] = None
    if len(taken) >= need:
        return list(taken)[:need]
    moved, slots = g.moved(names), names.slots
    fresh = list(dict.fromkeys([*slots[g.n:], *moved]))
    for prefix in (True, False):
        def holds(w: str) -> bool:
            return (w != key and w.startswith(key)) if prefix else (key in w and not w.startswith(key))
        late: dict[int, list] = {}
        for w in fresh:
            if holds(w):
                late.setdefault(len(w), []).append((first(w), w))
        spans = g.spans(key, prefix, next(iter(wanted)) if wanted is not None and len(wanted) == 1 else None)
        lengths = set(late)
        if spans is not None:
            lengths.update(g.lengths[bisect_right(g.lengths, len(key)):])
        for length in sorted(lengths):
            base = (slots[g.order[p]] for p in g.of_length(length, spans))
            base = ((first(w), w) for w in base if w not in moved and holds(w))
            _take(heapq.merge(base, sorted(late.get(length, ()))), names, ids, fits, taken, need)
            if len(taken) >= need:
                return list(taken)[:need]
    return list(taken)


def _take(stream, names, ids, fits, taken: dict, need: int) -> None:
    """Take the nodes of one length's names (in order of their smallest id) in id order, up to the page."""
    found: dict[int, str] = {}
    bound = None
    for first, word in stream:
        room = need - len(taken)
        if len(found) >= room:
            if bound is None:
                bound = heapq.nsmallest(room, found.values())[-1]
            if first > bound:
                break  # every later name's nodes sort after the page's last one
        for i in names.ids(word):
            if fits(i) and i not in found:
                found[i], bound = ids[i], None
    for i in sorted(found, key=found.__getitem__):
        taken[i] = None


# ---- keeping it -------------------------------------------------------------------------------

#: Build in a thread of its own (a page meanwhile is answered by the block index, or the old
#: index and its delta): no caller waits for a build (seconds at a million nodes).
IN_BACKGROUND = True
_building: set[int] = set()
_lock = threading.Lock()


def current(c) -> NameGrams | None:
    """The columns' index (a rebuild started when its delta is past DELTA); None until one exists."""
    g = getattr(c, "name_grams", None)  # a lazily opened snapshot reads its sg_* sections here
    if g is not None and g.behind(c.names) <= DELTA:
        return g
    if not IN_BACKGROUND:
        c.name_grams = g = fresh(c)
        return g
    with _lock:
        if id(c) in _building or c.__dict__.get("name_grams_failed"):
            return g
        _building.add(id(c))

    def run() -> None:
        try:
            c.name_grams = fresh(c)
        except Exception:  # noqa: BLE001 - a thread's traceback would reach stderr; the block index answers
            c.__dict__["name_grams_failed"] = True  # not tried again for these columns
        finally:
            with _lock:
                _building.discard(id(c))

    threading.Thread(target=run, name="innograph-name-grams", daemon=True).start()
    return g


def fresh(c) -> NameGrams:
    from graph.memory.name_grams_build import build

    mark = len(c.names.__dict__.get("grown") or ())
    return NameGrams(build(c), (), mark)


def sections(c) -> dict[str, bytes]:
    """The snapshot sections of the index and its delta. Built here when there is none (a load, or a
    snapshot from before it: once) or the delta is past an eighth of the index, so a save builds
    after n/8 written names at most (amortised O(log n) a name); a server's searches rebuild in the
    background past DELTA and its next save keeps that."""
    g = getattr(c, "name_grams", None)
    if g is None or g.behind(c.names) > max(DELTA, g.n // 8):
        g = c.name_grams = fresh(c)
    out = {"sg_meta": orjson.dumps({"n": g.n, "extra": sorted(g.moved(c.names))})}
    for name in PARTS:
        part = getattr(g, name)
        out["sg_" + name] = part.tobytes() if hasattr(part, "tobytes") else part.as_array().tobytes()
    return out


def read(sec, slots: int) -> NameGrams | None:
    """The index of a snapshot's sg_* sections, read item by item (None for a snapshot without them)."""
    from graph.memory.rows import Ints

    if "sg_post" not in sec.spans:
        return None
    meta = sec.json("sg_meta")
    n = int(meta["n"])
    if not 0 <= n <= slots:
        raise ValueError("the search index does not add up")
    parts = {"order": Ints(sec, "sg_order", "i", bound=max(slots, 1)), "post": Ints(sec, "sg_post", "i", bound=max(n, 1)),
             "lengths": Ints(sec, "sg_lengths", "i"), "length_at": Ints(sec, "sg_length_at", "q"),
             "codes": Ints(sec, "sg_codes", "q"), "starts": Ints(sec, "sg_starts", "q"), "n": n}
    if len(parts["order"]) != n or len(parts["starts"]) != len(parts["codes"]) + 1 \
            or len(parts["length_at"]) != len(parts["lengths"]) + 1 or parts["starts"][len(parts["codes"])] != len(parts["post"]) \
            or parts["length_at"][len(parts["lengths"])] != n:
        raise ValueError("the search index does not add up")
    return NameGrams(parts, [str(w) for w in meta["extra"]], 0)


def settle(c) -> None:
    """After an eager open: the index as arrays (not views that would keep the file's bytes)."""
    g = c.__dict__.get("name_grams")
    if g is not None:
        for name in PARTS:
            part = getattr(g, name)
            if not hasattr(part, "tobytes"):
                setattr(g, name, part.as_array())
