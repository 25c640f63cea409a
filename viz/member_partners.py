"""A zone's partners through its members, for the zone page and the briefing.

Why: 未来科学城's page and briefing said "Partners: (none)", while `innograph ask "未来科学城有哪些合作伙伴"`
named 中国石油大学 and 华北电力大学: the report has them work with the zone's central SOEs
(推动中国石油大学、华北电力大学等与未来科学城央企开展实质性合作), a member of the zone. The
profile lists the zone's own PARTNERS_WITH edges only; a planner reading the page takes "(none)"
as the zone's story. These rows are shown apart, each with the member it goes through and the
sentence that says so, so a direct partner is never confused with a member's.

Cost follows the page: only the members the profile already holds (at most one page, 500) are
read, in one edge call; when the zone has more members the caller says the list is partial.
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.model import Edge, Node
from graph.results import ZoneProfile


@dataclass(frozen=True)
class ViaPartner:
    node: Node  # the partner
    via: Node  # the member of the zone that partners with it
    edge: Edge  # the PARTNERS_WITH edge, with its evidence


def member_partners(store, profile: ZoneProfile) -> list[ViaPartner]:
    """Partners of the zone's listed members that are not the zone, its members or its direct partners."""
    members = {m.node.id: m.node for m in profile.members}
    if not members:
        return []
    skip = set(members) | {m.node.id for m in profile.partners} | {profile.zone.id}
    edges = store.edges(sorted(members), "both", ["PARTNERS_WITH"])
    pairs = []
    for e in edges:
        member = e.source if e.source in members else e.target
        other = e.target if member == e.source else e.source
        if other not in skip:
            pairs.append((other, member, e))
    nodes = store.get_nodes({o for o, _, _ in pairs})
    rows = {(o, m): ViaPartner(nodes[o], members[m], e) for o, m, e in pairs if o in nodes}
    return [rows[k] for k in sorted(rows)]


def partial(profile: ZoneProfile) -> bool:
    """True when the zone has more members than the profile lists (the rows come from those listed)."""
    return profile.counts.get("members", len(profile.members)) > len(profile.members)
