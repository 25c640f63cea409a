"""A level + “两会” is an Event: the yearly sessions of a people's congress and its CPPCC, known by a quoted
nickname (市“两会”, 北京市“两会”, 全国“两会”) (issue 18, session 18, s18-dev17).

Why: reports name the sessions whose decisions they carry out (落实…市“两会”精神), and the guideline types them
as Events (dev10, dev12, dev14, dev16, dev17 each annotate one): five of five were missed, since a quoted
nickname is read only with a name ending after it and “两会” has none. The mechanism is the level before the
quotes: a place the rules read right before them (北京市, a province) or a level word (全国, 市, 省, 区), which
is part of the name (whose sessions they are); the place then only prefixes it.
"""

from __future__ import annotations

import re

from graph.text import to_simplified
from loaders.text.entities import Mention

NICKNAME = re.compile(r"[“「\"]\s*(?:两会|兩會)\s*[”」\"]")
LEVELS = ("全国", "全國", "全省", "全市", "市", "省", "区", "區")
CONF = 0.75


def with_level_sessions(text: str, mentions: list[Mention]) -> list[Mention]:
    """`mentions` with each level + “两会” read as an Event."""
    places = {m.end: m for m in mentions if m.type in ("Region", "District") and m.start >= 0}
    added = []
    for q in NICKNAME.finditer(text):
        place = places.get(q.start())
        if place is not None:
            start = place.start
            place.nested = True
        else:
            level = next((w for w in LEVELS if text.endswith(w, 0, q.start())), None)
            if level is None:
                continue
            start = q.start() - len(level)
        written = text[start:q.end()]
        added.append(Mention(start, q.end(), to_simplified(written), "Event", CONF, "pattern", written))
    return mentions + added if added else mentions
