"""Supporter pages and profile lists read from the zone rollup index (graph/memory/zone_index.py).

The store answers with keys and ids only, in the shapes the query layer already uses
(`GraphQueries.supporters_page` / `profile`), and None for a node that keeps no rollup
(one below INDEX_DEGREE, whose answer is computed as before at the cost of its own degree).
"""

from __future__ import annotations

from bisect import bisect_left

from graph import limits
from graph.memory.columns import Columns
from graph.memory.zone_groups import supporter_rows
from graph.memory.zone_index import LISTS, rollup, row_key, row_window, supported_of, supporter_of
from graph.schema import MEMBER_EDGES

#: profile list -> its lists in the index (partners: the out-edges, then the in-edges, as before)
_PROFILE = {"parents": ("parents",), "members": ("members",), "metrics": ("metrics",),
            "partners": ("partners_out", "partners_in"), "leaders": ("leaders",)}
_FAR = {"parents": 2, "members": 0, "metrics": 0, "partners": None, "leaders": 2}


def support_window(c: Columns, target: str, wanted: str | None, offset: int, limit: int | None,
                   after: bytes | None, most: int | None = None):
    """(distinct supporters in all, groups: per supporter of the window its first `most` rows
    (supported, supporter, edge key), how many rows each supporter has, {member: its member edge key})
    or None. Supporters are the rollup's heads (graph/memory/zone_groups.py)."""
    roll = rollup(c, target)
    if roll is None:
        return None
    z = c.ix[target]
    total, heads = row_window(c, z, roll.heads, wanted, offset, limit, after)
    ids, names, esrc, edst, etype = c.ids, c.edge_types, c.esrc, c.edst, c.etype
    groups, counts, member_of = [], [], {}
    codes = [(name, names.index(name)) for name in sorted(MEMBER_EDGES, reverse=True) if name in names]
    hints: dict = {}  # heads come in answer order: each one's rows are sought from the last one's
    for head in heads:
        edges, count = supporter_rows(c, z, roll, head, limits.SUPPORT_PATHS if most is None else most, hints)
        rows = []
        for e in edges:
            u, v = supported_of(c, e), supporter_of(c, e)
            rows.append((ids[u], ids[v], (ids[esrc[e]], names[etype[e]], ids[edst[e]])))
            if u != z and ids[u] not in member_of:
                name = next(name for name, code in codes if c.find_edge(u, z, code) >= 0)  # the last key, as before
                member_of[ids[u]] = (ids[u], name, target)
        groups.append(rows)
        counts.append(count)
    return total, groups, counts, member_of


def profile_window(c: Columns, target: str, most: int):
    """({list: (first `most` edge keys, index of the far end, how many in all)}, {field id: count}) or None."""
    roll = rollup(c, target)
    if roll is None:
        return None
    ids, names, esrc, edst, etype = c.ids, c.edge_types, c.esrc, c.edst, c.etype
    lists = {}
    for name, parts in _PROFILE.items():
        edges = [e for part in parts for e in roll.lists[part][:most]][:most]
        keys = [(ids[esrc[e]], names[etype[e]], ids[edst[e]]) for e in edges]
        lists[name] = (keys, _FAR[name], sum(len(roll.lists[part]) for part in parts))
    assert set(LISTS) == {p for parts in _PROFILE.values() for p in parts}
    return lists, {ids[f]: count for f, count in roll.fields.items()}


def supporters_among(c: Columns, target: str, candidates: list[tuple[str, str]]) -> set[str] | None:
    """The ids of `candidates` ((node type, id) pairs) that support `target`, directly or through a member, or
    None where it keeps no rollup: per candidate a bisect of the rollup's supporter heads (one per supporter,
    keyed (via, type, id, ...)) for its direct and its by-member head, O(log n) whatever the hub's size
    (session 17: an answer asks this of each peer of a zone, instead of reading the peer's supporters whole)."""
    roll = rollup(c, target)
    if roll is None:
        return None
    key, heads = row_key(c, c.ix[target]), roll.heads

    def prefix(e: int) -> tuple:
        return key(e)[:3]
    found = set()
    for kind, node_id in candidates:
        for via in (False, True):
            at = bisect_left(heads, (via, kind, node_id), key=prefix)
            if at < len(heads) and prefix(heads[at]) == (via, kind, node_id):
                found.add(node_id)
                break
    return found
