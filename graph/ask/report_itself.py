"""Questions about the report itself ("这份报告是谁写的？", "Which year does this report cover?").

Why (session 12b, blind set): a planner reading an answer asks where it comes from. The report is no
node of the graph but a Document of the store (title, publisher, date, year), so these questions
fell through to the forms: "Which year does this report cover?" read "year" and "report" as fuzzy
names (a three-year agreement, the Government Work Report) and answered "nothing found" about the
wrong node; "这份报告是谁写的" was an unknown name. They are now answered from the documents the
graph was built from: who published each, its title, date and the year it covers. A question that
names a node of the graph ("本报告中市科委支持了哪些项目") is not about the report itself and is left
to the forms.
"""

from __future__ import annotations

import re

from graph.ask import model
from graph.ask.parser import Parse
from graph.ask.words import display, say
from graph.publisher import publisher_node_id
from graph.queries import GraphQueries

#: "this report": the document the answers come from, said deictically.
REPORT = {"zh": re.compile(r"(这|本|该|此|这个|这份|这篇|该份|本份)(份|篇)?(自查)?(报告|文件|材料)"),
          "en": re.compile(r"\b(this|the|your) (self assessment )?(report|document|source)\b")}
#: What is asked of it: who wrote it, when, what it is called.
ASKS = {"zh": re.compile(r"谁|哪个单位|哪家|哪个部门|作者|发布|出具|写的|编写|撰写|起草|哪一?年|什么时候|何时|年份|日期|年度|标题|题目|名称|叫什么|来源|出处"),
        "en": re.compile(r"\b(who|author|authors|wrote|written|write|published|publisher|issued|year|years|when|date|"
                         r"dated|period|cover|covers|title|called|named|source)\b")}


def answer(queries: GraphQueries, p: Parse, base: dict) -> model.Answer | None:
    """The documents' own facts, when the question is about the report and names no node."""
    lang = p.language
    if not (REPORT[lang].search(p.keyed) and ASKS[lang].search(p.keyed)):
        return None
    if any(m.kind == "exact" and m.ids for m in p.mentions):
        return None
    docs = list(queries.store.documents())
    if not docs:
        return None
    by_name = {d.publisher: publisher_node_id(queries.store, d.publisher) for d in docs if d.publisher}
    nodes = queries.store.get_nodes([i for i in by_name.values() if i])
    publishers = [nodes[i] for i in dict.fromkeys(by_name.values()) if i in nodes]
    lines = [_line(d, lang, nodes.get(by_name.get(d.publisher) or "")) for d in docs]
    head = "" if len(docs) == 1 else say(lang, f"图由 {len(docs)} 份报告建成：", f"The graph was built from {len(docs)} reports: ")
    return model.Answer(
        **base, status="answered",
        interpretation=say(lang, "图所依据的报告（作者、标题、年份）", "the report(s) the graph was built from (author, title, year)"),
        summary=head + say(lang, "；", "; ").join(lines) + say(lang, "。", "."),
        query="report", params={"refs": [], "types": [], "count": False, "documents": [d.id for d in docs]},
        count=len(docs), items=[model.Item(node=n) for n in publishers], nodes=publishers,
        notes=[say(lang, "答自建图所用文件的记录，不是图中的关系", "from the records of the documents the graph was built from, "
                   "not from a relation of the graph")])


def _line(doc, lang: str, publisher) -> str:
    title = doc.title if lang == "zh" or not doc.title_en else doc.title_en
    who = display(publisher, lang) if publisher else doc.publisher or say(lang, "（未记作者）", "(no author recorded)")
    if lang == "zh":
        return f"{who}发布的《{title}》，报告 {doc.year} 年度" + (f"，日期 {doc.date}" if doc.date else "")
    return f"{title!r}, published by {who}, covering {doc.year}" + (f", dated {doc.date}" if doc.date else "")
