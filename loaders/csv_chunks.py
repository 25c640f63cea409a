"""The fast path of a CSV load: ordinary rows checked a chunk at a time.

An ordinary node row has a new id, a known type, a Chinese name and finite numbers; an
ordinary edge row joins two nodes of this load by id, with a type the schema allows
between their types, no quote and finite numbers. Such rows are checked with C-level
maps and numpy over a chunk's columns and kept in bulk. Every other row is handed back,
in file order, to the shared `make_node` / `make_edge`, which keeps or rejects it, with
the same reason, exactly as for one row alone; the rows around it keep their order.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from itertools import repeat
from operator import is_not, not_

import numpy as np

from graph.schema import EDGE_TYPES
from loaders.guards import is_plain_name
from loaders.csv_rows import (EDGE_TYPE_CODE, EDGE_TYPE_NAMES, NO_ATTRS, NODE_TYPE_CODE, NODE_TYPE_NAMES, EdgeRows,
                              TableResolver)

LIST_SEP = "|"
_MISSING = object()
_CACHE_CAP = 100_000
ALLOWED = np.zeros((len(NODE_TYPE_NAMES), len(EDGE_TYPE_NAMES), len(NODE_TYPE_NAMES)), dtype=bool)
for _e, _et in EDGE_TYPES.items():
    for _s in _et.sources:
        for _t in _et.targets:
            ALLOWED[NODE_TYPE_CODE[_s], EDGE_TYPE_CODE[_e], NODE_TYPE_CODE[_t]] = True

#: (line number, row) of a row the fast path left to the slow one
Slow = tuple[int, list[str]]


def number(value: str):
    for cast in (int, float):
        try:
            return cast(value)
        except ValueError:
            pass
    return value


def split_list(cell: str) -> tuple[str, ...]:
    if not cell:
        return ()
    return tuple(a.strip() for a in cell.split(LIST_SEP) if a.strip())


class Header:
    """Column positions of one file, and its attribute cells read once per distinct value."""

    def __init__(self, names: list[str]):
        self.names = names
        self.col = {name: i for i, name in enumerate(names)}  # a repeated column: the last one wins
        self.attrs = [(name[5:], self.col[name]) for name in dict.fromkeys(names) if name.startswith("attr.")]
        self._cache: dict = {}

    def attr_cells(self, columns: list[tuple]) -> Sequence:
        """Per row, the key of its attribute cells: the cell, or a tuple of cells."""
        if len(self.attrs) == 1:
            return columns[self.attrs[0][1]]
        return list(zip(*[columns[i] for _, i in self.attrs]))

    def attrs_of(self, cells) -> dict | None:
        """The attributes of some cells (one dict shared by equal cells), None when a number is not finite."""
        found = self._cache.get(cells, _MISSING)
        if found is _MISSING:
            found = {}
            for (name, _), value in zip(self.attrs, (cells,) if len(self.attrs) == 1 else cells):
                if value != "":
                    value = number(value)
                    if type(value) is float and not math.isfinite(value):
                        found = None
                        break
                    found[name] = value
            if len(self._cache) > _CACHE_CAP:
                self._cache.clear()
            self._cache[cells] = found
        return found

    def attrs_of_column(self, columns: list[tuple]) -> list:
        if not self.attrs:
            return [NO_ATTRS] * len(columns[0])
        cells = self.attr_cells(columns)
        found = list(map(self._cache.get, cells, repeat(_MISSING)))
        if _MISSING in found:
            found = list(map(self.attrs_of, cells))
        return found


def _segments(ok: np.ndarray, lines: Callable[[int], int], chunk: list[list[str]],
              keep: Callable[[int, int], Iterator[Slow]]) -> Iterator[Slow]:
    """Keep each run of ordinary rows with keep(lo, hi) (which may hand some back); hand back
    the others, in order. The consumer handles a row before the next run is kept."""
    lo = 0
    for i in np.flatnonzero(~ok).tolist():
        if lo < i:
            yield from keep(lo, i)
        yield lines(i), chunk[i]
        lo = i + 1
    if lo < len(chunk):
        yield from keep(lo, len(chunk))


def take_nodes(header: Header, resolver: TableResolver, chunk: list[list[str]],
               lines: Callable[[int], int]) -> Iterator[Slow]:
    """Keep the chunk's ordinary node rows; yield the others (line, row) in file order."""
    col = header.col
    ii, yi, zi = col.get("id"), col.get("type"), col.get("name_zh")
    if ii is None or yi is None or zi is None:
        yield from ((lines(i), row) for i, row in enumerate(chunk))
        return
    k, columns = len(chunk), list(zip(*chunk))
    ids, types, zh = columns[ii], columns[yi], columns[zi]
    en = columns[col["name_en"]] if "name_en" in col else ("",) * k
    attrs = header.attrs_of_column(columns)
    rows = resolver.nodes
    ok = (np.fromiter(map(bool, ids), bool, k) & np.fromiter(map(bool, zh), bool, k)
          & np.fromiter(map(NODE_TYPE_CODE.__contains__, types), bool, k)
          & np.fromiter(map(not_, map(rows.__contains__, ids)), bool, k)
          & np.fromiter(map(is_not, attrs, repeat(None)), bool, k)
          & np.fromiter(map(is_plain_name, ids), bool, k) & np.fromiter(map(is_plain_name, zh), bool, k)
          & np.fromiter(map(is_plain_name, en), bool, k))  # others are checked (and rejected) the slow way
    if "aliases" in col:  # a whole cell within the limit has every alias within it
        ok &= np.fromiter(map(is_plain_name, columns[col["aliases"]]), bool, k)
    if len(set(ids)) < k:  # an id twice in the chunk: its later rows merge, the slow way
        seen: set[str] = set()
        for i, node_id in enumerate(ids):
            if node_id in seen:
                ok[i] = False
            seen.add(node_id)
    aliases = _lists(columns, col.get("aliases"), k, zh, en)
    sources = _lists(columns, col.get("sources"), k)
    table = list(zip(ids, types, zh, en, aliases, attrs, sources))

    def keep(lo: int, hi: int) -> Iterator[Slow]:
        if not rows.has_any(ids[lo:hi]):
            resolver.add_rows(table[lo:hi])
            return
        for r in range(lo, hi):  # a row handed back earlier in the chunk made one of these ids
            if ids[r] in rows:
                yield lines(r), chunk[r]
            else:
                resolver.add_rows(table[r:r + 1])

    yield from _segments(ok, lines, chunk, keep)


def _lists(columns: list[tuple], i: int | None, k: int, *exclude: Sequence[str]) -> Sequence[tuple]:
    """A list column split on "|" per row; names equal to the row's `exclude` cells dropped."""
    if i is None or not any(columns[i]):
        return ((),) * k
    out = []
    for r, cell in enumerate(columns[i]):
        items = split_list(cell)
        if items and exclude:
            items = tuple(a for a in items if all(a != names[r] for names in exclude))
        out.append(items)
    return out


class EdgeChunks:
    """Takes the ordinary edge rows of each chunk into `edges`, by ints."""

    def __init__(self, header: Header, edges: EdgeRows, node_types: np.ndarray):
        """node_types: the NODE_TYPE_CODE of each of this load's nodes, by their int in `edges`."""
        self.header, self.edges = header, edges
        self.own = len(node_types)  # ends below this int are this load's nodes, of a known type
        self.ntype = node_types
        self.codes: dict = {}  # attribute cells -> row of edges.attr_values (-1: not finite)
        # make_edge strips an end before it looks it up: where an id itself has outer spaces, so does this
        self.strip = any(i != i.strip() for i in edges.ids[: self.own])

    def take(self, chunk: list[list[str]], lines: Callable[[int], int]) -> Iterator[Slow]:
        col = self.header.col
        si, yi, ti, qi = col.get("source"), col.get("type"), col.get("target"), col.get("quote")
        if si is None or yi is None or ti is None:
            yield from ((lines(i), row) for i, row in enumerate(chunk))
            return
        k, columns, pos = len(chunk), list(zip(*chunk)), self.edges.pos
        sources, targets = columns[si], columns[ti]
        if self.strip:
            sources, targets = list(map(str.strip, sources)), list(map(str.strip, targets))
        s = np.fromiter(map(pos.get, sources, repeat(-1)), np.int64, k)
        t = np.fromiter(map(pos.get, targets, repeat(-1)), np.int64, k)
        y = np.fromiter(map(EDGE_TYPE_CODE.get, columns[yi], repeat(-1)), np.int64, k)
        a = self._attr_codes(columns, k)
        ok = (s >= 0) & (s < self.own) & (t >= 0) & (t < self.own) & (y >= 0) & (a >= 0)
        if qi is not None:
            ok &= np.fromiter(map(not_, columns[qi]), bool, k)
        rows = np.flatnonzero(ok)
        ok[rows] = ALLOWED[self.ntype[s[rows]], y[rows], self.ntype[t[rows]]]
        def keep(lo: int, hi: int) -> Iterator[Slow]:
            self.edges.extend_codes(s[lo:hi], y[lo:hi], t[lo:hi], a[lo:hi])
            return iter(())

        yield from _segments(ok, lines, chunk, keep)

    def _attr_codes(self, columns: list[tuple], k: int) -> np.ndarray:
        if not self.header.attrs:
            return np.zeros(k, np.int64)
        cells = self.header.attr_cells(columns)
        codes = self.codes
        for cell in set(cells).difference(codes):
            attrs = self.header.attrs_of(cell)
            codes[cell] = -1 if attrs is None else self.edges.attr_code(attrs)
        found = np.fromiter(map(codes.__getitem__, cells), np.int64, k)
        if len(codes) > _CACHE_CAP:
            codes.clear()
        return found
