"""A party congress or plenum named by a relative body and its numbers is an Event (session 15, s15-dev10).

Why: the blind report splits name the city's and the district's party meetings the way reports do,
by the body's short name and the session's numbers: 区十三次党代会, 市委十一届六次全会 (dev10, the
district's congress and the city committee's plenum, both missed), 市第十三次党代会 cut off its
北京 (dev8's near-miss for 北京市第十三次党代会). No suffix rule ends a name at 党代会 or 全会 after a
bare 市 or 区, so the words were lost, and the session number was read as a count (十三次 -> a junk
Metric 13次 in dev10). This module reads the closed shape: an opening body word (`orgs`), a session
number (第 optional; …届…次, …届…中, …次, …届) and a meeting word (`kinds`); a known place right before
the opening word (北京|市…) is taken in. A figure inside the name is no Metric (`without_inner_figures`).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from graph.text import to_simplified
from loaders.text.entities import Mention

SPEC = Path(__file__).with_name("party_sessions.yaml")
CONF = 0.7
HOW = "party_session"
PLACE_TYPES = ("Region", "District")


@lru_cache(maxsize=1)
def _spec() -> tuple[re.Pattern, dict]:
    raw = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    n = f"[{raw['numerals']}]"
    orgs = "|".join(sorted(map(re.escape, raw["orgs"]), key=len, reverse=True))
    kinds = "|".join(sorted(map(re.escape, raw["kinds"]), key=len, reverse=True))
    number = rf"第?{n}{{1,4}}(?:届{n}{{1,3}}[中次]|届|次)"
    return re.compile(rf"(?:{orgs})(?:{number})(?:{kinds})"), raw


def _known_place(finder, name: str) -> bool:
    return any(e.type in PLACE_TYPES for e in finder.gazetteer.get(name))


def session_mentions(finder, text: str) -> list[Mention]:
    """A mention for each <body><numbers><meeting> (区十三次党代会, 北京市第十三次党代会)."""
    pattern, raw = _spec()
    out = []
    for m in pattern.finditer(text):
        start = m.start()
        before = text[max(0, start - 2):start]
        if before[-1:] in raw["not_before"] or before in raw["not_before"]:
            continue
        for width in range(int(raw["max_place"]), 0, -1):  # a known place right before: 北京|市第十三次党代会
            place = text[start - width:start + 1] if start - width >= 0 else ""
            if place and place[-1] in "市区县" and _known_place(finder, place):
                start -= width
                break
        written = text[start:m.end()]
        out.append(Mention(start, m.end(), to_simplified(written), "Event", CONF, HOW, surface=written))
    return out


def without_inner_figures(mentions: list[Mention]) -> list[Mention]:
    """`mentions` without the figures read inside a session's name (十三次 in 区十三次党代会)."""
    sessions = [(m.start, m.end) for m in mentions if m.how == HOW]
    if not sessions:
        return mentions
    return [m for m in mentions
            if not (m.type == "Metric" and any(a <= m.start and m.end <= b for a, b in sessions))]
