""""Compare Huairou and Future Science City" / "中关村科学城与经开区有什么不同": two zones side by side.

Why (session 16b): a director's first question about two zones is how they differ. It was declined ("I could not
read this question", naming both zones) or, in Chinese, read by the members form for each zone, which leaves out
their supporters, fields and indicators. The graph can set two zones side by side: for each, its supporters,
members, fields and indicators (its direct relations of those kinds), how many of each, which it shares with the
other and which only it has. It cannot say which is better or stronger (it holds what the reports say, no
judgement); a question asking that ("Is Huairou Science City better than Future Science City?") is declined as
an opinion, offering the comparison.
Asked when exactly two names are found, both zones, nothing unknown, and a comparison word.

By page (session 17): a zone of the zone index is read a page of each kind at a time, the other zone looked up
by key, counts from the index (graph/ask/compare_pages.py); a kind whose page is not all of it says so.
"""

from __future__ import annotations

import re

from graph.ask import compare_pages, model, replies, run
from graph.ask.gazetteer import gazetteer_for
from graph.ask.parser import Parse
from graph.ask.words import display, say, short
from graph.queries import GraphQueries

COMPARE = {"zh": re.compile(r"比较|对比|比一比|相比|不同|区别|差异|差别|异同|哪个(更)?(好|强)|谁(更)?(好|强)|更好|更强|优劣|好坏"),
           "en": re.compile(r"\bcompar\w*|\bdiffer\w*|\bversus\b|\bvs\b|\bcontrast\b|\bside by side\b|"
                            r"\b(better|stronger|best)\b")}
JUDGE = {"zh": re.compile(r"哪个(更)?(好|强)|谁(更)?(好|强)|更好|更强|优劣|好坏"),
         "en": re.compile(r"\b(better|stronger|best|worse)\b")}
KINDS = compare_pages.KINDS
LABEL = {"supporters": ("支持者", "supporters"), "members": ("成员", "members"),
         "fields": ("领域", "fields"), "indicators": ("指标", "indicators")}


def asked(queries: GraphQueries, p: Parse) -> list[str]:
    """The two zones' ids, when the question compares exactly two zones; else []."""
    if p.unknown or len(p.mentions) != 2 or not COMPARE[p.language].search(p.keyed):
        return []
    gaz = gazetteer_for(queries.store)
    zones = [gaz.zone_of(m.ids) for m in p.mentions]
    return zones if all(zones) and zones[0] != zones[1] else []


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
    pa, pb = compare_pages.sides(queries, a.id), compare_pages.sides(queries, b.id)
    compare_pages.look_across(queries, a.id, b.id, pa, pb)
    parts, items = [], {}
    for kind in KINDS:
        sa, sb = pa[kind], pb[kind]
        shared = [k for k in sa.rows if k in sb.rows or k in sb.found] + [k for k in sb.rows if k in sa.found]
        both_ = [sa.rows.get(k) or sa.found[k] for k in shared]
        only_a = [i for k, i in sa.rows.items() if k not in shared]
        only_b = [i for k, i in sb.rows.items() if k not in shared]
        parts.append(_sentence(lang, kind, a, b, sa, sb, both_, only_a, only_b))
        for row in both_ + only_a + only_b:
            items.setdefault(row.node.id, row)
    for row in [i for k in KINDS for side in (pb[k].rows, pb[k].found) for i in side.values()]:
        if row.node.id in items and row.edges[0] not in items[row.node.id].edges:  # the other zone's edge too
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


def _sentence(lang: str, kind: str, a, b, sa: compare_pages.Side, sb: compare_pages.Side, both_: list, only_a: list,
              only_b: list) -> str:
    """One kind's sentence: each zone's count, the shared rows and each zone's own; where a zone's page does not
    hold all its rows (compare_pages.py), the shared count is a floor and the lists are said to be the first ones."""
    zh, en = LABEL[kind]
    sep = say(lang, "；", "; ")
    names = lambda rows: sep.join(short(i.node, lang) for i in rows) or say(lang, "无", "none")  # noqa: E731
    complete = sa.complete and sb.complete
    n = len(both_)
    shared = say(lang, f"共有 {n} 个", f"shared {n}") if complete else say(lang, f"共有至少 {n} 个", f"shared at least {n}")
    text = say(lang,
               f"{zh}：{display(a, lang)} {sa.total} 个、{display(b, lang)} {sb.total} 个；{shared}（{names(both_)}）；"
               f"仅{display(a, lang)}：{names(only_a)}；仅{display(b, lang)}：{names(only_b)}。",
               f"{en.capitalize()}: {display(a, lang)} {sa.total}, {display(b, lang)} {sb.total}; {shared} "
               f"({names(both_)}); only {display(a, lang)}: {names(only_a)}; only {display(b, lang)}: {names(only_b)}.")
    if not complete:
        text += say(lang, f"（各列出前 {compare_pages.PAGE} 个中的比较结果）",
                    f" (compared among the first {compare_pages.PAGE} of each)")
    return text
