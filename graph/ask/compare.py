""""Compare Huairou and Future Science City" / "中关村科学城与经开区有什么不同": two zones side by side.

Why (session 16b): a director's first question about two zones is how they differ. It was declined ("I could not
read this question", naming both zones) or, in Chinese, read by the members form for each zone, which leaves out
their supporters, fields and indicators. The graph can set two zones side by side: for each, its supporters,
members, fields and indicators (its direct relations of those kinds), how many of each, which it shares with the
other and which only it has. It cannot say which is better or stronger (it holds what the reports say, no
judgement); a question asking that ("Is Huairou Science City better than Future Science City?") is declined as
an opinion, offering the comparison.
Asked when exactly two names are found, both zones, nothing unknown, and a comparison word.
"""

from __future__ import annotations

import re

from graph.ask import model, replies, run
from graph.ask.gazetteer import gazetteer_for
from graph.ask.parser import Parse
from graph.ask.words import display, say, short
from graph.queries import GraphQueries
from graph.schema import SUPPORT_EDGES_IN

COMPARE = {"zh": re.compile(r"比较|对比|比一比|相比|不同|区别|差异|差别|异同|哪个(更)?(好|强)|谁(更)?(好|强)"),
           "en": re.compile(r"\bcompar\w*|\bdiffer\w*|\bversus\b|\bvs\b|\bcontrast\b|\bside by side\b|"
                            r"\b(better|stronger|best)\b")}
JUDGE = {"zh": re.compile(r"哪个(更)?(好|强)|谁(更)?(好|强)|更好|更强|优劣|好坏"),
         "en": re.compile(r"\b(better|stronger|best|worse)\b")}
KINDS = ("supporters", "members", "fields", "indicators")
LABEL = {"supporters": ("支持者", "supporters"), "members": ("成员", "members"),
         "fields": ("领域", "fields"), "indicators": ("指标", "indicators")}


def asked(queries: GraphQueries, p: Parse) -> list[str]:
    """The two zones' ids, when the question compares exactly two zones; else []."""
    if p.unknown or len(p.mentions) != 2 or not COMPARE[p.language].search(p.keyed):
        return []
    gaz = gazetteer_for(queries.store)
    zones = [gaz.zone_of(m.ids) for m in p.mentions]
    return zones if all(zones) and zones[0] != zones[1] else []


def _kind(item: model.Item, zone: str) -> str | None:
    edge = item.edges[0] if item.edges else None
    if edge is None:
        return None
    if edge.type in SUPPORT_EDGES_IN and edge.target == zone:
        return "supporters"
    if edge.type == "LOCATED_IN" and edge.target == zone:
        return "members"
    if edge.type == "FOCUSES_ON" and edge.source == zone:
        return "fields"
    if edge.type == "MEASURES" and edge.target == zone:
        return "indicators"
    return None


def profile(queries: GraphQueries, zone: str) -> dict[str, dict[str, model.Item]]:
    """A zone's rows by kind (node id -> row), from its direct relations."""
    rows: dict[str, dict[str, model.Item]] = {k: {} for k in KINDS}
    for item in run.run("about", queries, run.Params(refs=[zone])).items:
        kind = _kind(item, zone)
        if kind:
            rows[kind].setdefault(item.node.id, item)
    return rows


def answer(queries: GraphQueries, p: Parse, zones: list[str], base: dict, evidence) -> model.Answer:
    lang = p.language
    nodes = queries.store.get_nodes(zones)
    a, b = (nodes[z] for z in zones)
    if JUDGE[lang].search(p.keyed):  # an opinion: declined, the comparison offered
        sentence = say(lang, f"图中没有评价{display(a, lang)}与{display(b, lang)}孰优孰劣的依据（只记录报告写到的关系）；"
                             f"可以并列比较两者。",
                       f"The graph cannot say whether {display(a, lang)} or {display(b, lang)} is better (it holds "
                       f"what the report says, no judgement); it can set the two side by side.")
        offer = say(lang, f"{a.name_zh}和{b.name_zh}比较一下", f"Compare {a.name_en or a.name_zh} and {b.name_en or b.name_zh}")
        return replies.decline(p, base, sentence, [offer])
    pa, pb = profile(queries, a.id), profile(queries, b.id)
    sep = say(lang, "；", "; ")
    parts, items = [], {}
    for kind in KINDS:
        zh, en = LABEL[kind]
        both_ = [i for k, i in pa[kind].items() if k in pb[kind]]
        only_a = [i for k, i in pa[kind].items() if k not in pb[kind]]
        only_b = [i for k, i in pb[kind].items() if k not in pa[kind]]
        names = lambda rows: sep.join(short(i.node, lang) for i in rows) or say(lang, "无", "none")  # noqa: E731
        parts.append(say(lang,
                         f"{zh}：{display(a, lang)} {len(pa[kind])} 个、{display(b, lang)} {len(pb[kind])} 个；"
                         f"共有 {len(both_)} 个（{names(both_)}）；仅{display(a, lang)}：{names(only_a)}；"
                         f"仅{display(b, lang)}：{names(only_b)}。",
                         f"{en.capitalize()}: {display(a, lang)} {len(pa[kind])}, {display(b, lang)} {len(pb[kind])}; "
                         f"shared {len(both_)} ({names(both_)}); only {display(a, lang)}: {names(only_a)}; "
                         f"only {display(b, lang)}: {names(only_b)}."))
        for row in both_ + only_a + only_b:
            items.setdefault(row.node.id, row)
    for row in [i for k in KINDS for i in pb[k].values()]:  # the other zone's edge of a shared row too
        if row.node.id in items and row.edges[0] not in items[row.node.id].edges:
            items[row.node.id] = items[row.node.id].model_copy(update=dict(edges=items[row.node.id].edges + row.edges))
    rows = run._publisher_last(queries, list(items.values()), zones)
    interpretation = say(lang, f"{display(a, lang)}与{display(b, lang)}的对比（支持者、成员、领域、指标）",
                         f"{display(a, lang)} and {display(b, lang)} side by side (supporters, members, fields, "
                         f"indicators)")
    head = say(lang, "图中只能并列两者记录的关系，不评价优劣。", "The graph sets what it records of each side by side; it "
               "does not judge which is better. ")
    edges = [e for i in rows for e in i.edges]
    return model.Answer(**base, status="answered", interpretation=interpretation,
                        summary=head + say(lang, "", " ").join(parts), query="compare",
                        params={"refs": zones, "types": [], "count": False}, count=len(rows), items=rows,
                        nodes=[a, b] + [i.node for i in rows], edges=edges, evidence=evidence(queries, edges))
