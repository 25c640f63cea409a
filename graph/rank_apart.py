"""Who a ranking sets apart: the report's author and the city the report is about.

A ranking answers "what supports the zones, what ties them together". Two nodes top every
such list for a reason that is not an answer: the publisher (北京市科学技术委员会), the implicit
subject of the report's sentences, and its home city (北京市), which every city-wide indicator
("全市专利授权量…", "新设科技型企业…") measures. 北京市 came first in `innograph rank` with 27
ties, 22 of them indicators of the whole city. Both are context: ranked apart, named beside
the ranking with their own count, and put back with `include_publisher`.

The home city is found from the data, not a name written here: the Region whose Chinese name
begins the publisher's name (北京市 for 北京市科学技术委员会), the longest such name.
"""

from __future__ import annotations

from graph.model import Node
from graph.publisher import publisher_ids


def home_region_ids(store) -> frozenset[str]:
    """The region each publisher is named after, kept per state of the graph."""
    return store.memo(("home_region_ids",), lambda: _home_regions(store))


def _home_regions(store) -> frozenset[str]:
    publishers = store.get_nodes(list(publisher_ids(store)))
    regions = list(store.nodes_of_type("Region"))
    found = set()
    for pub in publishers.values():
        named = [r for r in regions if r.name_zh and pub.name_zh.startswith(r.name_zh) and r.name_zh != pub.name_zh]
        if named:
            found.add(max(named, key=lambda r: len(r.name_zh)).id)
    return frozenset(found)


def apart_ids(store, include_publisher: bool) -> frozenset[str]:
    """The nodes a ranking leaves out of its list: the publishers and their home regions."""
    if include_publisher:
        return frozenset()
    return publisher_ids(store) | home_region_ids(store)


def apart_nodes(store, include_publisher: bool) -> list[tuple[Node, int, str]]:
    """(node, its number of ties, why) for each node set apart: publishers first."""
    ids = apart_ids(store, include_publisher)
    if not ids:
        return []
    nodes = store.get_nodes(list(ids))
    degrees = store.degrees(list(ids))
    pubs = publisher_ids(store)
    out = [(nodes[i], int(degrees.get(i, 0)), "publisher" if i in pubs else "home")
           for i in sorted(ids, key=lambda i: (i not in pubs, i)) if i in nodes]
    return out


def sentence(store, include_publisher: bool, lang: str = "en", hint: str = "") -> str:
    """One sentence naming what the ranking set apart, or "" when nothing was."""
    parts = []
    for node, ties, why in apart_nodes(store, include_publisher):
        if lang == "zh":
            role = "报告作者" if why == "publisher" else "报告所述的城市，含全市指标"
            parts.append(f"{node.name_zh}（{role}，{ties} 个连接）")
        else:
            role = "the report's author" if why == "publisher" else "the city the report covers, with its city-wide indicators"
            parts.append(f"{node.name_en or node.name_zh} ({role}; {ties} ties)")
    if not parts:
        return ""
    if lang == "zh":
        return "不参与排名，单列为背景：" + "；".join(parts) + "。" + hint
    return "Ranked apart as context, not in this list: " + "; ".join(parts) + "." + hint
