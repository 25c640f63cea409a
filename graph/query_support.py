"""Support and membership queries: supporters (paged, by cursor), zone profiles, fallbacks.

A part of GraphQueries (graph/queries.py); `self.store` is the store protocol.
"""

from __future__ import annotations

import bisect
from collections import defaultdict

from graph import cursor, limits
from graph.bulk import without_gc
from graph.errors import InvalidInput, NotFound
from graph.fallback import related_fallback
from graph.model import Node
from graph.query_args import _check_limit, _label, _node_type
from graph.results import FieldCount, Member, Fallback, Supporter, ZoneProfile
from graph.schema import MEMBER_EDGES, SUPPORT_EDGES_IN
from graph.publisher import publisher_ids
from graph.support_groups import group_rows, grouped_supporters
from graph.support_order import publisher_last


class SupportQueries:

    def supporters(self, ref: str, type_: str | None = None) -> list[Supporter]:
        """Who supports a node: directly, or by supporting one of its members."""
        return self.supporters_page(ref, type_)[1]

    def supporters_page(self, ref: str, type_: str | None = None, limit: int | None = None,
                        offset: int = 0) -> tuple[int, list[Supporter]]:
        """(how many supporters in all, the supporters from `offset`, at most `limit`).

        Each supporter once, with its paths grouped (graph/support_groups.py): direct supporters
        first, then by the supporter's type and id; its paths direct first, then by member id.
        """
        total, items, _ = self.supporters_window(ref, type_, limit, offset)
        return total, items

    @without_gc
    def supporters_window(self, ref: str, type_: str | None = None, limit: int | None = None,
                          offset: int = 0, after: str | None = None) -> tuple[int, list[Supporter], str | None]:
        """supporters_page, from the supporter after the cursor `after` when given, with the cursor of
        the page's last supporter (its first row: graph/cursor.py) when more supporters follow it.

        One answer on every node: each supporter once with its paths, `total` counts supporters. A
        node small enough to have no zone index is answered from all its rows; a hub of the zone
        index (>= 64 edges) from the index's supporter entries in O(page + the listed supporters'
        paths shown), on both backends (graph/memory/zone_groups.py, graph/neo4j/zone_groups.py).
        """
        if limit is not None:
            _check_limit(limit, offset)
        elif offset < 0:
            raise InvalidInput("offset must not be negative")
        after_key = cursor.decode(after) if after is not None else None
        target = self.resolve(ref)
        wanted = _node_type(type_) if type_ else None
        window = self._support_source(target.id, wanted)
        publishers = {i: n.type for i, n in self.store.get_nodes(publisher_ids(self.store)).items()}
        kind_of = lambda i: self.store.get_nodes([i])[i].type  # noqa: E731 (one row's key)
        total, groups, counts, member_of = publisher_last(
            window, target.id, wanted, publishers, kind_of, offset, None if limit is None else limit + 1, after_key)
        more = limit is not None and len(groups) > limit
        groups, counts = (groups[:limit], counts[:limit]) if more else (groups, counts)
        out = grouped_supporters(self.store, target.id, groups, member_of, counts)
        next_after = None
        if more and groups:  # the first row of the page's last supporter
            supported, supporter, key = groups[-1][0]
            kind = next(s.node.type for s in out if s.node.id == supporter)
            next_after = cursor.encode(cursor.row_key(target.id, supported, supporter, kind, key[1]))
        return total, out, next_after

    def _support_source(self, target: str, wanted: str | None):
        """The supporters in index order, as a window (offset, limit, after): the zone index's for a hub
        of it (>= 64 edges, both backends: graph/memory/zone_groups.py, graph/neo4j/zone_groups.py), else
        the node's rows computed and grouped (kept per state of the graph)."""
        store = self.store
        indexed = [getattr(store, "support_window", None) is not None]  # until the store says it keeps none

        def window(offset: int, limit: int | None, after: bytes | None):
            if indexed[0]:
                kept = store.support_window(target, wanted, offset, limit, after)
                if kept is not None:
                    return kept
                indexed[0] = False
            member_of, rows, keys = store.memo(("supporters", target, wanted),
                                               lambda: self._supporter_rows(target, wanted))
            groups, firsts = store.memo(("supporter groups", target, wanted), lambda: _grouped(rows, keys))
            start = offset + (bisect.bisect_right(firsts, after) if after is not None else 0)
            part = groups[start:] if limit is None else groups[start: start + limit]
            return len(groups), part, [len(g) for g in part], member_of
        return window

    def supporting(self, target: str, candidates: list[Node]) -> set[str]:
        """The ids of `candidates` that support `target` (an id), directly or through a member: a keyed lookup
        per candidate in a hub's zone index (both backends, O(log n) each), else from the node's rows as its
        supporters are answered (computed once per state of the graph, at the cost of its own degree).
        Why (session 17): an answer that needs "does S support any peer?" must not read every peer whole."""
        lookup = getattr(self.store, "supporters_among", None)
        found = lookup(target, [(n.type, n.id) for n in candidates]) if lookup else None
        if found is not None:
            return found
        _, rows, _ = self.store.memo(("supporters", target, None), lambda: self._supporter_rows(target, None))
        ids = {n.id for n in candidates}
        return {supporter for _, supporter, _ in rows if supporter in ids}

    def _supporter_rows(self, target: str, wanted: str | None) -> tuple[dict, list[tuple], list[tuple]]:
        """(member id -> its member edge key, rows (supported, supporter, edge key) in answer order,
        the answer-order key of each row as cursor bytes)."""
        member_keys, support = self.store.support_keys(target)
        member_of = {k[0]: k for k in member_keys}
        keyed = []
        for key, supporter_type in support:
            supported, supporter = (key[2], key[0]) if key[1] in SUPPORT_EDGES_IN else (key[0], key[2])
            if supporter != target and (not wanted or supporter_type == wanted):
                keyed.append((cursor.row_key(target, supported, supporter, supporter_type, key[1]),
                              (supported, supporter, key)))
        keyed.sort()
        return member_of, [row for _, row in keyed], [cursor.sort_bytes(k) for k, _ in keyed]

    def related_fallback(self, ref: str, type_: str | None = None, what: str = "supporters",
                         depth: int = 1) -> Fallback:
        """What does support or relate to `ref` when an answer about `type_` is empty (graph/fallback.py)."""
        if what not in ("supporters", "neighbors"):
            raise InvalidInput(f"a fallback is for 'supporters' or 'neighbors', not {what!r}")
        return related_fallback(self, ref, _node_type(type_) if type_ else None, what, depth)

    def zone(self, ref: str) -> ZoneProfile:
        """A zone's profile; any other kind of node is an error that lists the zones."""
        node = self.resolve(ref)
        if node.type != "Zone":
            raise NotFound(f"no zone named {ref!r}: {node.name_zh} is a {node.type}, not a Zone",
                           [_label(z) for z in self.zones()])
        return self.profile(node.id)

    @without_gc
    def profile(self, ref: str, most: int = limits.PROFILE_ITEMS) -> ZoneProfile:
        """The zone-profile view of any node: members, supporters, fields, indicators, partners.

        Each list holds at most `most` items (in id order); `counts` says how many there are."""
        zone = self.resolve(ref)
        window = getattr(self.store, "profile_window", None)
        kept = window(zone.id, most) if window else None
        if kept is not None:  # the zone index: lists already cut to `most`, with their totals
            lists, field_counts = kept
        else:
            keys_of, field_counts = self.store.memo(("profile", zone.id), lambda: self._profile_keys(zone.id))
            lists = {name: (keys, far, len(keys)) for name, (keys, far) in keys_of.items()}
        shown = {name: keys[:most] for name, (keys, _, _) in lists.items()}
        fields = sorted(field_counts, key=lambda f: (-field_counts[f], f))
        edges = self.store.get_edges(k for keys in shown.values() for k in keys)
        nodes = self.store.get_nodes({end for keys in shown.values() for k in keys for end in (k[0], k[2])}
                                     | set(fields[:most]))

        def listed(name: str) -> list[Member]:
            far = lists[name][1]
            return [Member(node=nodes[k[far] if far is not None else (k[2] if k[0] == zone.id else k[0])],
                           edge=edges[k]) for k in shown[name]]

        supporters_total, supporters = self.supporters_page(zone.id, limit=most)
        counts = {name: total for name, (_, _, total) in lists.items()}
        counts.update(supporters=supporters_total, fields=len(fields))
        return ZoneProfile(
            zone=zone,
            parents=listed("parents"),
            members=listed("members"),
            supporters=supporters,
            fields=[FieldCount(node=nodes[f], count=field_counts[f]) for f in fields[:most]],
            metrics=listed("metrics"),
            partners=listed("partners"),
            leaders=listed("leaders"),
            counts=counts,
        )

    def _profile_keys(self, zone: str) -> tuple[dict[str, tuple[list, int | None]], dict[str, int]]:
        """Each list of a profile as edge keys with the index of its far end (None: the end that is
        not the zone), and how many of the zone and its members focus on each field."""
        out_keys = self.store.edge_keys([zone], "out")
        in_keys = self.store.edge_keys([zone], "in")
        member_keys = [k for k in in_keys if k[1] in MEMBER_EDGES]
        field_counts: dict[str, int] = defaultdict(int)
        for key in self.store.edge_keys([zone, *(k[0] for k in member_keys)], "out", ["FOCUSES_ON"]):
            field_counts[key[2]] += 1
        lists = {
            "parents": ([k for k in out_keys if k[1] == "PART_OF"], 2),
            "members": (member_keys, 0),
            "metrics": ([k for k in in_keys if k[1] == "MEASURES"], 0),
            "partners": ([k for k in out_keys + in_keys if k[1] == "PARTNERS_WITH"], None),
            "leaders": ([k for k in out_keys if k[1] == "LED_BY"], 2),
        }
        return lists, dict(field_counts)

    def zones(self) -> list[Node]:
        return self.store.nodes_of_type("Zone")


def _grouped(rows: list[tuple], keys: list[bytes]) -> tuple[list[list[tuple]], list[bytes]]:
    """Rows grouped by supporter (graph/support_groups.py), and the cursor key of each group's first
    row: the groups are in the order of their first rows, so a cursor is one bisect."""
    first_key = {}
    for row, key in zip(rows, keys):
        first_key.setdefault(row[1], key)
    groups = group_rows(rows)
    return groups, [first_key[group[0][1]] for group in groups]
