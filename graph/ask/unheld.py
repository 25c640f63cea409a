"""A question resting on an event the graph cannot hold ("为什么市科委取消了怀柔科学城的基金？", "Why did BMSTC
shut down BAAI?"): declined, saying the premise has no ground in the graph and what it does record.

Why (session 12b left it, session 13 took it up): such questions were declined as "not understood", with
suggestions, and never said that their premise is not in the graph; a reader could take the decline for
"the graph does not understand the wording" and the premise for true. The graph holds the relations a
report states (supports, located in, focuses on, partners with …), never a cancellation, closure, stop or
fall: a question that presupposes one cannot be answered from it, and the honest answer says so, then
gives what the graph records between the names the question uses (each edge with its evidence).

A relocation is not such an event: the report says BINN moved to Huairou (LOCATED_IN), so 搬/move are
left to the other readings. Growth words (增长, grow) are figure cues, not events.
"""

from __future__ import annotations

import re
from itertools import combinations

from graph.ask import model, replies
from graph.ask.parser import Parse
from graph.ask.words import say, short
from graph.queries import GraphQueries
from graph.schema import EDGE_TYPES

EVENTS = {
    "zh": re.compile(r"取消|撤销|撤掉|关闭|关停|停止|停办|停掉|暂停|终止|叫停|撤出|解散|倒闭|下降|减少|下滑|降低|缩减|削减|"
                     r"放弃|砍掉"),
    "en": re.compile(r"\b(shut(s|ting)? down|shut|clos(e|ed|es|ing)(?! to\b)|cancel(l?ed|s|ling)?|stop(s|ped|ping)?|"
                     r"abolish(ed|es)?|dissolv(e|ed|es)|terminat(e|ed|es)|suspend(ed|s)?|withdr[ae]w(n|s)?|"
                     r"abandon(ed|s)?|scrap(ped|s)?|fell|fall(s|en)?(?! (under|within|into|in)\b)|"
                     r"declin(e|ed|es|ing)|drop(ped|s)?|decreas(e|ed|es))\b"),
}


def decline(queries: GraphQueries, p: Parse, base: dict, can_ask, evidence) -> model.Answer | None:
    """The decline for a question whose premise is an event the graph holds none of; None otherwise."""
    hit = EVENTS[p.language].search(_outside_names(p))
    named = list(dict.fromkeys(m.id or m.ids[0] for m in p.mentions if m.ids))
    if hit is None or not named:
        return None
    lang, word = p.language, hit.group(0)
    sentence = say(lang, f"图中没有记录「{word}」这类事：图只记报告所说的关系（支持、位于、聚焦、合作等），"
                         "问题的前提在图中没有依据。",
                   f"The graph records no event such as {word!r}: it holds the relations the report states "
                   "(supports, located in, focuses on, partners with …), so the question's premise has no ground in it.")
    edges = [e for a, b in combinations(named, 2) for e in _between(queries, a, b)]
    nodes = queries.store.get_nodes(named)
    if edges:
        said = say(lang, "；", "; ").join(_edge(e, nodes, lang) for e in edges)
        sentence += say(lang, f"图中记录的是：{said}。", f" What it records: {said}.")
    answer = replies.decline(p, base, sentence, can_ask())
    return answer.model_copy(update=dict(edges=edges, nodes=list(nodes.values()), evidence=evidence(queries, edges)))


def _outside_names(p: Parse) -> str:
    """The question without its exactly read names: a word a fuzzy name took in ('future science city stop')
    is still the question's word."""
    text = p.keyed
    for m in sorted(p.mentions, key=lambda m: -len(m.text)):
        if m.ids and m.score >= 1.0:
            text = text.replace(m.text, " ")
    return text


def _between(queries: GraphQueries, a: str, b: str) -> list:
    return [e for e in queries.store.edges([a], "both", []) if {e.source, e.target} == {a, b}]


def _edge(edge, nodes: dict, lang: str) -> str:
    word = EDGE_TYPES[edge.type].zh if lang == "zh" else EDGE_TYPES[edge.type].en
    return f"{short(nodes[edge.source], lang)} —{word}→ {short(nodes[edge.target], lang)}"
