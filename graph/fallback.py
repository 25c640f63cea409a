"""No bare "nothing found": what does support or relate when a typed answer is empty.

"Which funds support 怀柔科学城?" has no answer in the report: no fund is tied to any zone.
An empty table reads as "the graph is broken" or, worse, as "no fund does" when the report
simply does not say. So a typed answer that comes back empty says so in one line and shows
what the graph does hold: the supporters of every type (directly or via the node's members,
each with its path and evidence) and the nodes tied to it directly (with their edge).

`related_fallback` is the one place this is decided; the CLI and the API call it through
`GraphQueries.related_fallback`, and so can `ask` and the pages.
"""

from __future__ import annotations

from collections import Counter

from graph.results import Fallback, Member
from graph.schema import NODE_TYPES

#: Rows of each list a fallback shows (its totals say how many there are).
FALLBACK_ITEMS = 20


def related_fallback(queries, ref: str, type_: str | None = None, what: str = "supporters",
                     depth: int = 1) -> Fallback:
    """What supports or relates to `ref`, for an answer about `type_` that came back empty.

    `what` is the question that was empty: "supporters" (who supports it) or "neighbors"
    (nodes of `type_` within `depth` hops)."""
    node = queries.resolve(ref)
    total, supporters = queries.supporters_page(node.id, None, FALLBACK_ITEMS, 0)
    keys = queries.store.edge_keys([node.id], "both")
    shown = sorted(keys, key=lambda k: (k[1], k[2] if k[0] == node.id else k[0]))[:FALLBACK_ITEMS]
    edges = queries.store.get_edges(shown)
    far = queries.store.get_nodes({k[2] if k[0] == node.id else k[0] for k in shown})
    related = [Member(node=far[k[2] if k[0] == node.id else k[0]], edge=edges[k]) for k in shown if k in edges]
    kinds = Counter(s.node.type for s in supporters)
    message = _message(node.name_zh, type_, what, depth, total, kinds, len(keys))
    return Fallback(message=message, asked_type=type_, supporters=supporters, supporters_total=total,
                    related=related, related_total=len(keys))


def _message(name: str, type_: str | None, what: str, depth: int, total: int, kinds: Counter,
             ties: int) -> str:
    asked = _type_words(type_) if type_ else "node"
    if what == "neighbors":
        head = f"no {asked} within {depth} hop{'s' if depth > 1 else ''} of {name} in the graph"
    else:
        head = f"no {asked} supports {name} in the graph, directly or via its members"
    if total:
        counted = ", ".join(f"{t} {c}" for t, c in sorted(kinds.items()))
        more = "" if total <= sum(kinds.values()) else f", {total} in all"
        return f"{head}; what does support it: {counted}{more} (below, with evidence)"
    if ties:
        return f"{head}; nothing supports it; {ties} node(s) are tied to it directly (below, with evidence)"
    return f"{head}; nothing in the graph is tied to it"


def _type_words(type_: str) -> str:
    known = NODE_TYPES.get(type_)
    return f"{type_} ({known.zh})" if known else type_

