"""Relationship queries, written once against the store protocol.

Both backends answer through these functions, so a query that exists gives the
same answer on networkx and on Neo4j. Every query resolves names first
(id, Chinese, English, alias, Traditional script), checks its limits, and
returns typed results that carry the evidence of every edge.
"""

from __future__ import annotations

import bisect
import difflib
from collections import defaultdict
from collections.abc import Sequence

from graph import cursor, limits
from graph.bulk import without_gc
from graph.errors import Ambiguous, InvalidInput, LimitExceeded, NotFound
from graph.model import Edge, Node
from graph.publisher import context_ids
from graph.fallback import related_fallback
from graph.results import (Bridge, Fallback, FieldCount, Member, Path, Ranked, Stats, Subgraph,
                           Supporter, ZoneProfile)
from graph.schema import (EDGE_TYPES, MEMBER_EDGES, NODE_TYPES, SUPPORT_EDGES_IN,
                          SUPPORT_EDGES_OUT)
from graph.store import GraphStore
from graph.support_groups import group_rows, grouped_supporters
from graph.text import normalize
from graph.walk import walk_via_edges


class GraphQueries:
    def __init__(self, store: GraphStore):
        self.store = store

    # ---- names ---------------------------------------------------------

    def resolve(self, ref: str) -> Node:
        """The one node `ref` names: an id, a Chinese or English name, or an alias."""
        ref = (ref or "").strip()
        if not ref:
            raise InvalidInput("an empty name names nothing")
        by_id = self.store.get_nodes([ref])
        if by_id:
            return by_id[ref]
        ids = self.store.lookup(normalize(ref))
        if len(ids) == 1:
            return self.store.get_nodes(ids)[ids[0]]
        if ids:
            nodes = self.store.get_nodes(ids)
            raise Ambiguous(f"{ref!r} names {len(ids)} nodes; use one of their ids",
                            [_label(nodes[i]) for i in ids])
        raise NotFound(f"no node named {ref!r}", self.suggest(ref))

    def suggest(self, text: str, limit: int = 5) -> list[str]:
        """Close names for a name that matched nothing, found through its pieces."""
        key = normalize(text)
        pieces = {key[i:i + 2] for i in range(max(len(key) - 1, 1))} | set(key.split())
        candidates: dict[str, Node] = {}
        for piece in sorted(p for p in pieces if p.strip()):
            for node in self.store.search(piece, limit=25):
                candidates[node.id] = node

        def score(node: Node) -> float:
            return max(difflib.SequenceMatcher(None, key, normalize(n)).ratio() for n in node.names)

        ranked = sorted(candidates.values(), key=lambda n: (-score(n), n.id))
        return [_label(n) for n in ranked[:limit] if score(n) >= 0.3]

    def search(self, text: str, type_: str | None = None, limit: int = 20, offset: int = 0) -> list[Node]:
        _check_limit(limit, offset)
        types = [_node_type(type_)] if type_ else []
        key = normalize(text)
        if not key:
            raise InvalidInput("search needs some text")
        return self.store.search(key, types, limit, offset)

    def get(self, ref: str) -> Node:
        return self.resolve(ref)

    # ---- neighbourhoods ------------------------------------------------

    def neighbors(self, ref: str, depth: int = 1, type_: str | None = None, rel: str | None = None,
                  max_nodes: int = limits.DEFAULT_SUBGRAPH_NODES, year: int | None = None,
                  include_publisher: bool = False) -> Subgraph:
        return self.subgraph(ref, depth=depth, types=[type_] if type_ else [],
                             rels=[rel] if rel else [], max_nodes=max_nodes, year=year,
                             include_publisher=include_publisher)

    def subgraph(self, ref: str, depth: int = 2, types: Sequence[str] = (), rels: Sequence[str] = (),
                 max_nodes: int = limits.DEFAULT_SUBGRAPH_NODES, year: int | None = None,
                 include_publisher: bool = False) -> Subgraph:
        """The centre and every node within `depth` hops (either direction), breadth first.

        `types` filters the nodes returned (the walk passes through every node but a
        publisher, which it takes without walking on: graph/publisher.py; `include_publisher`
        walks through it too); `rels` filters the edges walked; `year` walks only edges with
        evidence from a document of that year. Past `max_nodes` the walk stops and says so.
        """
        docs_of_year = self._documents_of_year(year) if year is not None else None
        if not 1 <= depth <= limits.MAX_DEPTH:
            raise LimitExceeded(f"depth must be between 1 and {limits.MAX_DEPTH} (got {depth})")
        if not 1 <= max_nodes <= limits.MAX_SUBGRAPH_NODES:
            raise LimitExceeded(f"max_nodes must be between 1 and {limits.MAX_SUBGRAPH_NODES}")
        node_types = {_node_type(t) for t in types}
        edge_types = [_edge_type(r) for r in rels]
        center = self.resolve(ref)
        stop = context_ids(self.store, include_publisher, [center.id])
        if docs_of_year is None:
            walk = self.store.walk(center.id, depth, edge_types, max_nodes, stop=stop)
        else:
            def of_year(edge: Edge) -> bool:
                return any(ev.doc in docs_of_year for ev in edge.evidence)

            walk = walk_via_edges(self.store, center.id, depth, edge_types, max_nodes, keep=of_year, stop=stop)
        nodes = self.store.get_nodes(walk.nodes)
        keep = {i for i, n in nodes.items() if not node_types or n.type in node_types or i == center.id}
        fallback = None
        if node_types and keep == {center.id} and len(nodes) > 1:
            fallback = related_fallback(self, center.id, "/".join(sorted(node_types)), "neighbors", depth)
        return Subgraph(
            center=center.id,
            nodes=[nodes[i] for i in sorted(keep)],
            edges=[e for e in walk.edges if e.source in keep and e.target in keep],
            truncated=bool(walk.omitted),
            omitted=walk.omitted,
            context=sorted(stop & keep),
            fallback=fallback,
        )

    def whole_graph(self) -> Subgraph:
        """Every node and edge, for exports of the whole graph."""
        nodes = sorted(self.store.iter_nodes(), key=lambda n: n.id)
        edges = sorted(self.store.iter_edges(), key=lambda e: e.key)
        return Subgraph(nodes=nodes, edges=edges)

    # ---- support and membership -----------------------------------------

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
        window = getattr(self.store, "support_window", None)
        kept = window(target.id, wanted, offset, None if limit is None else limit + 1, after_key) if window else None
        if kept is not None:  # the index: each group cut to its shown paths, with its path count
            total, groups, counts, member_of = kept
            more = limit is not None and len(groups) > limit
            groups, counts = (groups[:limit], counts[:limit]) if more else (groups, counts)
        else:
            member_of, rows, keys = self.store.memo(("supporters", target.id, wanted),
                                                    lambda: self._supporter_rows(target.id, wanted))
            groups, firsts = self.store.memo(("supporter groups", target.id, wanted), lambda: _grouped(rows, keys))
            start = offset + (bisect.bisect_right(firsts, after_key) if after_key is not None else 0)
            total = len(groups)
            more = limit is not None and start + limit < len(groups)
            groups, counts = groups[start:] if limit is None else groups[start: start + limit], None
        out = grouped_supporters(self.store, target.id, groups, member_of, counts)
        next_after = None
        if more and groups:  # the first row of the page's last supporter
            supported, supporter, key = groups[-1][0]
            kind = next(s.node.type for s in out if s.node.id == supporter)
            next_after = cursor.encode(cursor.row_key(target.id, supported, supporter, kind, key[1]))
        return total, out, next_after

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

    # ---- paths -----------------------------------------------------------

    def paths(self, source: str, target: str, max_hops: int = 4, include_publisher: bool = False) -> list[Path]:
        """Every shortest relationship path between two nodes (up to MAX_PATHS), edges either way;
        none through a publisher unless `include_publisher` (either end may be one)."""
        if not 1 <= max_hops <= limits.MAX_HOPS:
            raise LimitExceeded(f"max_hops must be between 1 and {limits.MAX_HOPS} (got {max_hops})")
        a, b = self.resolve(source), self.resolve(target)
        avoid = context_ids(self.store, include_publisher, [a.id, b.id])
        node_paths = self.store.shortest_node_paths(a.id, b.id, max_hops, limits.MAX_PATHS, avoid=avoid)
        ids = {i for p in node_paths for i in p}
        nodes = self.store.get_nodes(ids)
        between: dict[frozenset, list[Edge]] = defaultdict(list)
        keys = [k for k in self.store.edge_keys(ids, "out") if k[2] in ids]  # keys: a hub on a path is cheap
        for _, edge in sorted(self.store.get_edges(keys).items()):
            between[frozenset((edge.source, edge.target))].append(edge)
        paths = []
        for p in node_paths:
            hops = [min(between[frozenset(pair)], key=lambda e: (e.source != pair[0], e.type))
                    for pair in zip(p, p[1:])]
            paths.append(Path(nodes=[nodes[i] for i in p], edges=hops))
        return paths

    # ---- analytics -------------------------------------------------------

    def rank(self, by: str = "degree", type_: str | None = None, limit: int = 20,
             include_publisher: bool = False) -> list[Ranked]:
        """The most connected nodes. By default publishers are left out and scores count no tie to
        them (degree without their edges, betweenness on the graph without them)."""
        _check_limit(limit, 0)
        if by not in ("degree", "betweenness"):
            raise InvalidInput(f"rank by 'degree' or 'betweenness', not {by!r}")
        context = context_ids(self.store, include_publisher)
        if by == "degree":
            if type_:
                ids = [n.id for n in self.store.nodes_of_type(_node_type(type_))]
            else:
                ids = [n.id for n in self.store.iter_nodes()]
            scores = {i: float(d) for i, d in self.store.degrees(i for i in ids if i not in context).items()}
            for source, _, target in self.store.edge_keys(context, "both") if context else ():
                for end in {source, target} - context:
                    if end in scores:
                        scores[end] -= 1
        else:
            scores = self._betweenness(context)
            if type_:
                keep = {n.id for n in self.store.nodes_of_type(_node_type(type_))}
                scores = {i: s for i, s in scores.items() if i in keep}
        top = sorted(scores, key=lambda i: (-round(scores[i], 9), i))[:limit]
        nodes = self.store.get_nodes(top)
        return [Ranked(node=nodes[i], score=round(scores[i], 6)) for i in top]

    def bridges(self, include_publisher: bool = False) -> list[Bridge]:
        """Nodes (other than zones) tied directly to more than one zone: who links the zones. A
        publisher, tied to every zone by the report it wrote, is left out unless included."""
        zones = {z.id: z for z in self.zones()}
        context = context_ids(self.store, include_publisher)
        tied: dict[str, list[Edge]] = defaultdict(list)
        for edge in self.store.edges(list(zones), "both"):
            for end, other in ((edge.source, edge.target), (edge.target, edge.source)):
                if end in zones and other not in zones and other not in context:
                    tied[other].append(edge)
        multi = {i: es for i, es in tied.items()
                 if len({e.source if e.source in zones else e.target for e in es}) > 1}
        nodes = self.store.get_nodes(multi)
        out = []
        for i, es in multi.items():
            zone_ids = sorted({e.source if e.source in zones else e.target for e in es})
            out.append(Bridge(node=nodes[i], zones=[zones[z] for z in zone_ids], edges=es))
        return sorted(out, key=lambda b: (-len(b.zones), b.node.id))

    def stats(self) -> Stats:
        counts = self.store.counts()
        return Stats(backend=self.store.backend, nodes=counts.total_nodes, edges=counts.total_edges,
                     nodes_by_type=counts.nodes, edges_by_type=counts.edges,
                     documents=self.store.documents())

    # ---- helpers ---------------------------------------------------------

    def _documents_of_year(self, year: int) -> set[str]:
        docs = {d.id for d in self.store.documents() if d.year == year}
        if not docs:
            years = sorted({d.year for d in self.store.documents() if d.year is not None})
            raise NotFound(f"no document of {year} in the graph", [str(y) for y in years])
        return docs

    def _betweenness(self, leave_out: frozenset[str] = frozenset()) -> dict[str, float]:
        """Betweenness of every node (on the graph without `leave_out`), computed once per state of the
        graph where the store can tell."""
        return self.store.memo(("betweenness", leave_out), lambda: self._compute_betweenness(leave_out))

    def _compute_betweenness(self, leave_out: frozenset[str] = frozenset()) -> dict[str, float]:
        import networkx as nx  # here, not at the top: a CLI page should not pay its import (0.4 s)

        g = nx.Graph()
        g.add_nodes_from(n.id for n in self.store.iter_nodes() if n.id not in leave_out)
        g.add_edges_from((e.source, e.target) for e in self.store.iter_edges()
                         if e.source not in leave_out and e.target not in leave_out)
        exact = g.number_of_nodes() <= limits.EXACT_BETWEENNESS_NODES
        k = None if exact else min(limits.BETWEENNESS_SAMPLE, g.number_of_nodes())
        return nx.betweenness_centrality(g, k=k, seed=None if exact else 0, normalized=True)


def _check_limit(limit: int, offset: int) -> None:
    if not 1 <= limit <= limits.MAX_LIMIT:
        raise LimitExceeded(f"limit must be between 1 and {limits.MAX_LIMIT} (got {limit})")
    if offset < 0:
        raise InvalidInput("offset must not be negative")


def _node_type(name: str) -> str:
    for t in NODE_TYPES:
        if t.lower() == name.strip().lower():
            return t
    raise InvalidInput(f"unknown node type {name!r}", list(NODE_TYPES))


def _edge_type(name: str) -> str:
    for t in EDGE_TYPES:
        if t.lower() == name.strip().lower():
            return t
    raise InvalidInput(f"unknown relation {name!r}", list(EDGE_TYPES))


def _label(node: Node) -> str:
    names = " / ".join(n for n in (node.name_zh, node.name_en) if n)
    return f"{names} ({node.type}, {node.id})"


def _grouped(rows: list[tuple], keys: list[bytes]) -> tuple[list[list[tuple]], list[bytes]]:
    """Rows grouped by supporter (graph/support_groups.py), and the cursor key of each group's first
    row: the groups are in the order of their first rows, so a cursor is one bisect."""
    first_key = {}
    for row, key in zip(rows, keys):
        first_key.setdefault(row[1], key)
    groups = group_rows(rows)
    return groups, [first_key[group[0][1]] for group in groups]
