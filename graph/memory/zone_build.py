"""Building the zone rollup index whole (numpy) or for one node, and saving it in the snapshot.

Why a separate pass: `replace`, a bulk CSV load and an old snapshot bring every edge at
once; adding them one by one through `zone_index.after_write` would cost a Python loop
per member per row. Here all supporter rows of all hubs come from a few array operations:
support edges give (supported u, supporter v); direct rows are those with u a hub; via
rows join the distinct (member, hub) pairs with the support edges of the member; one
lexsort on (hub, via, supporter type rank, supporter id rank, member id rank, LED_BY,
edge type rank) gives every hub's rows in answer order (the ranks are ranks of the
strings, so the order is exactly the string order `zone_index.row_key` compares).
"""

from __future__ import annotations

import sys
from array import array

import numpy as np

from graph.memory import zone_groups, zone_index
from graph.memory.columns import Columns
from graph.memory.walk import id_rank
from graph.memory.zone_index import (LISTS, Rollup, ZoneIndex, _as_array, edge_key, row_key, support_edges,
                                     supporter_of)
from graph.schema import MEMBER_EDGES, SUPPORT_EDGES_IN, SUPPORT_EDGES_OUT

_PARTS = ("rows", *LISTS)  #: the arrays of a rollup, in snapshot order


def build(c: Columns, threshold: int | None = None) -> None:
    """c.zindex from scratch: a rollup for every node of degree >= `threshold` (INDEX_DEGREE unless
    given: Neo4j's bulk load builds at its own hub threshold, graph/neo4j/bulk_zone.py)."""
    index = c.zindex = ZoneIndex()
    n, m = len(c.ids), len(c.etype)
    src, dst = _ints(c.esrc), _ints(c.edst)
    typ = np.frombuffer(bytes(c.etype), dtype=np.uint8)
    least = zone_index.INDEX_DEGREE if threshold is None else threshold
    hub = (np.bincount(src, minlength=n) + np.bincount(dst, minlength=n))[:n] >= least
    hubs = np.flatnonzero(hub)
    for z in hubs.tolist():
        index.roll[z] = Rollup()
    if not len(hubs) or not m:
        return
    rank = id_rank(c)
    ename = _rank_of(c.edge_types)
    ntype = np.frombuffer(bytes(c.ntype), dtype=np.uint8).astype(np.int64)
    members = np.flatnonzero(_of(c, typ, MEMBER_EDGES) & (src != dst) & hub[dst])
    pair, _ = _unique(src[members] * n + dst[members])
    mm, mz = pair // n, pair % n  # distinct (member, hub), member != hub

    led = _of(c, typ, SUPPORT_EDGES_OUT)
    sup = np.flatnonzero(_of(c, typ, SUPPORT_EDGES_IN) | led)
    led = led[sup]
    u, v = np.where(led, src[sup], dst[sup]), np.where(led, dst[sup], src[sup])
    direct = np.flatnonzero(hub[u] & (v != u))
    at, take = _join(u, mm)
    via = v[at] != mz[take]
    z = np.concatenate([u[direct], mz[take][via]])
    p = np.concatenate([direct, at[via]])
    is_via = np.concatenate([np.zeros(len(direct), bool), np.ones(int(via.sum()), bool)])
    vv, uu = v[p], u[p]
    width = int(n).bit_length() + 1  # bits of an id rank (and of -1 shifted to 0)
    first = ((z * 2 + is_via) * 256 + _rank_of(c.node_types)[ntype[vv]] << width) + rank[vv]
    second = (np.where(is_via, rank[uu], -1) + 1) * 512 + led[p] * 256 + ename[typ[sup[p]]]
    order = np.lexsort((second, first)) if (n * 512) << width < 2 ** 62 else \
        np.lexsort((ename[typ[sup[p]]], led[p], np.where(is_via, rank[uu], -1), rank[vv],
                    _rank_of(c.node_types)[ntype[vv]], is_via, z))
    z, edges, kinds = z[order], sup[p][order], ntype[vv][order]
    for hub_z, part in _split(z, edges):
        index.roll[hub_z].rows = _as_array(part)
    kinds_of = _unique(z * 256 + kinds)
    for key, count in zip(*(x.tolist() for x in kinds_of)):
        index.roll[key // 256].by_type[key % 256] = count
    zone_groups.fill(c, index.roll, z, edges)

    for name, (types, end) in LISTS.items():
        holder = dst if end else src
        sel = np.flatnonzero(_of(c, typ, types) & hub[holder])
        order = np.lexsort((rank[dst[sel]], ename[typ[sel]], rank[src[sel]], holder[sel]))
        for hub_z, part in _split(holder[sel][order], sel[order]):
            index.roll[hub_z].lists[name] = _as_array(part)

    focus = np.flatnonzero(_of(c, typ, ("FOCUSES_ON",)))
    own = focus[hub[src[focus]]]
    at, take = _join(src[focus], mm)
    z = np.concatenate([src[own], mz[take]])
    field = np.concatenate([dst[own], dst[focus][at]])
    keys, counts = _unique(z * n + field)
    for key, count in zip(keys.tolist(), counts.tolist()):
        index.roll[key // n].fields[key % n] = count


def build_one(c: Columns, z: int) -> Rollup:
    """The rollup of one node that has just reached INDEX_DEGREE (from its adjacency)."""
    codes = {name: code for code, name in enumerate(c.edge_types)}
    pick = lambda names: {codes[x] for x in names if x in codes}  # noqa: E731
    support_in, support_out = pick(SUPPORT_EDGES_IN), pick(SUPPORT_EDGES_OUT)
    members = list(dict.fromkeys(c.esrc[e] for e in c.adjacent(c.inn, z, pick(MEMBER_EDGES)) if c.esrc[e] != z))
    roll = Rollup()
    rows = [e for x in (z, *members) for e in support_edges(c, x, support_in, support_out)
            if supporter_of(c, e) != z]
    rows.sort(key=row_key(c, z))
    roll.rows = array("i", rows)
    for e in rows:
        code = c.ntype[supporter_of(c, e)]
        roll.by_type[code] = roll.by_type.get(code, 0) + 1
    roll.heads, roll.head_types = zone_groups.heads_of(c, rows)
    key = edge_key(c)
    for name, (types, end) in LISTS.items():
        roll.lists[name] = array("i", sorted(c.adjacent(c.inn if end else c.out, z, pick(types)), key=key))
    for x in (z, *members):
        for e in c.adjacent(c.out, x, pick(("FOCUSES_ON",))):
            roll.fields[c.edst[e]] = roll.fields.get(c.edst[e], 0) + 1
    return roll


# ---- the snapshot ------------------------------------------------------------------

def sections(c: Columns) -> dict[str, bytes]:
    """The index as snapshot sections: hub ints, per hub the size of each array, the arrays,
    and (hub position, code, count) triples for the type counters and the field counts."""
    index = c.zindex
    nodes = sorted(index.roll)
    sizes, flat, kinds, fields = array("i"), array("i"), array("i"), array("i")
    for pos, z in enumerate(nodes):
        roll = index.roll[z]
        for part in (roll.rows, *roll.lists.values()):
            sizes.append(len(part))
            flat.extend(part)
        for code, count in sorted(roll.by_type.items()):
            kinds.extend((pos, code, count))
        for field, count in sorted(roll.fields.items()):
            fields.extend((pos, field, count))
    return {"zi_nodes": array("i", nodes).tobytes(), "zi_sizes": sizes.tobytes(), "zi_edges": flat.tobytes(),
            "zi_types": kinds.tobytes(), "zi_fields": fields.tobytes(), **zone_groups.sections(c, nodes)}


def load(c: Columns, header: dict, sec: dict) -> None:
    """c.zindex from the snapshot's sections, checked; a snapshot without them (version 2) builds it."""
    if "zi_nodes" not in sec:
        build(c)
        return
    got = {}
    for name in ("zi_nodes", "zi_sizes", "zi_edges", "zi_types", "zi_fields"):
        got[name] = array("i")
        got[name].frombytes(sec[name])
        if header["byteorder"] != sys.byteorder:
            got[name].byteswap()
    nodes, sizes, flat = got["zi_nodes"], got["zi_sizes"], got["zi_edges"]
    n, m, parts = len(c.ids), len(c.etype), len(_PARTS)
    if len(set(nodes)) != len(nodes) or nodes and (min(nodes) < 0 or max(nodes) >= n) \
            or len(sizes) != parts * len(nodes) or sum(sizes) != len(flat) or min(sizes, default=0) < 0 \
            or flat and (min(flat) < 0 or max(flat) >= m) or len(got["zi_types"]) % 3 or len(got["zi_fields"]) % 3:
        raise ValueError("the zone index does not add up")
    index = c.zindex = ZoneIndex()
    at = 0
    rolls = []
    for pos, z in enumerate(nodes):
        roll = index.roll[z] = Rollup()
        for k, name in enumerate(_PARTS):
            part = flat[at: at + sizes[pos * parts + k]]
            at += len(part)
            if name == "rows":
                roll.rows = part
            else:
                roll.lists[name] = part
        rolls.append(roll)
    for triples, limit, attr in ((got["zi_types"], len(c.node_types), "by_type"), (got["zi_fields"], n, "fields")):
        for pos, code, count in zip(triples[0::3], triples[1::3], triples[2::3]):
            if not 0 <= pos < len(rolls) or not 0 <= code < limit or count <= 0:
                raise ValueError("the zone index points past its table")
            getattr(rolls[pos], attr)[code] = count
    if any(sum(r.by_type.values()) != len(r.rows) for r in rolls):
        raise ValueError("the zone index's counters do not add up")
    zone_groups.load(c, header, sec, nodes)


# ---- helpers -----------------------------------------------------------------------

def _ints(column: array) -> np.ndarray:
    return np.frombuffer(column, dtype=np.int32).astype(np.int64) if len(column) else np.zeros(0, np.int64)


def _rank_of(names: list[str]) -> np.ndarray:
    """code -> rank of its name among the names (for sorting by name through ints)."""
    ranked = {name: r for r, name in enumerate(sorted(names))}
    out = np.zeros(256, dtype=np.int64)
    out[: len(names)] = [ranked[name] for name in names]
    return out


def _of(c: Columns, typ: np.ndarray, names) -> np.ndarray:
    """Whether each edge's type is one of `names` (one table lookup per edge)."""
    table = np.zeros(256, dtype=bool)
    table[[code for code, name in enumerate(c.edge_types) if name in names]] = True
    return table[typ]


def _unique(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct keys, ascending, and how often each occurs (np.unique without its hash path
    and without importing numpy.ma, a quarter second of every CLI call)."""
    if not len(keys):
        return keys, keys
    ordered = np.sort(keys)
    starts = np.flatnonzero(np.concatenate([[True], ordered[1:] != ordered[:-1]]))
    return ordered[starts], np.diff(np.append(starts, len(ordered)))


def _join(keys: np.ndarray, wanted: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every (position in keys, position in wanted) with keys[at] == wanted[take]."""
    order = np.argsort(keys, kind="stable")
    ordered = keys[order]
    lo, hi = np.searchsorted(ordered, wanted, "left"), np.searchsorted(ordered, wanted, "right")
    count = hi - lo
    take = np.repeat(np.arange(len(wanted)), count)
    starts = np.repeat(lo - (np.cumsum(count) - count), count) + np.arange(int(count.sum()))
    return order[starts], take


def _split(groups: np.ndarray, values: np.ndarray):
    """(group, its values) for each run of equal groups in a sorted group column."""
    if not len(groups):
        return
    cut = np.flatnonzero(groups[1:] != groups[:-1]) + 1
    starts, ends = np.concatenate([[0], cut]), np.concatenate([cut, [len(groups)]])
    for g, lo, hi in zip(groups[starts].tolist(), starts.tolist(), ends.tolist()):
        yield g, values[lo:hi]


def differences(c: Columns) -> list[str]:
    """The nodes whose kept rollup differs from one built now from the columns (for `innograph
    reindex --check`: a snapshot edited or written by something other than innograph)."""
    kept, c.zindex = c.zindex, None
    try:
        build(c)
        fresh = c.zindex
    finally:
        c.zindex = kept
    kept_roll = kept.roll if kept is not None else {}
    out = []
    for z in sorted(set(kept_roll) | set(fresh.roll)):
        a, b = kept_roll.get(z), fresh.roll.get(z)
        if a is None or b is None or list(a.rows) != list(b.rows) or a.by_type != b.by_type \
                or list(a.heads) != list(b.heads) or a.head_types != b.head_types \
                or a.fields != b.fields or any(list(a.lists[k]) != list(b.lists[k]) for k in LISTS):
            out.append(c.ids[z])
    return out
