"""Edges written into a store that has none yet, from columns, in numpy.

A million-node CSV pair brings five million edges. Written row by row, each edge costs a
lookup of its two ends, a merge check and two adjacency appends in Python (7 s of a 28 s
load). When the store holds no edge yet and the batch offers its edges as an `EdgeTable`
(ends and kinds as small ints into vocabularies, as the CSV loader keeps them), the same
result is built with a few array operations: the vocabulary of ends interned once, type
and attribute codes mapped, and each side's adjacency as one sorted block (offsets + edge
ints), the layout a snapshot reopens into and that `Columns.slot` unpacks on first use.
An edge given twice is merged into its first row afterwards, in file order, as the row
path merges it. Anything else (an end that is no node, a store with edges) returns False
and takes the row path, which names unknown ends.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import repeat

import numpy as np

from graph.memory.columns import _PACKED, Columns
from graph.memory.writes import _merge_edge
from graph.model import Evidence


@dataclass
class EdgeTable:
    """Edges as columns: row r joins ids[src[r]] to ids[dst[r]] by type_names[types[r]],
    with attributes attr_values[attrs[r]] and, for the rows listed, evidence."""

    ids: Sequence[str]
    src: array
    dst: array
    type_names: Sequence[str]
    types: bytes | bytearray
    attr_values: Sequence[dict]
    attrs: array
    evidence: dict[int, list[Evidence]] = field(default_factory=dict)


def put_edge_columns(c: Columns, table: EdgeTable) -> bool:
    """Write the edges if the fast way applies (see the module docstring); False if it does not."""
    n, m = len(c.ids), len(table.src)
    if len(c.etype) or not m:
        return False
    node = np.fromiter(map(c.ix.get, table.ids, repeat(-1)), dtype=np.int64, count=len(table.ids))
    s, t = node[_ints(table.src)], node[_ints(table.dst)]
    if s.min() < 0 or t.min() < 0:
        return False
    kinds = np.frombuffer(table.types, dtype=np.uint8).astype(np.int64)
    used = np.flatnonzero(np.bincount(kinds, minlength=len(table.type_names))).tolist()
    if len(set(c.edge_types) | {table.type_names[k] for k in used}) > 255:
        return False
    from graph.memory.fork import own_edges, own_evidence

    own_edges(c)  # a fork of an edge-less state (fork.py); a fresh Columns owns them already
    own_evidence(c)
    first, repeats = _first_occurrences((s * len(table.type_names) + kinds) * n + t)
    codes = np.zeros(len(table.type_names), dtype=np.int64)
    codes[used] = [c.edge_code(table.type_names[k]) for k in used]
    attrs = _ints(table.attrs)
    code, attr = codes[kinds], _attr_codes(c, table.attr_values, attrs)[attrs]
    if len(first) < m:
        s, t, code, attr = s[first], t[first], code[first], attr[first]
    _append(c.esrc, s)
    _append(c.edst, t)
    c.etype.extend(code.astype(np.uint8).tobytes())
    _append(c.eattr, attr)
    for i, count in enumerate(np.bincount(code, minlength=len(c.edge_types)).tolist()):
        c.ecount[i] += count
    for side, ends in ((c.out, s), (c.inn, t)):
        offsets = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(np.bincount(ends, minlength=n), out=offsets[1:])
        flat = np.argsort(ends, kind="stable")  # per node its edges in edge order, as the row path appends
        side[:] = [_PACKED] * n
        c.packed[id(side)] = (_as_array("q", offsets), _as_array("i", flat))
    later = dict(repeats)
    for row, items in table.evidence.items():
        if row not in later:
            c.evidence[int(np.searchsorted(first, row))] = tuple((v.doc, v.quote, v.start, v.end) for v in items)
    ids, names = table.ids, table.type_names
    for row, e in repeats:  # an edge given again: merged into the first, in file order, as the row path does
        _merge_edge(c, e, ids[table.src[row]], names[table.types[row]], ids[table.dst[row]],
                    table.attr_values[table.attrs[row]], table.evidence.get(row, ()))
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
    edges = np.searchsorted(first, group_first[later])
    return first, sorted(zip(order[later].tolist(), edges.tolist()))


def _attr_codes(c: Columns, values: Sequence[dict], used_by: np.ndarray) -> np.ndarray:
    """The store's attribute row for each of `values` that some edge uses."""
    out = np.zeros(len(values), dtype=np.int64)
    for k in np.flatnonzero(np.bincount(used_by, minlength=len(values))).tolist():
        out[k] = c.attr_index(values[k]) if values[k] else 0
    return out


def _ints(column: array) -> np.ndarray:
    return np.frombuffer(column, dtype=np.int32).astype(np.int64) if len(column) else np.zeros(0, np.int64)


def _append(column: array, values: np.ndarray) -> None:
    column.frombytes(values.astype(np.int32).tobytes())


def _as_array(code: str, values: np.ndarray) -> array:
    out = array(code)
    out.frombytes(values.astype(np.int64 if code == "q" else np.int32).tobytes())
    return out
