"""`innograph reindex`: build the zone index again from the graph, or check it for drift.

Why a command: the index is kept by innograph's own writes. A graph changed some other way
(Cypher run by hand against the Neo4j database, a restored backup, an older innograph) has an
index that no longer matches it, and answers from it would be wrong. `check` compares the kept
index with one built from scratch and changes nothing; `reindex` replaces it.

Neo4j: the store's own `reindex` (graph/neo4j/zone_index.py; the check runs the rebuild in a
transaction it rolls back). Memory store: the rollups are compared with a fresh numpy build
(graph/memory/zone_build.py), and a rebuild is saved with the snapshot.
"""

from __future__ import annotations

from typing import Any

DRIFT_KEYS = ("missing_rows", "extra_rows", "wrong_rows", "missing_counters", "extra_counters", "wrong_counters")


def reindex(store: Any, check: bool = False) -> dict[str, Any]:
    """{"backend", "hubs", drift counts (with check), "drift": bool}; rebuilds unless `check`."""
    if hasattr(store, "reindex"):
        report = store.reindex(check=check)
    else:
        report = _memory(store, check)
    report = {"backend": store.backend, **report}
    report["drift"] = any(report.get(k) for k in DRIFT_KEYS)
    return report


def _memory(store: Any, check: bool) -> dict[str, Any]:
    from graph.memory.zone_build import build

    columns = store._c
    kept = columns.zindex
    build(columns)
    fresh = columns.zindex
    report: dict[str, Any] = {"hubs": len(fresh.roll)}
    if check:
        columns.zindex = kept
        report.update(_compare(kept, fresh))
    elif store.path is not None:
        store.save()
    return report


def _compare(kept: Any, fresh: Any) -> dict[str, int]:
    def rows(index: Any) -> dict:
        out = {}
        for z, roll in (index.roll.items() if index is not None else ()):
            out[(z, "rows")] = list(roll.rows)
            out.update({(z, name): list(v) for name, v in roll.lists.items()})
        return out

    def counters(index: Any) -> dict:
        out = {}
        for z, roll in (index.roll.items() if index is not None else ()):
            out.update({(z, "type", t): n for t, n in roll.by_type.items()})
            out.update({(z, "field", f): n for f, n in roll.fields.items()})
        return out

    report = {}
    for name, have, want in (("rows", rows(kept), rows(fresh)), ("counters", counters(kept), counters(fresh))):
        report[f"missing_{name}"] = len(want.keys() - have.keys())
        report[f"extra_{name}"] = len(have.keys() - want.keys())
        report[f"wrong_{name}"] = sum(1 for k in want.keys() & have.keys() if want[k] != have[k])
    return report
