""""Which supporters does only Huairou Science City have?", "怀柔科学城有哪些独有的支持者": X's supporters that
support none of its peers.

Why (session 16): a director briefing on one zone asks what sets it apart. The question was declined, and
"怀柔科学城有哪些独有的支持者" was read by the members form's "X有…" and answered with the zone's five members,
another question's rows. X's peers are the other members of what X is part of (the four zones of 三城一区
for each zone); a node part of nothing is compared with every other node of its type. A supporter of X that
supports a peer too (directly or through a member: the commission, the key task) is left out; each row kept
carries its own path to X, and a note names the peers compared with. Read here, before the forms (its cue is
an "only" / 独有 beside a supporter word, which no form's listing reads), with the one name of the question.
"""

from __future__ import annotations

import re

from graph.ask import model, run
from graph.ask.forms import ENTITY
from graph.ask.model import Item
from graph.ask.parser import Parse
from graph.ask.run import Params, Result, _ordered, runner
from graph.ask.words import display, say, short
from graph.queries import GraphQueries

_SUPPORTER = r"(支持者|支持方|支持单位|支持力量|支持政策|计划|规划|政策|机构|单位)"
CUES = {"zh": [re.compile(r"Ⓔ.*(独有|独享|特有|专有|专属|独家)的?" + _SUPPORTER),
               re.compile(r"(只|仅|单独)(支持|资助|扶持)(了)?Ⓔ")],
        "en": [re.compile(r"\b(supporters?|backers|programs?|programmes|plans?|policies|institutions?)\b.*\bonly Ⓔ"),
               re.compile(r"\bonly Ⓔ (has|have|gets?|got)\b.*\b(supporters?|backers)\b"),
               re.compile(r"\b(supporters?|backers|programs?|programmes|plans?|policies|institutions?)\b.*"
                          r"\b(unique|exclusive|peculiar) to Ⓔ"),
               re.compile(r"\bsupports? only Ⓔ"),
               re.compile(r"Ⓔ( s)? (own|unique|exclusive) (supporters|backers)")]}


def asked(queries: GraphQueries, p: Parse) -> str | None:
    """The one node asked about, when the question asks for the supporters only it has."""
    named = [m for m in p.mentions if m.ids]
    if len(named) != 1 or p.skeleton.count(ENTITY) != 1 or p.count:
        return None
    if not any(rx.search(p.skeleton) for rx in CUES[p.language]):
        return None
    return named[0].id or named[0].ids[0]


def peers(q: GraphQueries, ref: str) -> list[str]:
    """The other members of what `ref` is part of; else every other node of its type."""
    parents = [e.target for e in q.store.edges([ref], "out", ["PART_OF"])]
    if parents:
        siblings = {e.source for e in q.store.edges(parents, "in", ["PART_OF"])}
    else:
        node = q.store.get_nodes([ref]).get(ref)
        siblings = {n.id for n in q.store.nodes_of_type(node.type)} if node else set()
    return sorted(siblings - {ref})


@runner("own_supporters")
def own_supporters(q: GraphQueries, p: Params) -> Result:
    ref = p.refs[0]
    shared = {s.node.id for peer in peers(q, ref) for s in q.supporters(peer)}
    seen: set[str] = set()
    items = []
    for s in q.supporters(ref):
        if s.node.id in shared or s.node.id == ref or s.node.id in seen:
            continue
        seen.add(s.node.id)
        items.append(Item(node=s.node, relation=s.relation, via=s.via, edges=list(s.path)))
    return Result(_ordered(items)).keep(p.types)


def answer(queries: GraphQueries, p: Parse, ref: str, base: dict, evidence) -> model.Answer:
    lang = p.language
    node = queries.store.get_nodes([ref]).get(ref)
    types = [t for t in p.types if t != "Zone"]  # "that the other three zones don't": the peers, not a filter
    result = run.run("own_supporters", queries, Params(refs=[ref], types=types, lang=lang))
    others = queries.store.get_nodes(peers(queries, ref))
    compared = say(lang, "、", ", ").join(short(n, lang) for n in others.values())
    name = display(node, lang) if node else ref
    interpretation = say(lang, f"只支持{name}、不支持其同级成员的支持者", f"supporters of {name} that support none of its peers")
    names = say(lang, "；", "; ").join(short(i.node, lang) for i in result.items)
    count = len(result.items)
    summary = (say(lang, f"{interpretation}：共 {count} 个 — {names}。", f"{interpretation}: {count} — {names}.") if count
               else say(lang, f"图中没有{interpretation}。", f"Nothing in the graph answers this ({interpretation})."))
    edges = run.edges_of(result)
    return model.Answer(**base, status="answered" if count else "empty", interpretation=interpretation,
                        summary=summary, query="own_supporters", params={"refs": [ref], "types": types, "count": False},
                        count=count, items=result.items, nodes=[i.node for i in result.items] + ([node] if node else []),
                        edges=edges, evidence=evidence(queries, edges),
                        notes=[say(lang, f"与之比较的同级成员：{compared}", f"compared with its peers: {compared}")])
