"""The report's own sentence on a zone: the one line that makes a zone's story its own.

Why: the key points (the briefing's page 1, the zone page's lead) list names under the same
headings for every zone, so the four zones of 三城一区 read alike with the names changed. The
report says what the year meant for each in one sentence of its own — 突破怀柔科学城…, 聚焦中关村
科学城…, 搞活未来科学城…, 升级经济技术开发区… — and that sentence carries most of the zone's
relations (its members, its fields, the key task's support). Quoting it gives each zone a lead in
the report's words, with the report named as its source.

The sentence is chosen from the graph, not from a list: among the sentences that name the zone
(its Chinese name or an alias), the one most of the profile's relations rest on; a tie goes to
the earlier sentence of the document. A heading ("2.着力服务“三城一区”发展。") is not a sentence
to quote: a text shorter than MIN_CHARS is passed over.

It lives in graph/, not viz/, because `ask` opens a zone's story with the same sentence
(graph/ask/story.py): the page, the briefing and the answer a director reads agree.
"""

from __future__ import annotations

from collections import defaultdict

from graph.model import Edge, Evidence, Node
from graph.results import ZoneProfile

#: The node types a zone lies in (a district, a region), not a zone it is part of.
PLACES = ("District", "Region")
#: Shorter than this, a quote is a heading or a list item, not the report's sentence on the zone.
MIN_CHARS = 20


def profile_edges(profile: ZoneProfile) -> list[Edge]:
    """Every relation the profile shows: members, parents, indicators, partners, leaders, each supporter's hops."""
    edges = [m.edge for group in (profile.members, profile.parents, profile.metrics, profile.partners,
                                   profile.leaders) for m in group]
    for s in profile.supporters:
        for path in ([p.edges for p in s.paths] or [s.path]):
            edges.extend(path)
    return edges


def own_sentence(profile: ZoneProfile) -> Evidence | None:
    """The sentence naming the zone that most of its profile's relations rest on (None: no sentence names it)."""
    zone = profile.zone
    names = [n for n in (zone.name_zh, *(zone.aliases or ())) if n and len(n) >= 2]
    weight: dict[tuple[str, int, int], set[tuple[str, str, str]]] = defaultdict(set)
    found: dict[tuple[str, int, int], Evidence] = {}
    for edge in profile_edges(profile):
        for ev in edge.evidence:
            if len(ev.quote) >= MIN_CHARS and any(n in ev.quote for n in names):
                weight[ev.key].add(edge.key)
                found.setdefault(ev.key, ev)
    if not weight:
        return None
    best = min(weight, key=lambda k: (-len(weight[k]), k[0], k[1]))
    return found[best]


def located_in(store, profile: ZoneProfile) -> list[Node]:
    """The regions the zone lies in (未来科学城 → 昌平区): the profile's parents are its PART_OF only, so the
    page and the briefing did not say where a zone is, while `ask` ("Where is Future Science City?") did."""
    edges = store.edges([profile.zone.id], "out", ["LOCATED_IN"])
    nodes = store.get_nodes({e.target for e in edges})
    return [nodes[i] for i in sorted(nodes) if nodes[i].type in PLACES]
