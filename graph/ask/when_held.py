"""An event's (or any node's) year and source report, read off the node itself (session 15).

"第九届中意创新合作周是哪一年办的" / "When was the Beijing-Tel Aviv Innovation Conference held?": the year is
in the node's attrs (the curated graph dates each event), not in any edge, so no listing form reads it and
the question was declined. "怀柔科学城科学规划的出处是哪份报告" / "Which report mentions X?": the node's
sources are the documents it was read from. Each answer carries the sentences of the node's edges as its
evidence, so the reader sees where the node is written; a node with no year is declined as such, never
given its report's year.
"""

from __future__ import annotations

import re

from graph.ask import model, replies, suggest
from graph.ask.parser import Parse
from graph.ask.words import display, say
from graph.model import Node
from graph.queries import GraphQueries
from graph.schema import EDGE_TYPES

MAX_QUOTES = 3

_YEAR = {
    "zh": re.compile(r"(哪一年|哪年|哪一年度|什么时候|什么时间|何时|几时|哪个年份|年份是)"),
    "en": re.compile(r"^\s*(when (was|were|is|did)|(in )?(what|which) year)\b"),
}
_SOURCE = {
    "zh": re.compile(r"(出处|出自|来自哪|来源于哪|来源是哪|(哪份|哪个|哪篇|什么)(报告|文件|文献)(提到|写到|提及|记载|中|里|上)|"
                     r"(提到|写到|提及|记载)(了)?.*的(是)?(哪份|哪个|哪篇|什么)(报告|文件|文献))"),
    "en": re.compile(r"\b((which|what) (report|document|source)s?\b.*\b(mention|name|describe|say|contain)|"
                     r"\bsources? of\b|\bwhere does\b.*\bcome from\b|(which|what) (report|document)s? (is|are) .* from\b)"),
}
#: what a body issued ("市科委发布了哪份文件") is the issued listing, not a node's source
_ISSUED = re.compile(r"(发布|出台|印发|制定|颁布|编制|issue|publish|release)")
#: where a zone's funding comes from asks who funds it, not which report names it (session 17: "Where does Huairou
#: Science City's funding come from?" was answered with the report)
_MONEY = re.compile(r"(资金|经费|拨款|\bfunding\b|\bfunds?\b|\bmoney\b|\bbudget|\bfinanc)")
#: a listing in the question ("哪一年出台了哪些政策"): the forms answer it, not the node's year
_LISTING = re.compile(r"(哪些|哪几|多少|\bwhich \w+s\b|\bhow many\b)")


def answer(queries: GraphQueries, p: Parse, base: dict, evidence) -> model.Answer | None:
    """The year or the source documents of the one node the question names, or None (not such a question)."""
    lang = p.language
    asks_year = bool(_YEAR[lang].search(p.keyed))
    asks_source = bool(_SOURCE[lang].search(p.keyed)) and not _ISSUED.search(p.keyed) and not _MONEY.search(p.keyed)
    if not (asks_year or asks_source) or p.years or _LISTING.search(p.keyed.replace("哪份", "")):
        return None
    ids = {i for m in p.mentions if m.ids and m.score >= 1.0 for i in m.ids}
    if len(ids) != 1 or any(not m.ids for m in p.mentions):
        return None
    node = queries.store.get_nodes(ids).get(next(iter(ids)))
    if node is None:
        return None
    edges = queries.store.edges([node.id], "both", list(EDGE_TYPES))
    quoted = [e for e in edges if e.evidence][:MAX_QUOTES]
    if asks_source:
        return _sources(queries, p, base, node, quoted, evidence)
    year = (node.attrs or {}).get("year")
    if not isinstance(year, int):
        return replies.decline(p, base, say(
            lang, f"图中没有记录{node.name_zh}的年份（只有活动等节点带年份；报告的年份不是它的年份）。",
            f"The graph records no year for {display(node, lang)} (events and some programmes carry one; "
            f"the report's year is not the node's)."), _can_ask(queries, p))
    sentence = say(lang, f"{node.name_zh}：{year} 年（图中记录的年份）。",
                   f"{display(node, lang)}: {year} (the year the graph records for it).")
    return _told(queries, p, base, node, quoted, evidence, sentence, "year",
                 say(lang, f"{node.name_zh}的年份", f"the year of {display(node, lang)}"))


def _can_ask(queries: GraphQueries, p: Parse) -> list[str]:
    """What can be asked of the node instead (a decline always says what can be asked)."""
    return suggest.not_understood(queries, p)["suggestions"]


def _sources(queries: GraphQueries, p: Parse, base: dict, node: Node, quoted, evidence) -> model.Answer:
    lang = p.language
    docs = [d for d in queries.store.documents() if d.id in set(node.sources or [])]
    if not docs:
        return replies.decline(p, base, say(lang, f"图中没有记录{node.name_zh}出自哪份报告（它是整理时加入的）。",
                                            f"The graph records no source report for {display(node, lang)} "
                                            f"(it was added by hand)."), _can_ask(queries, p))
    named = [say(lang, f"《{d.title}》（{d.publisher}，{d.year}）",
                 f"{d.title_en or d.title} ({d.publisher}, {d.year})") for d in docs]
    sentence = say(lang, f"{node.name_zh}出自{'、'.join(named)}。",
                   f"{display(node, lang)} is from: {'; '.join(named)}.")
    return _told(queries, p, base, node, quoted, evidence, sentence, "source",
                 say(lang, f"{node.name_zh}的出处", f"the source report of {display(node, lang)}"))


def _told(queries: GraphQueries, p: Parse, base: dict, node: Node, quoted, evidence, sentence: str, query: str,
          interpretation: str) -> model.Answer:
    lang = p.language
    if quoted:
        sentence += say(lang, "依据：报告中写到它的句子（见证据）。", " Evidence: the report's sentence(s) naming it.")
    return model.Answer(**base, status="answered", interpretation=interpretation, summary=sentence, query=query,
                        params={"refs": [node.id], "types": [], "count": False},
                        items=[model.Item(node=node, relation=query, edges=quoted)],
                        nodes=[node], edges=quoted, evidence=evidence(queries, quoted) if quoted else [],
                        link="/view?center=" + node.id + "&depth=1")
