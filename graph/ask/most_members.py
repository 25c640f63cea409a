""""哪个园区聚焦的领域最多", "Which zone has the most institutions?": zones ranked by what the graph places in them.

Why: until session 12 every "which zone has the most X" was declined ("nothing to rank by"), yet the
graph holds the answer for what it names: each zone's members of a type (LOCATED_IN / PART_OF, through
member zones as the members form counts them) and its fields (direct or through a member, as the
fields form gives them). The count is of nodes the graph names, not the report's totals (怀柔科学城 has
4 named projects; the report speaks of 30 first-batch projects): the answer says so. A group of zones
(三城一区) is not ranked beside its own zones; zones with none are left out; a tie at the top is said.
Counting companies or universities per zone stays declined (screen.py): the report does not list them.
"""

from __future__ import annotations

from graph.ask import model, relations, replies, run
from graph.ask.model import Item
from graph.ask.most_supported import _groups_zones
from graph.ask.parser import Parse
from graph.ask.run import Params, Result, runner
from graph.ask.narrow import label as narrow_label
from graph.ask.words import say, short, type_words
from graph.errors import InvalidInput
from graph.queries import GraphQueries
from graph.schema import NODE_TYPES

KINDS = ("Zone", "District")


@runner("most_members")
def most_members(q: GraphQueries, p: Params) -> Result:
    kinds = [t for t in p.types if t in KINDS] or ["Zone"]
    counted = [t for t in p.types if t not in KINDS]
    if not counted:
        raise InvalidInput(say(p.lang, "没有说按什么计数；可以问「哪个园区的机构最多？」。",
                               "Nothing to count was named; ask e.g. 'Which zone has the most institutions?'."))
    items = []
    named = list(q.store.get_nodes(p.refs).values()) if p.refs else []  # "A or B, which has more": those two
    if any(n.type not in KINDS for n in named):  # members are a zone's or a district's; ask each thing apart
        raise InvalidInput(say(p.lang, "只能比较园区或行政区的成员个数；可以分别问每一个，例如「怀柔科学城有哪些项目？」。",
                               "Only zones or districts are compared by what they hold; ask about each, "
                               "e.g. 'What projects are in Huairou Science City?'."))
    for kind in kinds:
        for node in named or q.store.nodes_of_type(kind):
            if kind == "Zone" and _groups_zones(q, node.id) and not named:
                continue
            if counted == ["Field"]:
                rows = run.RUNNERS["fields"](q, Params(refs=[node.id], lang=p.lang)).items
            else:
                rows = [i for i in relations.deep_members(q, node.id) if i.node.type in counted
                        and _narrowed(i.node, p.narrow)]
            n = len({i.node.id for i in rows})
            if n or named:  # a named zone with none is part of the comparison
                items.append(Item(node=node, value=float(n)))
        if named:
            break
    items.sort(key=lambda i: (-(i.value or 0), i.node.id))
    return Result(items)


def _narrowed(node, rules: list) -> bool:
    """A row of a narrowed type counts only when it is what the word says: "研究机构" counts the research
    institutes, not 未来科学城央企 (session 17: "哪个园区的研究机构最多" gave 未来科学城 1, its central SOEs)."""
    return all(rule.holds(node) for rule in rules if rule.type == node.type)


def summary(lang: str, types: list[str], result: Result, rules: list | None = None) -> str:
    """The first zone and its count, a tie at the top said, then the others; counts of named nodes."""
    counted = [t for t in types if t not in KINDS]
    what = type_words(counted, lang) if lang == "zh" else " or ".join(_plural(t) for t in counted)
    if rules:  # the word asked, not its type: "科研机构最多的是…"
        what = narrow_label(rules, lang)
    return ranking(lang, what, result.items,
                   say(lang, "按图中点名的节点计数，不是报告给出的总数。",
                       "Counted over the nodes the graph names, not the report's totals."))


def ranking(lang: str, what: str, items: list[Item], basis: str, each: str | None = None) -> str:
    """"X 最多的是 A（n 个）。各园区：A n；B m …" — the leader (or a tie) and each one's count, so a ranking
    never reads as a bare list whose length looks like the leader's count ("the zone with the most
    supporters: 7 — …" listed 7 zones when the first had 4). most_supported says it the same way."""
    counts = say(lang, "；", "; ").join(f"{short(i.node, lang)} {int(i.value or 0)}" for i in items[:8])
    top = [i for i in items if i.value == items[0].value]
    names = say(lang, "、", ", ").join(short(i.node, lang) for i in top)
    lead = say(lang, f"{what}最多的是{names}（{int(items[0].value or 0)} 个）" if len(top) == 1
               else f"{names}并列最多（各 {int(items[0].value or 0)} 个{what}）",
               f"First by number of {what}: {names} ({int(items[0].value or 0)})" if len(top) == 1
               else f"{names} tie for the most {what} ({int(items[0].value or 0)} each)")
    each = each or say(lang, "各行政区" if all(i.node.type == "District" for i in items) else "各园区",
                       "by district" if all(i.node.type == "District" for i in items) else "by zone")
    return say(lang, f"{lead}。{each}：{counts}。{basis}", f"{lead}. {each[0].upper() + each[1:]}: {counts}. {basis}")


def compare_decline(queries: GraphQueries, p: Parse, base: dict) -> model.Answer | None:
    """"Between A and B, which one has more projects?": declined, with what the graph names of each.

    Why: the graph names some of a zone's projects, not its total (怀柔科学城: 4 named, 30 in the first
    batch alone), so the named counts cannot say which zone has more (session 11 keeps this a decline).
    Read as paths it answered how the two are connected (session 13b); now it says the named counts,
    that they are no totals, and how to ask for each zone's list.

    Fields are compared, not declined (session 14): the report names the fields a zone focuses on, it
    gives no larger total of them, and "哪个园区聚焦的领域最多" already ranks every zone by them."""
    if not p.form or p.form.id != "compare_members" or [t for t in p.types if t not in KINDS] == ["Field"]:
        return None
    lang = p.language
    refs = [m.id or m.ids[0] for m in p.slots if m.ids]
    try:
        items = most_members(queries, Params(refs=refs, types=p.types, lang=lang)).items
    except InvalidInput as e:
        return replies.decline(p, base, str(e))
    what = type_words([t for t in p.types if t not in KINDS], lang)
    counts = say(lang, "、", ", ").join(say(lang, f"{short(i.node, lang)} {int(i.value or 0)} 个",
                                            f"{short(i.node, lang)} {int(i.value or 0)}") for i in items)
    sentence = say(lang, f"图中点名的{what}：{counts}；这只是报告点到名的，不是各自的总数，比不出哪个更多。"
                         "可以分别问每个园区有哪些。",
                   f"Named in the graph ({what}): {counts}; they are the ones the report names, not each zone's "
                   "total, so they cannot say which has more. Ask for each zone's list.")
    counted = [t for t in p.types if t not in KINDS]
    first = "Project" if "Project" in counted else counted[0]  # 项目 asks Program or Project: projects read first
    word = say(lang, {"Project": "项目"}.get(first, NODE_TYPES[first].zh), {"Project": "projects"}.get(first, first.lower() + "s"))
    asks = [say(lang, f"{short(i.node, lang)}有哪些{word}？", f"What {word} are in {short(i.node, lang)}?") for i in items]
    return replies.decline(p, base, sentence, asks)


def _plural(node_type: str) -> str:
    """"First by number of fields", not "of Field" (session 14)."""
    word = node_type.lower()
    return word[:-1] + "ies" if word.endswith("y") else word + "s"
