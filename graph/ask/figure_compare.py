"""A comparison of two of the report's figures ("专利授权量和发明专利授权量，哪个增长更快？").

Why (session 12b, blind set): the figure route (graph/ask/figures.py) answers with the one Metric that
best matches the question's words, so a question comparing two figures got one of them alone
("发明专利授权量同比增长 5.24%") and read as if that one were the answer. A question with a comparison
cue (哪个…更, 相比, 对比, which … faster / higher, compare, versus) is now split at its joiner
(和, 与, 还是, and, vs …) and each side is matched on its own: two different figures are both given,
with which is higher when they can be compared (both growth rates when growth is asked, else the same
unit); anything less is declined with the questions to ask one at a time. The graph's figures are
the report's; the comparison is arithmetic on them, said as such.
"""

from __future__ import annotations

import re

from graph.ask import figures, model, replies
from graph.ask.parser import Parse
from graph.ask.words import say
from graph.model import Node
from graph.queries import GraphQueries

COMPARE = {"zh": re.compile(r"哪(个|一个|项)?.{0,8}(更|最|较)(快|慢|多|少|高|低|大|小)|更(快|慢|多|少|高|低|大|小)|相比|对比|比较|谁(更|高|多)|高于|低于"),
           "en": re.compile(r"\b(which|what)\b.{0,60}\b(faster|slower|more|less|higher|lower|larger|bigger|greater|smaller)\b|"
                            r"\bcompar(e|ed|ing|ison)\b|\bversus\b|\bvs\b")}
_JOIN = {"zh": re.compile(r"和|与|跟|及|还是|、"), "en": re.compile(r"\b(and|vs|versus|or|with|to)\b")}
_GROWTH = {"zh": re.compile(r"增长|增速|增幅|涨"), "en": re.compile(r"\b(grow|grew|growth|faster|slower|increase)")}


def answer(queries: GraphQueries, p: Parse, base: dict, evidence) -> model.Answer | None:
    """Both figures and which is higher; a decline when the two sides are not two of the report's figures."""
    lang = p.language
    cue = COMPARE[lang].search(p.keyed)
    if cue is None:
        return None
    masked = _masked(p)
    sides = _sides(p.keyed, masked, 0, cue.start(), lang) or _sides(p.keyed, masked, cue.end(), len(p.keyed), lang)
    found = [_figure(queries, p, side) for side in sides]
    nodes = [f.node for f in found if f is not None and f.year_ok]
    if len(nodes) != 2 or nodes[0].id == nodes[1].id:
        return replies.decline(p, base, say(
            lang, "这个问题比较两个数字，但图中没有分别找到两个报告给出的数字；可以分开问每一个。",
            "The question compares two figures, but the graph did not find two of the report's figures, one for "
            "each side; ask about each one."), [say(lang, f"{n.name_zh}是多少？", f"What is the {n.name_en}?") for n in nodes])
    edges = queries.store.edges([n.id for n in nodes], "out", ["MEASURES"])
    verdict = _verdict(nodes, lang, bool(_GROWTH[lang].search(p.keyed)))
    return model.Answer(
        **base, status="answered",
        interpretation=say(lang, f"比较指标：{nodes[0].name_zh}、{nodes[1].name_zh}",
                           f"comparing indicators: {nodes[0].name_en}; {nodes[1].name_en}"),
        summary=" ".join(replies.figure_sentence(n, lang, False) for n in nodes) + verdict,
        query="figure", params={"refs": [n.id for n in nodes], "types": [], "count": False},
        count=2, items=[model.Item(node=n, relation="MEASURES", edges=[e for e in edges if e.source == n.id]) for n in nodes],
        nodes=nodes, edges=edges, evidence=evidence(queries, edges), link="/view?center=" + nodes[0].id + "&depth=1",
        notes=[say(lang, "两个数字都是报告给出的；谁高谁低是按这两个数字算的", "both figures are the report's; which "
                   "is higher is worked out from them")])


def _masked(p: Parse) -> str:
    """The question with its names blanked out: a joiner inside a name (技术合同, 京港) splits nothing."""
    text = p.keyed
    for m in sorted(p.mentions, key=lambda m: -len(m.text)):
        if m.text:
            text = text.replace(m.text, "\0" * len(m.text))
    return text


def _sides(text: str, masked: str, start: int, end: int, lang: str) -> list[str]:
    """The two sides of the first joiner between start and end that lies outside every name."""
    join = _JOIN[lang].search(masked, start, end)
    if join is None:
        return []
    sides = [text[start:join.start()], text[join.end():end]]
    return sides if all(s.strip() for s in sides) else []


def _figure(queries: GraphQueries, p: Parse, side: str):
    names = [(m.text, m.ids) for m in p.mentions if m.ids and m.score >= 1.0 and m.text in side]
    return figures.best_figure(queries.store, side, p.language, p.years, names)


def _rate(node: Node, growth: bool) -> tuple[float | None, str]:
    a = node.attrs or {}
    if growth:
        if a.get("growth_pct") is not None:
            return float(a["growth_pct"]), "%"
        return (float(a["value"]), "%") if a.get("unit") == "%" and "增长" in node.name_zh and a.get("value") is not None else (None, "")
    return (float(a["value"]), str(a.get("unit", ""))) if isinstance(a.get("value"), (int, float)) else (None, "")


def _verdict(nodes: list[Node], lang: str, growth: bool) -> str:
    (x, ux), (y, uy) = _rate(nodes[0], growth), _rate(nodes[1], growth)
    if x is None or y is None or ux != uy:
        return say(lang, " 两者单位或口径不同，不直接比较。", " The two are not in the same unit; they are not compared.")
    a, b = (nodes[0], nodes[1]) if x >= y else (nodes[1], nodes[0])
    hi, lo = max(x, y), min(x, y)
    what = say(lang, "增长", "growth") if growth else ""
    if x == y:
        return say(lang, f" 两者{what}相同（{x:g}{ux}）。", f" Both are the same ({x:g}{ux}).")
    return say(lang, f" {what}上，{a.name_zh}（{hi:g}{ux}）高于{b.name_zh}（{lo:g}{ux}）。",
               f" {a.name_en} ({hi:g}{ux}) is higher than {b.name_en} ({lo:g}{ux}){' in growth' if growth else ''}.")
