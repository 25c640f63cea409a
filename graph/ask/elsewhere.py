"""A zone swap ("经开区的氢能平台进展如何？", "为什么把北京石墨烯研究院搬到了怀柔科学城？"): the premise places a
node in a zone the graph places it outside of; declined, saying where the graph places it.

Why (session 13, blind set): `经开区的氢能平台进展如何？` was declined as a question about change (one report
has nothing to compare), without a word that the hydrogen platform is in 未来科学城, not 经开区; a reader
could keep the wrong premise. The graph does place things (LOCATED_IN), so a premise "N of zone Z" or
"N moved to Z" can be checked: when N lies in another zone and not in Z (nor in a member of Z), the
decline says so, with the evidence. A field with a type word ("氢能平台": platforms on hydrogen energy)
is checked through the nodes of that type that focus on it. When the graph places N in Z, or nowhere,
nothing is said here: the other readings go on.
"""

from __future__ import annotations

import re

from graph.ask import model, replies
from graph.ask.forms import ENTITY, grammar
from graph.ask.parser import Parse
from graph.ask.relations import deep_members
from graph.ask.words import say, short, type_words
from graph.queries import GraphQueries
from graph.schema import MEMBER_EDGES

_E = ENTITY
#: (pattern, which placeholder is the node, which the zone): "Z的N", "把N搬到Z", "Z's N", "N moved to Z".
PREMISES = {
    "zh": [(re.compile(f"{_E}的{_E}"), 1, 0),
           (re.compile(f"{_E}(整建制)?(搬|迁|落户|入驻|转移)(到|至|进|入)?了?(到)?{_E}"), 0, 1)],
    "en": [(re.compile(f"{_E}('s| s) {_E}"), 1, 0),
           (re.compile(rf"\b(mov(e|ed|es|ing)|relocat(e|ed|es|ing)) {_E} (in)?to {_E}"), 0, 1),
           (re.compile(rf"{_E} (was |is )?(moved|relocated|moving) (in)?to {_E}"), 0, 1)],
}
PLACES = ("Zone", "District")


def decline(queries: GraphQueries, p: Parse, base: dict, evidence) -> model.Answer | None:
    for regex, node_at, zone_at in PREMISES[p.language]:
        for m in regex.finditer(p.skeleton):
            first = p.skeleton.count(ENTITY, 0, m.start())
            ids = [_id(p, first + k) for k in (node_at, zone_at)]
            if None not in ids:
                found = _misplaced(queries, p, *ids, evidence, base)
                if found is not None:
                    return found
    return None


def _id(p: Parse, index: int) -> str | None:
    if index >= len(p.mentions) or not p.mentions[index].ids:
        return None
    m = p.mentions[index]
    return m.id or m.ids[0]


def _misplaced(queries: GraphQueries, p: Parse, node_id: str, zone_id: str, evidence, base: dict) -> model.Answer | None:
    nodes = queries.store.get_nodes([node_id, zone_id])
    node, zone = nodes.get(node_id), nodes.get(zone_id)
    if node is None or zone is None or zone.type not in PLACES or node.type in PLACES:
        return None
    inside = {i.node.id for i in deep_members(queries, zone_id)}
    asked = [node]
    if node.type == "Field" and p.types:  # "氢能平台": the platforms that focus on hydrogen energy
        asked = [n for n in queries.store.get_nodes({e.source for e in queries.store.edges([node_id], "in", ["FOCUSES_ON"])}).values()
                 if n.type in p.types]
    if not asked or any(n.id in inside for n in asked):
        return None
    placed = [e for n in asked for e in queries.store.edges([n.id], "out", list(MEMBER_EDGES))
              if e.target != zone_id]
    places = queries.store.get_nodes({e.target for e in placed})
    placed = [e for e in placed if e.target in places and places[e.target].type in PLACES]
    if not placed:
        return None
    lang = p.language
    where = say(lang, "；", "; ").join(
        say(lang, f"{short(n, lang)}位于{short(places[e.target], lang)}", f"{short(n, lang)} is in {short(places[e.target], lang)}")
        for e in placed for n in asked if n.id == e.source)
    what = short(node, lang) if asked == [node] else say(lang, f"聚焦{short(node, lang)}的{type_words(p.types, lang)}",
                                                        f"{type_words(p.types, lang)} on {short(node, lang)}")
    sentence = say(lang, f"问题的前提与图不符：图中{short(zone, lang)}没有{what}；{where}。",
                   f"The question's premise does not match the graph: it places no {what} in {short(zone, lang)}; {where}.")
    g = grammar()  # what can be asked instead: about the node(s) where they are, and the zone they are in
    asks = [g.forms["about"].ask[lang].format(e=short(n, lang)) for n in asked] + \
        [g.forms["members"].ask[lang].format(e=short(places[t], lang)) for t in dict.fromkeys(e.target for e in placed)]
    answer = replies.decline(p, base, sentence, asks)
    return answer.model_copy(update=dict(edges=placed, nodes=[zone, *asked, *places.values()],
                                         evidence=evidence(queries, placed)))


def qualifier(queries: GraphQueries, p: Parse) -> str | None:
    """'怀柔科学城的北京纳米能源与系统研究所聚焦什么？', "E-Town's autonomous driving test site": the words of a zone
    written just before a node it holds ("Z的", "Z's"), which only say where the node is; None otherwise. The
    question is then read without them (answer.py): read with both names, the form took the zone and declined
    for leaving the node out, or answered for the zone (session 13)."""
    named = [m for m in p.mentions if m.ids]
    # "经开区那些技术创新服务平台…" (session 18): a demonstrative between the zone and its node says no more
    joint = "的?(?:那些|这些|那个|这个|那几个|这几个)?" if p.language == "zh" else r"(?: s)? "
    for zone, node in zip(named, named[1:]):
        at = re.search(re.escape(zone.text) + joint + re.escape(node.text), p.keyed)
        if at and _holds(queries, zone.id or zone.ids[0], node.id or node.ids[0]):
            return at.group(0)[: len(at.group(0)) - len(node.text)]
    return None


def _holds(queries: GraphQueries, zone_id: str, node_id: str) -> bool:
    kinds = queries.store.get_nodes([zone_id, node_id])
    if zone_id not in kinds or node_id not in kinds or kinds[zone_id].type not in PLACES or kinds[node_id].type in PLACES:
        return False
    return node_id in {i.node.id for i in deep_members(queries, zone_id)}
