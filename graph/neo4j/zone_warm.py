"""Plans for the statements of a zone's page and profile, made when a store opens.

Why: Neo4j plans a statement the first time its text (with its parameter types) runs, and keeps
the plan in a cache the whole server shares. A hub's first supporters page runs six statements
(the node by id, the counters, the range seek, the members' edges, the edges by key, the nodes):
measured at 10k nodes, that first page took 1.5 s with an empty plan cache and 0.18 s with the
plans cached, all the difference being planning (the server's time to its first record fell from
20-110 ms to 0-10 ms a statement). A user's first page after a server start paid it.

So each statement runs once here, with parameters of the same types that match nothing, in one
read transaction: on a server that has the plans, a few milliseconds at open; on a fresh one,
the planning once, at open instead of in the first answer. On a server too busy to plan them all
within the query budget (a fresh JVM at load average 10 took more than 10 s), the open goes on: the
statements not planned yet are planned at their first use, as before. `EXPLAIN` would be cheaper but does
not leave a plan the later run reuses (measured on 5.26: the first real run still planned).
"""

from __future__ import annotations

from graph.errors import QueryTimeout
from graph.neo4j import cypher
from graph.neo4j import zone_cypher as zc
from graph.neo4j import zone_groups as zg

_NONE = "\x00\x01"  #: an id no node has and a key range no row lies in (lo == hi)

#: (statement, parameters with the types the store passes) for each statement of a page or profile.
STATEMENTS = (
    (cypher.NODES_BY_ID, {"ids": [_NONE]}),
    (zc.COUNTERS, {"lo": _NONE, "hi": _NONE}),
    (zc.PAGE, {"lo": _NONE, "hi": _NONE, "skip": 0, "n": 1}),
    (zc.COUNT_RANGE, {"lo": _NONE, "hi": _NONE}),
    (zc.MEMBER_TYPES, {"ids": [_NONE], "z": _NONE}),
    (zc.MEMBER_TYPES, {"ids": [], "z": _NONE}),  # a page of direct supporters only: an empty list plans apart
    (zg.RANGES, {"ranges": [{"i": 0, "lo": _NONE, "hi": _NONE}], "n": 1}),  # each listed supporter's paths
    (cypher.EDGES_BY_KEY, {"keys": [[_NONE, "SUPPORTS", _NONE]]}),
    (zc.LIST_SIZES, {"z": _NONE}),
    (cypher.DOCUMENTS, {}),  # the publishers, read by every supporters page (graph/support_order.py)
)


def warm(tx) -> list[list[dict]]:
    """Run every statement of STATEMENTS once; returns each one's rows (none, or a count of 0)."""
    return [tx.run(statement, params).data() for statement, params in STATEMENTS]


def warm_store(store) -> None:
    """warm() in one read transaction of the store; a timeout leaves the rest to their first use."""
    try:
        store._read(warm)
    except QueryTimeout:
        pass  # an optimisation ran out of time; every answer is still right, only its first call slower
