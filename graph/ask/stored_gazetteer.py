"""A gazetteer that reads its names from a key table (graph/ask/key_table.py) as a question needs them.

Why (session 18): a large store's question must cost its own names, not the graph's. `StoredGazetteer` is a
`Gazetteer` whose `names` and `types` are read by key from the table and kept once read; its lookups
(`_fetch`, `_fuzzy_pool`, `_ends`, `_loose_pool`, `alike`, `latin_among`) ask the table for the few keys
each can use, so `find`, `closest`, `misspelt` and the loose English reading run the whole gazetteer's code
on them and answer the same. Listing every name (`names.items()`) is refused: that is what it is for.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from graph.ask.gazetteer import FUZZY_CUTOFF, Gazetteer, _bigrams
from graph.ask.key_table import KeyTable

#: names and types kept once read, per gazetteer; past this many both are dropped (a long-running server)
KEEP = 200_000


def _reachable(n: int, lengths: Iterable[int], ratio: float) -> list[int]:
    """The key lengths whose difflib ratio with an n-character text can reach `ratio`: 2·min / (n + length),
    difflib's own bound (`real_quick_ratio`), computed as difflib computes it."""
    return [m for m in lengths if difflib.SequenceMatcher(None, "a" * n, "b" * m).real_quick_ratio() >= ratio]


class _Names:
    """key -> frozenset of ids, read from the table by key (a missing key names nothing)."""

    def __init__(self, table: KeyTable) -> None:
        self._table = table
        self._known: dict[str, frozenset[str] | None] = {}
        self.id_keys: set[str] = set()

    def fetch(self, keys: Iterable[str]) -> dict[str, frozenset[str]]:
        known = self._known
        missing = [k for k in keys if k not in known]
        if missing:
            if len(known) > KEEP:
                known.clear()
            got = self._table.names(missing)
            for key in missing:
                ids, id_key = got.get(key, (None, False))
                known[key] = ids
                if id_key:
                    self.id_keys.add(key)
        return {k: ids for k in keys if (ids := known.get(k))}

    def keep(self, found: dict[str, tuple[frozenset[str], bool]]) -> None:
        for key, (ids, id_key) in found.items():
            self._known[key] = ids
            if id_key:
                self.id_keys.add(key)

    def __contains__(self, key: str) -> bool:
        return bool(self.fetch([key]))

    def __getitem__(self, key: str) -> frozenset[str]:
        return self.fetch([key]).get(key, frozenset())

    def get(self, key: str, default=None):
        return self.fetch([key]).get(key, default)

    def __iter__(self):
        raise TypeError("a stored gazetteer is read by key: it does not list every name")

    items = keys = values = __len__ = __iter__


class _IdKeys:
    """Whether a key is an id's key: known once the key was read."""

    def __init__(self, names: _Names) -> None:
        self._names = names

    def __contains__(self, key: str) -> bool:
        self._names.fetch([key])
        return key in self._names.id_keys


class _Types:
    """id -> type, read from the table by id."""

    def __init__(self, table: KeyTable, nodes: int) -> None:
        self._table = table
        self._nodes = nodes
        self._known: dict[str, str | None] = {}

    def fetch(self, ids: Iterable[str]) -> None:
        missing = [i for i in ids if i not in self._known]
        if missing:
            if len(self._known) > KEEP:
                self._known.clear()
            got = self._table.types(missing)
            self._known.update({i: got.get(i) for i in missing})

    def get(self, node_id: str, default=None):
        self.fetch([node_id])
        found = self._known.get(node_id)
        return default if found is None else found

    def __getitem__(self, node_id: str) -> str:
        found = self.get(node_id)
        if found is None:
            raise KeyError(node_id)
        return found

    def __contains__(self, node_id: str) -> bool:
        return self.get(node_id) is not None

    def __len__(self) -> int:
        return self._nodes

    def __bool__(self) -> bool:
        return self._nodes > 0

    def __iter__(self):
        raise TypeError("a stored gazetteer is read by id: it does not list every node")

    items = keys = values = __iter__


class StoredGazetteer(Gazetteer):
    def __init__(self, table: KeyTable) -> None:  # no Gazetteer.__init__: nothing is read whole
        self._table = table
        self.names = _Names(table)
        self.types = _Types(table, int(table.meta["nodes"]))
        self.id_keys = _IdKeys(self.names)
        self.lengths = list(table.meta["lengths"])
        self.longest_cjk = int(table.meta["longest_cjk"])
        self._grams = self._by_ends = self._latin = None

    def close(self) -> None:
        self._table.close()

    def _found(self, found: dict[str, tuple[frozenset[str], bool]]) -> set[str]:
        """Keep keys read by row, and the types of their ids (the parser asks them next)."""
        self.names.keep(found)
        self.types.fetch({i for ids, _ in found.values() for i in ids})
        return set(found)

    def _fetch(self, text: str) -> None:
        got = self.names.fetch({text[start:start + length] for start in range(len(text)) for length in self.lengths
                                if start + length <= len(text)})
        self.types.fetch({i for ids in got.values() for i in ids})

    def _fuzzy_pool(self, mention: str) -> set[str]:
        lengths = _reachable(len(mention), self.lengths, FUZZY_CUTOFF)
        return self._found(self._table.keys_of_rows(self._table.gram_rows(_bigrams(mention), lengths)))

    def _ends(self, wanted: list[tuple[int, str, int]]) -> set[str]:
        return self._found(self._table.keys_of_rows(self._table.end_rows(wanted)))

    def _loose_pool(self, mention: str, words: frozenset[str]) -> set[str]:
        grams = _bigrams(mention)
        held = self._found(self._table.keys_of_rows(self._table.loose_rows(words)))
        return {key for key in held if grams & _bigrams(key)}

    def alike(self, key: str, ratio: float):
        lengths = _reachable(len(key), self.lengths, ratio)
        found = self._table.keys_of_rows(self._table.gram_rows(_bigrams(key), lengths))
        self._found(found)
        return [(k, ids) for k, (ids, _) in sorted(found.items())]

    def latin_among(self, words) -> frozenset[str]:
        return self._table.latin_among(words)
