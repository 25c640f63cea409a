"""Journal records over a lazily mapped snapshot: which reads they cannot change (issue 16, the CLI).

Why: a lazy open (the CLI) that found journal records read the snapshot whole, replayed them and
folded (a snapshot save): 4.4 s at 100k nodes, 19 s at 1M for a journal of 50, paid by every CLI
call while a server was writing. Yet a record of one edge between two firms changes no zone's page.

So a lazy open keeps the mapped snapshot as it is and reads the records into an `Overlay`: what they
write (documents, node ids, edge keys), which nodes of the snapshot their edges touch, and what they
add to the counts. It costs the journal (decoding it, an id bisect and one `find_edge` per record),
never the graph. A read then asks the overlay whether the records can change its answer:

- counts: never a fallback; the snapshot's counts plus the nodes and edges the records add (a record
  of a node or edge the snapshot or an earlier record holds is a merge: it adds nothing);
- documents: the snapshot's, with the records' documents over them (as a replay sets them);
- nodes and edges by id or key: the snapshot's rows unless one is written by a record;
- a zone page or profile (the zone rollup): its rows are edges of the zone or of its neighbours
  (members), so records whose edges touch neither the zone nor a neighbour of it leave it as is;
  the rows' records are then read by id or key, as above;
- a search or name lookup: unless a record's node has a name holding the key, or a hit is such a node.

Anything else, or a read the records may change, replays the journal onto the whole snapshot as
before (the store's `_c` does so when first touched, graph/memory/watch.py): the answers are always
the eager store's, only their cost differs. There are no removals in the journal, so a record can
only add rows or merge into rows; it never hides one.
"""

from __future__ import annotations

from collections import Counter

from graph.memory.columns import _PACKED, Columns
from graph.memory.names import normalize_all
from graph.memory.writes import _edge_rows, _node_rows
from graph.schema import MEMBER_EDGES, SUPPORT_EDGES_IN, SUPPORT_EDGES_OUT
from graph.store import Batch, Counts

#: The edge types a rollup reads beyond the hub's own edges (graph/memory/zone_index.py): its members'
#: support edges (rows), their member edges and their FOCUSES_ON edges (field counts).
ROLLUP_TYPES = frozenset((*SUPPORT_EDGES_IN, *SUPPORT_EDGES_OUT, *MEMBER_EDGES, "FOCUSES_ON"))

#: Past this many adjacency entries, a zone's neighbourhood is checked from the zone's side once
#: rather than from each touched node's side.
_SCAN = 4096


class Overlay:
    """What the journal's records write, read against the snapshot `base` they extend (never changed)."""

    def __init__(self, base: Columns, batches: list[Batch]):
        self.base, self.batches = base, batches
        self.docs: dict = {}
        self.node_ids: set[str] = set()  #: every node a record writes (new or merged)
        self.edge_keys: set[tuple] = set()  #: every edge a record writes (new or merged)
        self.touched: set[int] = set()  #: snapshot rows that are an end of a record's edge
        self.touched_rollup: set[int] = set()  #: the same, for the edges of ROLLUP_TYPES only
        self.new_nodes: Counter = Counter()  #: by type, nodes the snapshot does not hold
        self.new_edges: Counter = Counter()
        names: list[str] = []
        ix, codes = base.ix, {name: code for code, name in enumerate(base.edge_types)}
        for batch in batches:
            for doc in batch.documents:
                self.docs[doc.id] = doc
            for node_id, type_, zh, en, aliases, *_ in _node_rows(batch.nodes):
                if node_id not in self.node_ids and ix.get(node_id) is None:
                    self.new_nodes[type_] += 1
                self.node_ids.add(node_id)
                names.extend(name for name in (zh, en, *(aliases or ())) if name)
            for source, type_, target, *_ in _edge_rows(batch.edges):
                key = (source, type_, target)
                if key in self.edge_keys:
                    continue
                self.edge_keys.add(key)
                s, t, code = ix.get(source), ix.get(target), codes.get(type_)
                ends = [i for i in (s, t) if i is not None]
                self.touched.update(ends)
                if type_ in ROLLUP_TYPES:
                    self.touched_rollup.update(ends)
                if s is None or t is None or code is None or base.find_edge(s, t, code) < 0:
                    self.new_edges[type_] += 1
        self.names = [name for name in normalize_all(names) if name]
        self._zones: dict[str, bool] = {}

    # ---- what a read may use ------------------------------------------------

    def counts(self, counts: Counts) -> Counts:
        nodes, edges = Counter(counts.nodes), Counter(counts.edges)
        nodes.update(self.new_nodes)
        edges.update(self.new_edges)
        docs = len(set(self.base.docs) | set(self.docs))
        return Counts(nodes=dict(sorted(nodes.items())), edges=dict(sorted(edges.items())), documents=docs)

    def documents(self) -> dict:
        return {**self.base.docs, **self.docs}

    def keeps_nodes(self, ids) -> bool:
        return self.node_ids.isdisjoint(ids)

    def keeps_edges(self, keys) -> bool:
        return self.edge_keys.isdisjoint(keys)

    def keeps_ends(self, ids) -> bool:
        """Whether no record's edge has an end in `ids` (their degrees are the snapshot's)."""
        ends = {k[0] for k in self.edge_keys} | {k[2] for k in self.edge_keys}
        return ends.isdisjoint(ids)

    def keeps_names(self, key: str) -> bool:
        """Whether no record's node has a name holding `key` (a normalized search key or name)."""
        return not any(key in name for name in self.names)

    def keeps_zone(self, target: str) -> bool:
        """Whether the zone rollup of `target` is the snapshot's: no record's edge has `target` as an end,
        and none of the types a rollup reads past the hub (ROLLUP_TYPES) has an end that is a neighbour
        of it. A rollup's rows and lists are the hub's edges and its members' support, member and
        FOCUSES_ON edges (one level: zone_index.containers), so a partnership between two members is not
        read, a new supporter of a member is."""
        kept = self._zones.get(target)
        if kept is None:
            kept = self._zones[target] = self._keeps_zone(target)
        return kept

    def _keeps_zone(self, target: str) -> bool:
        c = self.base
        if target in self.node_ids:
            return False
        z = c.ix.get(target)
        if z is None or z in self.touched:
            return False
        touched = self.touched_rollup
        if not touched:
            return True
        if sum(_size(c, i) for i in touched) <= max(_size(c, z), _SCAN):
            return not any(z in _ends(c, i) for i in touched)
        return touched.isdisjoint(_ends(c, z))


def _sides(c: Columns, i: int):
    """(edges, the array of their far ends) for node i's out- and in-edges, read in place when packed."""
    for side, far in ((c.out, c.edst), (c.inn, c.esrc)):
        if side[i] is _PACKED:
            offsets, flat = c.packed[id(side)]
            yield flat[offsets[i]: offsets[i + 1]], far
        else:
            yield c.adjacent(side, i, None), far


def _size(c: Columns, i: int) -> int:
    total = 0
    for side in (c.out, c.inn):
        if side[i] is _PACKED:
            total += c._packed_size(side, i)
        else:
            total += len(c.adjacent(side, i, None))
    return total


def _ends(c: Columns, i: int) -> set[int]:
    """Node i's neighbours (both directions)."""
    out: set[int] = set()
    for edges, far in _sides(c, i):
        out.update(far[e] for e in edges)
    return out
