"""Two zones compared by page: each zone's rows of a kind, one page of them, and the other zone looked up by key.

Why (session 17): "怀柔科学城与未来科学城有什么区别" (graph/ask/compare.py) read every direct relation of both
zones (`about`: all their edges), so its cost grew with the zones' members (a synthetic zone holds 100,000
firms). A zone of the zone index (>= INDEX_DEGREE edges, both backends) is now read by page:

- members (LOCATED_IN) and indicators (MEASURES) from the index's profile lists (`store.profile_window`, the
  first PAGE in edge-key order, with their totals from the index: O(page));
- supporters (its direct SUPPORTS/INVESTS_IN) and fields (its own FOCUSES_ON) by typed edges of the zone:
  bounded by the zone's own such edges, never by its members;
- whether a row of one zone's page is the other's too: a keyed edge lookup (`store.get_edges`) per row.

A zone outside the index is read as before (its direct relations, at the cost of its own degree), so on
the bundled graph the answers do not change. `Side.complete` says whether a kind's page holds all its rows;
compare.py says "at least" and "first N shown" where it does not.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from graph.ask import model, run
from graph.queries import GraphQueries
from graph.schema import SUPPORT_EDGES_IN

KINDS = ("supporters", "members", "fields", "indicators")
PAGE = run.MAX_ITEMS  #: rows of each kind read per zone


@dataclass
class Side:
    """One zone's rows of one kind: a page of them (node id -> row, in ask's order), how many in all, and the
    rows of the other zone's page found in this zone by key lookup."""

    rows: dict[str, model.Item]
    total: int
    found: dict[str, model.Item] = field(default_factory=dict)

    @property
    def complete(self) -> bool:
        return len(self.rows) >= self.total


def _kind(item: model.Item, zone: str) -> str | None:
    return edge_kind(item.edges[0], zone) if item.edges else None


def edge_kind(edge, zone: str) -> str | None:
    """What `edge` makes its other end to `zone` in a comparison (direct relations only): one rule for the answer
    and the /ask page's table (viz/pages/compare_table.py)."""
    if edge.type in SUPPORT_EDGES_IN and edge.target == zone:
        return "supporters"
    if edge.type == "LOCATED_IN" and edge.target == zone:
        return "members"
    if edge.type == "FOCUSES_ON" and edge.source == zone:
        return "fields"
    if edge.type == "MEASURES" and edge.target == zone:
        return "indicators"
    return None


def sides(queries: GraphQueries, zone: str) -> dict[str, Side]:
    """A zone's rows by kind: by page from the zone index where it keeps one, else all its direct relations."""
    window = getattr(queries.store, "profile_window", None)
    kept = window(zone, PAGE) if window else None
    if kept is None:
        rows: dict[str, dict[str, model.Item]] = {k: {} for k in KINDS}
        for item in run.run("about", queries, run.Params(refs=[zone])).items:
            kind = _kind(item, zone)
            if kind:
                rows[kind].setdefault(item.node.id, item)
        return {k: Side(v, len(v)) for k, v in rows.items()}
    lists, _ = kept
    members, _, members_total = lists["members"]
    metrics, _, metrics_total = lists["metrics"]
    part_of = len(queries.store.edge_keys([zone], "in", ["PART_OF"]))  # the members list holds both member edges
    edges = queries.store.get_edges([k for k in members if k[1] == "LOCATED_IN"] + metrics)
    typed = (queries.store.edges([zone], "in", list(SUPPORT_EDGES_IN))
             + queries.store.edges([zone], "out", ["FOCUSES_ON"]) + list(edges.values()))
    nodes = queries.store.get_nodes({e.target if e.source == zone else e.source for e in typed})
    items = run._publisher_last(queries, run._ordered([
        model.Item(node=nodes[far], relation=e.type, edges=[e]) for e in typed
        for far in [e.target if e.source == zone else e.source] if far in nodes and far != zone]), [zone])
    rows = {k: {} for k in KINDS}
    for item in items:
        rows[_kind(item, zone)].setdefault(item.node.id, item)
    totals = {"supporters": len(rows["supporters"]), "fields": len(rows["fields"]),
              "members": members_total - part_of, "indicators": metrics_total}
    return {k: Side(rows[k], totals[k]) for k in KINDS}


def look_across(queries: GraphQueries, a: str, b: str, sa: dict[str, Side], sb: dict[str, Side]) -> None:
    """Fill each side's `found`: the rows of the other zone's page, not on its own page, that it has too (a
    kind read whole needs no lookup: a row it has is on its page)."""
    for mine, other, zone in ((sa, sb, a), (sb, sa, b)):
        for kind in ("members", "indicators"):
            if mine[kind].complete:
                continue
            edge_type = "LOCATED_IN" if kind == "members" else "MEASURES"
            ask = [(k, edge_type, zone) for k in other[kind].rows if k not in mine[kind].rows]
            got = queries.store.get_edges(ask)
            for key, edge in got.items():
                mine[kind].found[key[0]] = model.Item(node=other[kind].rows[key[0]].node, relation=edge_type,
                                                      edges=[edge])
