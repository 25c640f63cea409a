""""Which supporters does only Huairou Science City have?", "怀柔科学城有哪些独有的支持者": X's supporters that
support none of its peers.

Why (session 16): a director briefing on one zone asks what sets it apart. The question was declined, and
"怀柔科学城有哪些独有的支持者" was read by the members form's "X有…" and answered with the zone's five members,
another question's rows. X's peers are the other members of what X is part of (the four zones of 三城一区
for each zone); a node part of nothing is compared with every other node of its type. A supporter of X that
supports a peer too (directly or through a member: the commission, the key task) is left out; each row kept
carries its own path to X, and a note names the peers compared with. Read here, before the forms (its cue is
an "only" / 独有 beside a supporter word, which no form's listing reads), with the one name of the question.

Cost follows the page (session 17): the answer read every supporter of X and of each peer, so its cost grew
with the zones (a synthetic zone with 100,000 member firms). Now X's supporters are read in the zone index's
order, a chunk at a time, and each candidate is looked up in each peer's index (`GraphQueries.supporting`: a
keyed lookup, O(log n)); the scan stops when a page (run.MAX_ITEMS rows) is full or after SCAN_BOUND
candidates, and the answer says which (an exact count only when every supporter of X was read). A node with
more than MAX_PEERS peers is not compared (declined, said so), and its peers are never read whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.ask import model, replies, run
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


PAGE = run.MAX_ITEMS  #: rows of one answer (ask's page)
CHUNK = 100  #: X's supporters read (and looked up in the peers) at a time
SCAN_BOUND = 20 * PAGE  #: X's supporters read at most before the answer stops, saying so
MAX_PEERS = 64  #: peers compared with at most; more and the question is declined, said so


def peers(q: GraphQueries, ref: str) -> list[str] | None:
    """The other members of what `ref` is part of; else every other node of its type; None when they are
    more than MAX_PEERS (the type read with a limit; a parent's PART_OF edges read typed, whole: the parents of a
    zone have a few, a program may have many projects)."""
    parents = [e.target for e in q.store.edges([ref], "out", ["PART_OF"])]
    if parents:  # typed: a parent's PART_OF members only (三城一区: its 4 zones, not the 10,000s located in it)
        siblings = {key[0] for key in q.store.edge_keys(parents, "in", ["PART_OF"])}
    else:
        node = q.store.get_nodes([ref]).get(ref)
        siblings = {n.id for n in q.store.nodes_of_type(node.type, limit=MAX_PEERS + 2)} if node else set()
    siblings.discard(ref)
    return sorted(siblings) if len(siblings) <= MAX_PEERS else None


@dataclass
class OwnPage:
    """One page of own supporters: the rows, X's supporters read, how many X has, and whether all were read."""

    items: list[Item]
    scanned: int
    supporters: int
    complete: bool


def own_page(q: GraphQueries, ref: str, others: list[str], types: list[str]) -> OwnPage:
    """X's supporters in the index's order, kept when no peer has them, until a page is full (one row past it
    tells whether more follow), X's supporters are all read, or SCAN_BOUND of them were."""
    wanted = types[0] if len(types) == 1 else None
    items: list[Item] = []
    scanned, after, total = 0, None, 0
    while True:
        total, chunk, after = q.supporters_window(ref, wanted, CHUNK, 0, after)
        scanned += len(chunk)
        candidates = [s for s in chunk if s.node.id != ref and (not types or s.node.type in types)]
        shared: set[str] = set()
        for peer in others:
            left = [s.node for s in candidates if s.node.id not in shared]
            if not left:
                break
            shared |= q.supporting(peer, left)
        items += [Item(node=s.node, relation=s.relation, via=s.via, edges=list(s.path))
                  for s in candidates if s.node.id not in shared]
        if after is None or len(items) > PAGE or scanned >= SCAN_BOUND:
            break
    return OwnPage(items[:PAGE + 1], scanned, total, after is None and len(items) <= PAGE)


@runner("own_supporters")
def own_supporters(q: GraphQueries, p: Params) -> Result:
    ref = p.refs[0]
    others = peers(q, ref)
    return Result(_ordered(own_page(q, ref, others, p.types).items[:PAGE]) if others is not None else [])


def answer(queries: GraphQueries, p: Parse, ref: str, base: dict, evidence) -> model.Answer:
    lang = p.language
    node = queries.store.get_nodes([ref]).get(ref)
    name = display(node, lang) if node else ref
    types = [t for t in p.types if t != "Zone"]  # "that the other three zones don't": the peers, not a filter
    others = peers(queries, ref)
    if others is None:
        return replies.decline(p, base, say(
            lang, f"{name}的同级成员超过 {MAX_PEERS} 个，不能逐一比较它们的支持者；可以问哪些机构支持{name}。",
            f"{name} has more than {MAX_PEERS} peers, too many to compare supporters with each; ask who supports "
            f"{name} instead."), [say(lang, f"哪些机构支持{name}？", f"Who supports {name}?")])
    page = own_page(queries, ref, others, types)
    result = Result(run._publisher_last(queries, _ordered(page.items[:PAGE]), [ref]))
    found = queries.store.get_nodes(others)
    compared = say(lang, "、", ", ").join(short(found[i], lang) for i in others if i in found)  # in id order
    interpretation = say(lang, f"只支持{name}、不支持其同级成员的支持者", f"supporters of {name} that support none of its peers")
    names = say(lang, "；", "; ").join(short(i.node, lang) for i in result.items)
    count = len(result.items)
    said = say(lang, f"共 {count} 个", f"{count}") if page.complete else say(lang, f"至少 {count} 个", f"at least {count}")
    summary = (say(lang, f"{interpretation}：{said} — {names}。", f"{interpretation}: {said} — {names}.") if count
               else say(lang, f"图中没有{interpretation}。", f"Nothing in the graph answers this ({interpretation})."))
    notes = [say(lang, f"与之比较的同级成员：{compared}", f"compared with its peers: {compared}")]
    if not page.complete:
        notes.append(_bounded(lang, name, page))
    edges = run.edges_of(result)
    return model.Answer(**base, status="answered" if count else "empty", interpretation=interpretation,
                        summary=summary, query="own_supporters", params={"refs": [ref], "types": types, "count": False},
                        count=count, items=result.items, nodes=[i.node for i in result.items] + ([node] if node else []),
                        edges=edges, evidence=evidence(queries, edges), notes=notes, truncated=not page.complete)


def _bounded(lang: str, name: str, page: OwnPage) -> str:
    """Why the answer is one page: the page filled, or the scan's bound stopped it (what it read, said)."""
    if len(page.items) > PAGE:
        return say(lang, f"只列出前 {PAGE} 个（按支持者索引的顺序读取{name}的 {page.supporters} 个支持者中的前 "
                         f"{page.scanned} 个）",
                   f"only the first {PAGE} are listed (read in the index's order: {page.scanned} of the "
                   f"{page.supporters} supporters of {name})")
    return say(lang, f"只比较了{name}的 {page.supporters} 个支持者中的前 {page.scanned} 个（每次回答的上限），其余未比较",
               f"only the first {page.scanned} of the {page.supporters} supporters of {name} were compared (the "
               f"bound of one answer); the rest were not")
