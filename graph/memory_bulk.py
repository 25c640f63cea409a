"""Edges written into a store that has none yet, from columns, in numpy.

A million-node CSV pair brings five million edges. Written row by row, each edge costs a
lookup of its two ends, a merge check and two adjacency appends in Python (7 s of a 28 s
load). When the store holds no edge yet and the batch carries its edges as columns with no
evidence, the same result is built with a few array operations: ends
interned through the id index, type and attribute codes, and each side's adjacency as one
sorted block (offsets + edge ints), the layout a snapshot reopens into and that
`Columns.slot` unpacks on first use; an edge given twice is merged into its first row
afterwards, in file order, as the row path merges it. Anything else (an unknown end, a
store with edges) returns False and takes the row path, which names unknown ends.
"""

from __future__ import annotations

from array import array
from itertools import repeat

import numpy as np

from graph.memory_columns import _PACKED, Columns
from graph.memory_writes import _merge_edge


def put_edge_columns(c: Columns, sources: list[str], types: list[str], targets: list[str],
                     attrs: list[dict]) -> bool:
    """Write the edges if the fast way applies (see the module docstring); False if it does not."""
    n, m = len(c.ids), len(sources)
    names = sorted(set(types))
    if len(c.etype) or not m or len(c.edge_types) + len(names) > 255:
        return False
    s = np.fromiter(map(c.ix.get, sources, repeat(-1)), dtype=np.int64, count=m)
    t = np.fromiter(map(c.ix.get, targets, repeat(-1)), dtype=np.int64, count=m)
    if m and (s.min() < 0 or t.min() < 0):
        return False
    local = {name: i for i, name in enumerate(names)}
    code = np.fromiter(map(local.__getitem__, types), dtype=np.int64, count=m)
    first, repeats = _first_occurrences((s * len(local) + code) * n + t)
    code = np.array([c.edge_code(name) for name in local], dtype=np.int64)[code]
    if len(first) < m:
        s, t, code, kept_attrs = s[first], t[first], code[first], [attrs[i] for i in first.tolist()]
    else:
        kept_attrs = attrs
    _append(c.esrc, s)
    _append(c.edst, t)
    c.etype.extend(code.astype(np.uint8).tobytes())
    _append(c.eattr, _attr_codes(c, kept_attrs))
    for i, count in enumerate(np.bincount(code, minlength=len(c.edge_types)).tolist()):
        c.ecount[i] += count
    for side, ends in ((c.out, s), (c.inn, t)):
        offsets = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(np.bincount(ends, minlength=n), out=offsets[1:])
        flat = np.argsort(ends, kind="stable")  # per node its edges in edge order, as the row path appends
        side[:] = [_PACKED] * n
        c.packed[id(side)] = (_as_array("q", offsets), _as_array("i", flat))
    for row, e in repeats:  # an edge given again: merged into the first, in file order, as the row path does
        _merge_edge(c, e, sources[row], types[row], targets[row], attrs[row], ())
    return True


def _first_occurrences(keys: np.ndarray) -> tuple[np.ndarray, list[tuple[int, int]]]:
    """Rows that first give each key (ascending: the edges to create, in order), and
    (row, edge) for every later row of a key, edge being the position of its first row."""
    order = np.argsort(keys, kind="stable")
    ordered = keys[order]
    starts = np.ones(len(keys), dtype=bool)
    starts[1:] = ordered[1:] != ordered[:-1]
    first = np.sort(order[starts])
    if len(first) == len(keys):
        return first, []
    group_first = order[starts][np.cumsum(starts) - 1]  # per sorted row: the first row of its key
    later = ~starts
    rows, firsts = order[later], group_first[later]
    edges = np.searchsorted(first, firsts)
    return first, sorted(zip(rows.tolist(), edges.tolist()))


def _attr_codes(c: Columns, attrs: list[dict]) -> np.ndarray:
    """Each edge's row in the attribute table; the loader shares one dict between equal cells."""
    objects = dict(zip(map(id, attrs), attrs))  # ids of live objects: unique while `attrs` holds them
    index = {key: (c.attr_index(a) if a else 0) for key, a in objects.items()}
    return np.fromiter(map(index.__getitem__, map(id, attrs)), dtype=np.int64, count=len(attrs))


def _append(column: array, values: np.ndarray) -> None:
    column.frombytes(values.astype(np.int32).tobytes())


def _as_array(code: str, values: np.ndarray) -> array:
    out = array(code)
    out.frombytes(values.astype(np.int64 if code == "q" else np.int32).tobytes())
    return out
