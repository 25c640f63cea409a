"""Name lookup for the memory store: normalised names to nodes, exact and by substring.

Kept apart from the columns because it is its own data structure with its own
invariant (grams -> blocks of names), tested against a scan of every name.
"""

from __future__ import annotations

import bisect
from array import array
from operator import add

from graph.text import to_simplified

BLOCK_BITS = 8     #: names per block of the substring index: 2**BLOCK_BITS


def normalize_all(names: list[str]) -> list[str]:
    """`graph.text.normalize` of many names at once (ASCII without OpenCC; the rest in one OpenCC call)."""
    import unicodedata

    out: list[str] = [""] * len(names)
    rest: list[int] = []
    for i, name in enumerate(names):
        if name.isascii():
            out[i] = " ".join(name.split()).lower()
        else:
            rest.append(i)
    for lo in range(0, len(rest), 20000):
        part = rest[lo: lo + 20000]
        texts = [unicodedata.normalize("NFKC", names[i]) for i in part]
        simple = to_simplified("\n".join(texts)).split("\n")
        if len(simple) != len(texts) or any("\n" in t for t in texts):
            simple = [to_simplified(t) for t in texts]
        for i, text in zip(part, simple):
            out[i] = " ".join(text.split()).casefold()
    return out


class NameIndex:
    """Normalised names -> node ints (exact), and 1-/2-char grams -> blocks of names (substrings).

    Names are kept in slots in order of first appearance; slot s is in block s >> BLOCK_BITS.
    A gram's posting lists the blocks (ascending) holding a name with that gram, so a
    search intersects the postings of its key's grams and reads only those blocks.
    """

    def __init__(self, bits: int | None = None) -> None:
        self.nodes: dict[str, int | list[int]] = {}
        self.slots: list[str] = []
        self.grams: dict[str, array] = {}
        self.indexed = 0
        self.bits = BLOCK_BITS if bits is None else bits

    def fork(self) -> NameIndex:
        """A copy for a write (graph/memory/fork.py): it shares every part with this one and copies a
        part (the name map, the slots, the gram map, one posting, one name's node list) the first time
        it changes it, so a write pays for the names it adds, not for every name."""
        new = object.__new__(type(self))
        new.__dict__.update(self.__dict__)
        new.__dict__["cow"] = _Cow()
        return new

    def add(self, key: str, node: int) -> None:
        cow = self.__dict__.get("cow")
        if cow is not None and cow.borrowed:
            cow.own(self)
        have = self.nodes.get(key)
        if have is None:
            self.nodes[key] = node
            self.slots.append(key)
        elif type(have) is int:
            if have != node:
                self.nodes[key] = [have, node]
                self._grew(key)
        elif node not in have:
            if cow is not None and key not in cow.keys:  # the list may be the readers' too
                cow.keys.add(key)
                have = self.nodes[key] = have.copy()
            have.append(node)
            self._grew(key)

    def _grew(self, key: str) -> None:
        """Note a name that gained a node: its smallest id, so its place on search pages, may have
        changed (graph/memory/name_grams.py re-places the names noted since its build)."""
        grown = self.__dict__.get("grown")
        cow = self.__dict__.get("cow")
        if grown is None:
            grown = self.__dict__["grown"] = []
        elif cow is not None and not cow.grown:
            cow.grown = True
            grown = self.__dict__["grown"] = grown.copy()
        grown.append(key)

    def ids(self, key: str) -> list[int]:
        have = self.nodes.get(key)
        if have is None:
            return []
        return [have] if type(have) is int else list(have)

    def reindex(self) -> None:
        """Index the blocks that gained names since the last call."""
        bits, grams, slots = self.bits, self.grams, self.slots
        size = 1 << bits
        cow = self.__dict__.get("cow")
        for block in range(self.indexed >> bits, (len(slots) + size - 1) >> bits):
            text = "\n".join(slots[block * size: (block + 1) * size])
            for gram in set(text).union(map(add, text, text[1:])):
                posting = grams.get(gram)
                if posting is not None and posting[-1] == block:
                    continue
                if cow is not None:  # a fork's first change to the gram map, or to this posting
                    if not cow.grams:
                        cow.grams = True
                        grams = self.grams = dict(grams)
                    if posting is not None and gram not in cow.posts:
                        cow.posts.add(gram)
                        posting = grams[gram] = posting[:]
                if posting is None:
                    grams[gram] = array("i", (block,))
                    if cow is not None:
                        cow.posts.add(gram)
                else:
                    posting.append(block)
        self.indexed = len(slots)

    def containing(self, key: str) -> list[str]:
        """Every indexed name that contains `key`."""
        if not key:
            return list(self.slots)
        postings = []
        for gram in {key} if len(key) == 1 else set(map(add, key, key[1:])):
            posting = self.grams.get(gram)
            if posting is None:
                return []
            postings.append(posting)
        postings.sort(key=len)
        first, rest = postings[0], postings[1:]
        blocks = first if not rest else [b for b in first if all(_holds(p, b) for p in rest)]
        size, slots = 1 << self.bits, self.slots
        return [name for b in blocks for name in slots[b * size: (b + 1) * size] if key in name]


class _Cow:
    """What a forked NameIndex still shares with the one it was forked from (NameIndex.fork)."""

    __slots__ = ("borrowed", "keys", "grams", "posts", "grown")

    def __init__(self) -> None:
        self.borrowed = True   #: the name map and the slots
        self.keys: set[str] = set()   #: names whose node list is this index's own
        self.grams = False     #: whether the gram map is this index's own
        self.posts: set[str] = set()  #: grams whose posting is this index's own
        self.grown = False

    def own(self, names: NameIndex) -> None:
        names.nodes, names.slots = dict(names.nodes), names.slots.copy()
        self.borrowed = False


def _holds(posting: array, block: int) -> bool:
    i = bisect.bisect_left(posting, block)
    return i < len(posting) and posting[i] == block
