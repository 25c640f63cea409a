"""A zone's member named by its field and kind: "未来科学城的氢能平台", "Future Science City's hydrogen platform".

Why (session 18, blind set): `未来科学城的氢能平台是谁支持的` was declined ("only 未来科学城 was read; 氢能 would be
left out"), though the graph holds exactly one platform of that zone that focuses on hydrogen energy
(氢能技术协同创新平台, LOCATED_IN 未来科学城). A director writes the thing the way the zone's story names it: the
zone, a field, a type word. When the zone holds exactly one node of that type focusing on that field, the words
are that node, and the question is read with its name (answer.py, with a note saying so). Several such nodes,
or none, change nothing here: elsewhere.py says where a node the zone does not hold is, and the other readings
go on.

The same for a zone's plan: `Who drew up the plan for Future Science City?` was declined (plan read as a type
word beside the zone); "the plan for X", "X's plan", "X的规划" are X's one plan (a Policy supporting X named
规划). 怀柔科学城 has two (规划, 科学规划): nothing is chosen for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.ask.elsewhere import PLACES
from graph.ask.forms import grammar
from graph.ask.parser import Parse
from graph.ask.relations import deep_members
from graph.ask.words import say, short
from graph.model import Node
from graph.queries import GraphQueries

#: What may stand between the zone and the field: 的, a demonstrative; 's in English.
_JOINT = {"zh": "的?(?:那些|这些|那个|这个)?", "en": r"(?: s)? (?:own )?"}


@dataclass(frozen=True)
class Named:
    words: str  # the question's words for the member ("未来科学城的氢能平台")
    node: Node  # the member they name


def named(queries: GraphQueries, p: Parse) -> Named | None:
    found = [m for m in p.mentions if m.ids]
    types = grammar().type_words[p.language]
    for zone, field in zip(found, found[1:]):
        zone_id, field_id = zone.id or zone.ids[0], field.id or field.ids[0]
        if not (zone_id.startswith("zone-") and field_id.startswith("field-")):
            continue
        at = re.search(re.escape(zone.text) + _JOINT[p.language] + re.escape(field.text) + "(?: )?", p.keyed)
        if not at:
            continue
        kind = next((w for w in types if (m := w.regex.match(p.keyed, at.end())) and m.start() == at.end()), None)
        if kind is None:
            continue
        word = kind.regex.match(p.keyed, at.end())
        member = _the_one(queries, zone_id, field_id, set(kind.types))
        if member is not None:
            return Named(p.keyed[at.start():word.end()], member)
    return None


def plan(queries: GraphQueries, p: Parse) -> Named | None:
    """"the plan for Future Science City", "未来科学城的规划": the zone's one plan."""
    if ("规划" if p.language == "zh" else "plan") not in p.keyed:  # most questions: no pattern built
        return None
    for m in p.mentions:
        zone_id = (m.id or m.ids[0]) if m.ids else ""
        if not zone_id.startswith("zone-"):
            continue
        name = re.escape(m.text)
        at = re.search(rf"\b(?:the )?(?:master |overall |development )?plan (?:for|of) {name}|{name}(?: s)? "
                       rf"(?:master |overall |development )?plan\b" if p.language == "en"
                       else rf"{name}的(?:总体|整体|发展)?规划", p.keyed)
        if not at:
            continue
        plans = [n for n in queries.store.get_nodes({e.source for e in queries.store.edges([zone_id], "in", ["SUPPORTS"])}).values()
                 if n.type == "Policy" and "规划" in n.name_zh]
        if len(plans) == 1:
            return Named(at.group(0), plans[0])
    return None


def _the_one(queries: GraphQueries, zone_id: str, field_id: str, types: set[str]) -> Node | None:
    zone = queries.store.get_nodes([zone_id]).get(zone_id)
    if zone is None or zone.type not in PLACES:
        return None
    on_field = {e.source for e in queries.store.edges([field_id], "in", ["FOCUSES_ON"])}
    members = [i.node for i in deep_members(queries, zone_id) if i.node.id in on_field and i.node.type in types]
    return members[0] if len(members) == 1 else None


def name_of(node: Node, language: str) -> str:
    return node.name_zh if language == "zh" else (node.name_en or node.name_zh)


def note(language: str, found: Named) -> str:
    return say(language, f"把「{found.words}」读作{short(found.node, 'zh')}（该园区唯一的这类节点）",
               f"read {found.words!r} as {short(found.node, 'en')} (the zone's one such node)")
