"""What `innograph reindex` says: the zone index and (on Neo4j) the search blocks, each by name.

Why apart from api/cli.py: Neo4jStore.reindex returns one list, the hubs whose zone index differed
followed by "(search index: ...)" entries for the search blocks (graph/neo4j/search_build.py); a
user must read which index was rebuilt or found to differ, not a hub list with a search note in it.
"""

from __future__ import annotations

SEARCH = "(search index: "

#: What the check found in the search blocks -> (problem for --check, what a rebuild did).
_SEARCH_STATES = {
    "never built": ("the search index was never built (search reads the text index)",
                    "the search index was built (it never had been)"),
    "incomplete": ("the search index is incomplete: a build after a write has not finished (search "
                   "reads the text index meanwhile)", "the search index was finished (a build had not)"),
}


def split(differ: list[str]) -> tuple[list[str], list[str]]:
    """(hub ids, search index findings without their wrapper)."""
    hubs = [d for d in differ if not d.startswith(SEARCH)]
    return hubs, [d[len(SEARCH):-1] for d in differ if d.startswith(SEARCH)]


def _search_line(found: str, check: bool) -> str:
    if found in _SEARCH_STATES:
        return _SEARCH_STATES[found][0 if check else 1]
    if found.endswith(" name streams"):
        n = found.split()[0]
        return (f"the search index differs from the graph in {n} name stream(s)" if check
                else f"the search index was rebuilt ({n} name stream(s) differed)")
    return f"the search index is {found}"  # "not finished, names kept changing; run reindex again"


def report(differ: list[str], check: bool, searches: bool) -> tuple[list[str], list[str]]:
    """(lines for stdout, problems for one stderr line). `searches`: the store keeps search blocks."""
    hubs, found = split(differ)
    out, problems = [], []
    if check and hubs:
        problems.append(f"the zone index differs from the graph for {len(hubs)} node(s): {', '.join(hubs[:10])}")
    elif check:
        out.append("the zone index is consistent with the graph")
    else:
        out.append("the zone index was rebuilt" + (f" ({len(hubs)} node(s) differed)" if hubs else
                                                  " (it was consistent with the graph)"))
    if searches:
        unfinished = [f for f in found if f.startswith("not finished")]
        for f in found:
            if f not in unfinished:
                (problems if check else out).append(_search_line(f, check))
        problems += [_search_line(f, check) for f in unfinished]
        if not found:
            out.append("the search index is consistent with the graph" if check else
                       "the search index was consistent with the graph: left as it was")
    return out, problems
