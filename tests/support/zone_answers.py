"""The zone answers built on the zone index (own supporters, two zones compared: session 17), asked of a store.

Session 18 adds `more_questions`: the other zone answers read by page (graph/ask/zone_rows.py).
Shared by tests/ask/test_zone_answers_by_page.py (memory: by page = the whole answer) and the conformance
suite (tests/graph/test_conformance.py: Neo4j = memory). `low_index` makes every zone of the bundled graph a
hub of the zone index on both backends (their zones have 3-14 edges; the default threshold is 64).
"""

from __future__ import annotations

from graph.ask import answer
from graph.memory import zone_index as memory_index
from graph.neo4j import zone_index as neo4j_index
from graph.queries import GraphQueries

FOUR = ("zone-zhongguancun-science-city", "zone-huairou-science-city", "zone-future-science-city",
        "zone-beijing-economic-technological-development-area")


def low_index(monkeypatch, degree: int = 3) -> None:
    monkeypatch.setattr(memory_index, "INDEX_DEGREE", degree)
    monkeypatch.setattr(neo4j_index, "INDEX_DEGREE", degree)


class NoIndex:
    """The store without its zone index: every answer takes the path of a node too small to keep one."""

    def __init__(self, store):
        self._store = store

    def __getattr__(self, name):
        if name in ("support_window", "profile_window", "supporters_among"):
            raise AttributeError(name)
        return getattr(self._store, name)


def questions(store) -> list[str]:
    """Own supporters of each zone (Chinese and English) and every ordered pair of the four zones compared."""
    zones = store.nodes_of_type("Zone")
    out = [f"{z.name_zh}有哪些独有的支持者" for z in zones] + [f"Which supporters does only {z.name_en} have?"
                                                             for z in zones]
    nodes = store.get_nodes(FOUR)
    pairs = [(nodes[a], nodes[b]) for a in FOUR for b in FOUR if a != b]
    return out + [f"{a.name_zh}与{b.name_zh}有什么区别？" for a, b in pairs] + [f"Compare {a.name_en} and {b.name_en}"
                                                                       for a, b in pairs[:4]]


def more_questions(store) -> list[str]:
    """Session 18's zone answers read by page: supporters (all, one type, three types), members (all, a type),
    the story, each of every zone; the supporters two zones share, each ordered pair of the four; the zones
    ranked by supporters; a supporter left out by name."""
    out = []
    for z in store.nodes_of_type("Zone"):
        out += [f"谁支持{z.name_zh}？", f"哪些政策支持{z.name_zh}？", f"哪些机构和项目支持{z.name_zh}？",
                f"{z.name_zh}包括哪些？", f"{z.name_zh}包括哪些机构？", f"介绍一下{z.name_zh}", f"Tell me about {z.name_en}"]
    nodes = store.get_nodes(FOUR)
    out += [f"{nodes[a].name_zh}和{nodes[b].name_zh}共同的支持者有哪些？" for a in FOUR for b in FOUR if a != b]
    return out + ["哪个园区最受支持？", "Which zone gets the most support?", "经开区除了市科委还有谁在支持"]


def outcome(store, question: str) -> tuple:
    """What a reader sees of an answer: status, query, count, rows (in order), summary, notes, truncated."""
    got = answer(GraphQueries(store), question)
    return (got.status, got.query, got.count, [(i.node.id, i.via.id if i.via else None) for i in got.items],
            got.summary, got.notes, got.truncated)
