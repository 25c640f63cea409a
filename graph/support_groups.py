"""Supporters, one row each: a supporter's paths grouped under it.

`GraphQueries._supporter_rows` gives one row per (supporter, supported, edge): the report's
author supports ten of 怀柔科学城's members and so came back ten times, ten rows with
near-identical evidence, drowning the programs and funds. A planner asks "who supports
it"; the answer names each supporter once and shows all of its paths (direct first, then
by member), at most `limits.SUPPORT_PATHS` of them, with `path_count` giving how many.

Groups keep the order of their first row (direct supporters first, then by type and id),
so paging counts supporters, not paths. Records are read only for the paths shown.
"""

from __future__ import annotations

from graph import limits
from graph.results import SupportPath, Supporter

Row = tuple  #: (supported id, supporter id, edge key)


def group_rows(rows: list[Row]) -> list[list[Row]]:
    """Rows grouped by supporter, each group in row order, groups in the order of their first row."""
    groups: dict[str, list[Row]] = {}
    for row in rows:
        groups.setdefault(row[1], []).append(row)
    return list(groups.values())


def grouped_supporters(store, target: str, groups: list[list[Row]], member_of: dict,
                       counts: list[int] | None = None) -> list[Supporter]:
    """One Supporter per group, its first `limits.SUPPORT_PATHS` paths read from the store; `counts`
    gives each group's path count where the groups are already cut (the zone index reads no more)."""
    shown = [group[: limits.SUPPORT_PATHS] for group in groups]
    vias = {supported for group in shown for supported, _, _ in group if supported != target}
    edges = store.get_edges([key for group in shown for _, _, key in group] + [member_of[v] for v in vias])
    nodes = store.get_nodes({group[0][1] for group in shown} | vias)
    out = []
    for k, (group, rows) in enumerate(zip(groups, shown)):
        paths = []
        for supported, _, key in rows:
            if supported == target:
                paths.append(SupportPath(relation=key[1], edges=[edges[key]]))
            else:
                paths.append(SupportPath(relation=key[1], via=nodes[supported],
                                         edges=[edges[key], edges[member_of[supported]]]))
        first = paths[0]
        out.append(Supporter(node=nodes[rows[0][1]], relation=first.relation, via=first.via, path=first.edges,
                             paths=paths, path_count=len(group) if counts is None else counts[k]))
    return out
