"""The graph's schema as data: node types, edge types and the allowed patterns.

Loaders validate against it, the Neo4j backend takes labels and relationship
types only from it (never from user text), and the pages and pictures take
their colours, shapes and bilingual display names from it. Keeping it in one
table means a new type is one line here, not a hunt through five modules.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NodeType:
    name: str
    zh: str
    en: str
    color: str
    shape: str = "dot"


@dataclass(frozen=True)
class EdgeType:
    name: str
    zh: str
    en: str
    sources: frozenset[str]
    targets: frozenset[str]
    #: How the relation reads in words, "{source} … {target}", per language.
    phrase_zh: str = ""
    phrase_en: str = ""

    def allows(self, source_type: str, target_type: str) -> bool:
        return source_type in self.sources and target_type in self.targets


NODE_TYPES: dict[str, NodeType] = {
    t.name: t
    for t in (
        NodeType("Zone", "园区", "Zone", "#d62728", "star"),
        NodeType("District", "行政区", "District", "#8c564b", "square"),
        NodeType("Institution", "机构", "Institution", "#1f77b4", "dot"),
        NodeType("Program", "计划/专项", "Program", "#2ca02c", "diamond"),
        NodeType("Project", "项目/平台", "Project", "#98df8a", "dot"),
        NodeType("Fund", "基金", "Fund", "#ff7f0e", "triangle"),
        NodeType("Policy", "政策", "Policy", "#9467bd", "triangleDown"),
        NodeType("Event", "活动", "Event", "#e377c2", "diamond"),
        NodeType("Region", "地区", "Region", "#17becf", "hexagon"),
        NodeType("Field", "领域", "Field", "#bcbd22", "dot"),
        NodeType("Metric", "指标", "Metric", "#7f7f7f", "square"),
        NodeType("Document", "文件", "Document", "#393b79", "square"),
    )
}

_ALL = frozenset(NODE_TYPES)
_SUBJECTS = _ALL - {"Metric", "Document"}
_ACTORS = frozenset({"Institution", "Zone", "District", "Region"})


def _edge(name, zh, en, sources, targets, phrase_zh, phrase_en) -> EdgeType:
    return EdgeType(name, zh, en, frozenset(sources), frozenset(targets), phrase_zh, phrase_en)


EDGE_TYPES: dict[str, EdgeType] = {
    t.name: t
    for t in (
        _edge("LOCATED_IN", "位于", "located in",
              {"Institution", "Project", "Event", "Zone", "District", "Fund", "Program", "Policy"},
              {"Zone", "District", "Region"},
              "{s} 位于 {t}", "{s} is located in {t}"),
        _edge("SUPPORTS", "支持", "supports",
              {"Program", "Fund", "Policy", "Institution", "Project", "Event", "Zone", "District"},
              _SUBJECTS,
              "{s} 支持 {t}", "{s} supports {t}"),
        _edge("FOCUSES_ON", "聚焦", "focuses on",
              _SUBJECTS - {"Field"},
              {"Field"},
              "{s} 聚焦 {t}", "{s} focuses on {t}"),
        _edge("INVESTS_IN", "投资", "invests in",
              {"Fund", "Institution"},
              {"Fund", "Institution", "Project", "Zone"},
              "{s} 投资 {t}", "{s} invests in {t}"),
        _edge("PARTNERS_WITH", "合作", "partners with",
              _ACTORS,
              _ACTORS,
              "{s} 与 {t} 合作", "{s} partners with {t}"),
        _edge("LED_BY", "牵头", "led by",
              {"Program", "Project", "Policy", "Event", "Zone", "Fund", "Institution", "Document"},
              {"Institution", "District"},
              "{s} 由 {t} 牵头", "{s} is led by {t}"),
        _edge("ISSUED_BY", "发布", "issued by",
              {"Policy", "Program", "Document", "Metric"},
              {"Institution"},
              "{s} 由 {t} 发布", "{s} is issued by {t}"),
        _edge("HOSTED_BY", "主办", "hosted by",
              {"Event"},
              {"Institution", "Region", "District", "Zone"},
              "{s} 由 {t} 主办", "{s} is hosted by {t}"),
        _edge("PART_OF", "属于", "part of",
              _SUBJECTS,
              _SUBJECTS,
              "{s} 属于 {t}", "{s} is part of {t}"),
        _edge("MEASURES", "衡量", "measures",
              {"Metric"},
              _SUBJECTS,
              "{s} 衡量 {t}", "{s} measures {t}"),
    )
}

#: Edge types that make their source a supporter of their target.
SUPPORT_EDGES_IN = ("SUPPORTS", "INVESTS_IN")
#: Edge types that make their *target* a supporter of their source (X LED_BY Y: Y supports X).
SUPPORT_EDGES_OUT = ("LED_BY",)
#: Edge types that make their source a member of a zone (or any container).
MEMBER_EDGES = ("LOCATED_IN", "PART_OF")
#: A zone profile's lists: name -> (edge types, the end that holds the list: 0 source, 1 target),
#: in profile order; both backends' zone indexes keep them per hub.
PROFILE_LISTS = {
    "members": (MEMBER_EDGES, 1),
    "parents": (("PART_OF",), 0),
    "metrics": (("MEASURES",), 1),
    "partners_out": (("PARTNERS_WITH",), 0),
    "partners_in": (("PARTNERS_WITH",), 1),
    "leaders": (("LED_BY",), 0),
}

INSTITUTION_KINDS = ("government", "research", "university", "enterprise", "international", "association")


def node_type(name: str) -> NodeType:
    """The node type called `name`; a KeyError names the valid ones."""
    try:
        return NODE_TYPES[name]
    except KeyError:
        raise KeyError(f"unknown node type {name!r}; valid: {', '.join(NODE_TYPES)}") from None


def edge_type(name: str) -> EdgeType:
    try:
        return EDGE_TYPES[name]
    except KeyError:
        raise KeyError(f"unknown edge type {name!r}; valid: {', '.join(EDGE_TYPES)}") from None


def pattern_error(source_type: str, edge: str, target_type: str) -> str | None:
    """Why (source_type)-[edge]->(target_type) is not allowed, or None if it is."""
    if source_type not in NODE_TYPES:
        return f"unknown node type {source_type!r}"
    if target_type not in NODE_TYPES:
        return f"unknown node type {target_type!r}"
    et = EDGE_TYPES.get(edge)
    if et is None:
        return f"unknown edge type {edge!r}; valid: {', '.join(EDGE_TYPES)}"
    if not et.allows(source_type, target_type):
        return f"pattern ({source_type})-[{edge}]->({target_type}) is not in the schema"
    return None
