""""哪个项目涉及的领域最多？", "除了市科委以外，哪个机构主办的活动最多？", "哪个技术领域受到的关注最多？": nodes of one
type ranked by the nodes of another type the graph ties to them, over the relation the verb names.

Why (session 13, blind set): these were declined with "the graph holds nothing to rank this by", which is
not so: the graph names each project's fields, each body's events. Zones keep their own rankings
(most_members, most_supported); this one ranks any other type that a question names after 哪个/which.

The report's author is set apart, as in every ranking (graph/rank_apart.py): it is the implicit subject
of nearly every sentence of its own report, so it "supports" or "hosts" more than anyone by construction.
Its count is said beside the ranking, never as the answer; with nobody else left ("哪个机构支持的项目最多？":
only the author supports projects) the answer says so instead of crowning it. A type word that covers
two types (项目: Program or Project) ranks each; the type the word itself names (项目/平台) comes first.
Counts are of nodes the graph names, not the report's totals. Narrow words (大学, 平台 …) and zones are
left to the other readings.
"""

from __future__ import annotations

import re

from graph.ask import model, narrow
from graph.ask.forms import ENTITY, grammar
from graph.ask.parser import Parse
from graph.ask.words import say, short
from graph.queries import GraphQueries
from graph.publisher import publisher_ids
from graph.rank_apart import apart_ids
from graph.schema import EDGE_TYPES, NODE_TYPES

SHOWN = 5
#: The relation a verb names, by edge types; no verb: any edge.
VERBS = (  # (words, edge types, the direction of the ranked node's edges when it acts)
    (re.compile(r"涉及|聚焦|关注|布局|覆盖|专注|侧重|\b(focus|cover|span|attention|work(s|ed)? on)"), ("FOCUSES_ON",), "out"),
    (re.compile(r"主办|举办|承办|组织|召开|\b(host|organi[sz]|held|hold)"), ("HOSTED_BY",), "in"),
    (re.compile(r"投资|出资|\binvest"), ("INVESTS_IN",), "out"),
    (re.compile(r"支持|资助|扶持|\b(support|fund|back)"), ("SUPPORTS", "INVESTS_IN"), "out"),
    (re.compile(r"合作|\b(partner|cooperat|collaborat)"), ("PARTNERS_WITH",), "both"),
    (re.compile(r"发布|出台|印发|\bissu"), ("ISSUED_BY",), "in"),
    (re.compile(r"包括|包含|\b(include|contain)"), ("PART_OF",), "in"),
)
#: "受到的关注", "got the most support": the ranked node is the one acted on.
PASSIVE = re.compile(r"受到|得到|获得|被|\b(got|gets|get|received|receives|by)\b")
_WHICH = {"zh": r"(?:哪个|哪一个|哪家|哪项|哪些|哪类)", "en": r"\bwhich"}
PLACES = ("Zone", "District")


def answer(queries: GraphQueries, p: Parse, base: dict, evidence) -> model.Answer | None:
    read = _read(p)
    if read is None:
        return None
    ranked_types, counted_types, edge_types, way = read
    apart = apart_ids(queries.store, include_publisher=False)
    tables, authors = [], []
    for t in ranked_types:
        rows = []
        for node in queries.store.nodes_of_type(t):
            if node.id in p.excluded:
                continue
            edges = [e for e in queries.store.edges([node.id], way, list(edge_types)) if e.source != e.target]
            ends = queries.store.get_nodes({e.target if e.source == node.id else e.source for e in edges} - apart - {node.id})
            ends = {i: n for i, n in ends.items() if not counted_types or n.type in counted_types}
            if not ends:
                continue
            row = model.Item(node=node, value=float(len(ends)), edges=[e for e in edges if {e.source, e.target} & set(ends)])
            (authors if node.id in apart else rows).append(row)
        rows.sort(key=lambda i: (-(i.value or 0), i.node.id))
        if rows:
            tables.append((t, rows))
    return _answer(queries, p, base, evidence, ranked_types, counted_types, edge_types, tables, authors)


def _read(p: Parse) -> tuple[list[str], list[str], tuple[str, ...], str] | None:
    """(ranked types, counted types, edge types, direction), or None when the question is no such ranking."""
    lang, g = p.language, grammar()
    if any(m.ids for m in p.mentions) or ENTITY in p.skeleton or narrow.asked(p, p.types):
        return None
    words = "|".join(w.regex.pattern.replace(r"\b", "") for w in g.type_words[lang])
    most = "最多" if lang == "zh" else r"\b(?:the )?most\b"
    if lang == "zh":  # "哪个项目涉及的领域最多", "领域最多的是哪个项目"
        m = re.search(rf"{_WHICH[lang]}\s*(?P<t1>{words})(?P<mid>.*?)(?P<t2>{words})?\s*(?:{most})", p.skeleton) or \
            re.search(rf"(?P<t2>{words})?(?:{most})(?P<mid>.*?){_WHICH[lang]}\s*(?P<t1>{words})", p.skeleton)
    else:  # "which program supports the most zones"
        m = re.search(rf"{_WHICH[lang]}\s*(?P<t1>{words})\b(?P<mid>.*?)(?:{most})\s*(?P<t2>{words})?", p.skeleton)
    if m is None:
        return None
    ranked = _types_of(m.group("t1"), lang)
    counted = _types_of(m.group("t2"), lang) if m.group("t2") else []
    if not ranked or any(t in PLACES for t in ranked):
        return None
    said = p.skeleton[m.start("mid"):]  # the verb stands between the two types, or after "most" (gets the most attention)
    verb = next(((types, way) for regex, types, way in VERBS if regex.search(said)), ((), "both"))
    if not counted and not verb[0]:  # "哪个机构最…": nothing named to count by
        return None
    primary = [t for t in ranked if m.group("t1") in NODE_TYPES[t].zh or t.lower() in m.group("t1")]
    way = _direction(ranked, verb[0], verb[1], bool(PASSIVE.search(said)))
    return primary + [t for t in ranked if t not in primary], counted, verb[0], way


def _direction(ranked: list[str], edge_types: tuple[str, ...], acting: str, passive: bool) -> str:
    """Which way the ranked node's edges go: what the schema allows (a field is only ever focused on),
    else the verb's, turned round by a passive ("受到支持")."""
    if not edge_types or acting == "both":
        return "both"
    kinds = [EDGE_TYPES[e] for e in edge_types]
    if all(t in k.targets and t not in k.sources for t in ranked for k in kinds):
        return "in"
    if all(t in k.sources and t not in k.targets for t in ranked for k in kinds):
        return "out"
    return {"in": "out", "out": "in"}[acting] if passive else acting


def _types_of(word: str, lang: str) -> list[str]:
    return next((list(w.types) for w in grammar().type_words[lang] if w.regex.fullmatch(word)), [])


def _answer(queries, p, base, evidence, ranked_types, counted_types, edge_types, tables, authors) -> model.Answer:
    lang = p.language
    relation = EDGE_TYPES[edge_types[0]] if edge_types else None
    what = (_type_names(counted_types, lang) if counted_types else "") or (say(lang, f"{relation.zh}关系", f"'{relation.en}' links") if relation
                                                 else say(lang, "关联", "links"))
    author = ""
    publishers = publisher_ids(queries.store)
    for a in authors:
        author += say(lang, f"报告作者{short(a.node, lang)}（{int(a.value or 0)} 个）是报告中几乎每句话的隐含主语，不参与排名。",
                      f" The report's author, {short(a.node, lang)} ({int(a.value or 0)}), is the implicit subject of "
                      "nearly every sentence of its own report and is not ranked.") if a.node.id in publishers else \
            say(lang, f"报告所述的城市{short(a.node, lang)}（{int(a.value or 0)} 个）同样不参与排名。",
                f" The city the report covers, {short(a.node, lang)} ({int(a.value or 0)}), is not ranked either.")
    interpretation = say(lang, f"按{what}个数排序的{_type_names(ranked_types, lang)}",
                         f"{_type_names(ranked_types, lang)} ranked by their {what}")
    params = {"refs": [], "types": ranked_types, "count": False, "counted": counted_types}
    if not tables:
        summary = say(lang, f"除报告作者外，图中没有哪个{_type_names(ranked_types, lang)}有这样的{what}。",
                      f"Apart from the report's author, no {_type_names(ranked_types, lang)} has such {what} in the graph.") + author
        return model.Answer(**base, status="empty", interpretation=interpretation, summary=summary,
                            query="most_related", params=params, count=0, items=[])
    if all(len(rows) > 1 and rows[0].value == rows[-1].value for _, rows in tables):  # no leader: no "most"
        rows = [r for _, rs in tables for r in rs]
        names = say(lang, "、", ", ").join(short(r.node, lang) for r in rows[:8]) + say(lang, " 等", " …") * (len(rows) > 8)
        summary = say(lang, f"没有哪个{_type_names(ranked_types, lang)}的{what}最多：{len(rows)} 个并列，各 "
                            f"{int(rows[0].value or 0)} 个（{names}），图分不出先后。",
                      f"No {_type_names(ranked_types, lang)} has the most {what}: {len(rows)} tie with "
                      f"{int(rows[0].value or 0)} each ({names}); the graph cannot tell them apart.") + author
        return model.Answer(**base, status="empty", interpretation=interpretation, summary=summary, query="most_related",
                            params=params, count=0, items=[], related=rows, nodes=[r.node for r in rows])
    parts = []
    for t, rows in tables:
        top = [r for r in rows if r.value == rows[0].value]
        lead = say(lang, "、", ", ").join(short(r.node, lang) for r in top)
        rest = say(lang, "；", "; ").join(f"{short(r.node, lang)} {int(r.value or 0)}" for r in rows[len(top):SHOWN])
        parts.append(say(lang, f"{NODE_TYPES[t].zh}中{what}最多的是{lead}（{int(rows[0].value or 0)} 个"
                               f"{'，并列' if len(top) > 1 else ''}）" + (f"，其次：{rest}" if rest else ""),
                         f"among {t.lower()} nodes, the most {what}: {lead} "
                         f"({int(rows[0].value or 0)}{', tied' if len(top) > 1 else ''})" + (f"; then {rest}" if rest else "")))
    summary = say(lang, "；".join(parts) + "。按图中点名的节点计数，不是报告给出的总数。",
                  "; ".join(parts)[0].upper() + "; ".join(parts)[1:] + ". Counted over the nodes the graph names, "
                  "not the report's totals.") + author
    items = [r for _, rows in tables for r in rows]
    edges = list({e.key: e for e in tables[0][1][0].edges}.values())
    return model.Answer(**base, status="answered", interpretation=interpretation, summary=summary, query="most_related",
                        params=params, count=len(items), items=items, nodes=[i.node for i in items], edges=edges,
                        evidence=evidence(queries, edges))


def _type_names(types: list[str], lang: str) -> str:
    return say(lang, "、", ", ").join(NODE_TYPES[t].zh for t in types) if lang == "zh" else \
        " or ".join(t.lower() for t in types) + " nodes"
