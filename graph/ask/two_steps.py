""""List the research institutes located in Beijing's science cities": members of a type inside places of
another type (zones, districts) of the named node, two steps that one `members` listing cannot take.

Why: read as one listing of the region with two type words, it filtered Beijing's own members to
"research institutes or science cities" and said "nothing in the graph answers this" (session 13b),
although the graph names three research institutes in the science cities: it only ties no zone to
Beijing. The honest answer is a decline that names the one-step questions which do answer it: the
group of zones (三城一区) and its zones, each asked for the members' type.
"""

from __future__ import annotations

from graph.ask import model, narrow, replies
from graph.ask.most_supported import _groups_zones
from graph.ask.parser import Parse
from graph.ask.words import say, short
from graph.queries import GraphQueries
from graph.schema import NODE_TYPES

PLACES = ("Zone", "District")


def decline(queries: GraphQueries, p: Parse, base: dict) -> model.Answer | None:
    if not p.form or p.form.query != "members" or not p.slots:
        return None
    places = [t for t in p.types if t in PLACES]
    members = [t for t in p.types if t not in PLACES]
    if not places or not members:
        return None
    lang = p.language
    found = [r for r in narrow.asked(p, p.types) if r.type in members]
    word = narrow.label(found, lang) if found else say(lang, "、".join(NODE_TYPES[t].zh for t in members),
                                                         " or ".join(t.lower() + "s" for t in members))
    place_rules = [r for r in narrow.asked(p, p.types) if r.type in places]
    place = narrow.label(place_rules, lang) or say(lang, NODE_TYPES[places[0]].zh, places[0].lower() + "s")
    anchor = queries.store.get_nodes([p.slots[0].id or p.slots[0].ids[0]]).get(p.slots[0].id or p.slots[0].ids[0])
    where = short(anchor, lang) if anchor else ""
    # the group of zones first (三城一区), then the zones the place word names (科学城: by name)
    zones = [z for z in queries.store.nodes_of_type("Zone")
             if _groups_zones(queries, z.id) or not place_rules or any(r.holds(z) for r in place_rules)]
    zones = sorted(zones, key=lambda n: (not _groups_zones(queries, n.id), n.id))[:4]
    asks = [say(lang, f"{short(z, lang)}有哪些{word}？", f"Which {word} are in {short(z, lang)}?") for z in zones]
    sentence = say(lang, f"问的是{where}的{place}里的{word}：要先找{place}、再找其中的{word}，一个列表答不了"
                         "（图中的园区大多没有标注所在地区）。可以按园区问：",
                   f"This asks for the {word} in {where}'s {place}: two steps (the {place}, then what is in them) "
                   "that one listing cannot take, and most zones carry no region in the graph. Ask by zone:")
    return replies.decline(p, base, sentence, asks)
