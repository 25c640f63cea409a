"""The party committee written before a series of plenums opens the first one's name (session 16, s16-dev12).

Why: a plenum series shares its ending (省委十四届三次、四次全会: one Event per item as written, README), and
bodies.shared_plenums reads the items from their numbers, so the committee written right before the first item was
left out of its name (十四届三次 for 省委十四届三次, dev2's Zhejiang review; 十一届八次 for 北京市委十一届八次, dev12),
where a single plenum keeps it (市委十一届六次全会, dev10). The committee (省委, 市委, 区委, 县委, with the place
written before it: 北京市委) opens the first item, and is a body of its own (rule b); a place that only prefixes the
committee's name is no mention (README). A series written after another name (市委第十次党代会、十届七次、八次全会)
keeps its first item as written: nothing stands right before it.
"""

from __future__ import annotations

import re

from loaders.text.entities import Mention

CN = "一二三四五六七八九十"
FIRST = re.compile(rf"[{CN}]{{1,3}}届[{CN}]{{1,3}}(?:中|次)")
COMMITTEES = ("省委", "市委", "区委", "县委")
PLACES = ("Region", "District")


def with_committees(text: str, mentions: list[Mention]) -> list[Mention]:
    """Extend a series' first plenum over the committee right before it, and read that committee as a body."""
    added = []
    for m in mentions:
        if m.type != "Event" or m.nested or m.how != "pattern" or not FIRST.fullmatch(text[m.start:m.end]):
            continue
        a = m.start
        if text[a - 2:a] not in COMMITTEES:
            continue
        place = next((p for p in mentions if p.type in PLACES and p.end == a - 1 and text[a - 2] in "省市区县"
                      and not p.nested), None)
        organ = next((b for b in mentions if b.how == "place_organ" and b.end == a), None)  # 北京市委 (session 17)
        start = place.start if place else organ.start if organ else a - 2
        body = next((b for b in mentions if b.type == "Institution" and b.start == start and b.end == a), None)
        if body is None:
            surface = text[start:a]
            name = f"中共{surface[:-1]}委员会" if place or organ else surface
            body = Mention(start, a, name, "Institution", 0.7, "relative", surface, kind="government")
            added.append(body)
        body.titled = True
        if place is not None:
            place.nested = True  # 北京市|委: the place only prefixes the committee's name
        m.start = start
        m.surface = text[start:m.end]
        m.name = m.surface
    return sorted(mentions + added, key=lambda x: (x.start, -x.end)) if added else mentions
