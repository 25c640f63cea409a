"""A city's or a district's leading bodies written with the place's name and the body's short form are bodies,
not mentions of the place (session 17, s17-dev16; issue 18).

Why: 北京市委, 怀柔区委, 北京市政府, 房山区委 and 海淀区人大 are how reports name the party committee, the government
and the congress of a place they name: in a person's title (北京市委常委、副市长…, 怀柔区委副书记), opening another
body (北京市委宣传部), a portal (北京市政府国际版门户网站) or a sentence (由中国地震局和北京市政府批准). The relative
forms (市委, 区政府) are listed in rules.yaml and read; with the place written before them the lexicon read the place
instead and nothing ended the body: the body was missed and the place, which only prefixes the name, became a junk
Region or District mention. Four blind Beijing splits lost bodies this way (dev8 房山区委, dev10 北京市政府, dev14
北京市委, 怀柔区委 and 北京市政府 twice, dev16 北京市委 twice). The shape is closed: a place the lexicon read (ending
like a city, district, county or province) directly followed by one of the short forms in place_organs.yaml, named
by its full name (中共北京市委员会, 北京市人民政府), the written form an alias. A body found inside a longer name (北京
市委|宣传部) is an entity of its own (guideline rule (b)), as `opening_bodies` keeps one.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from graph.text import to_simplified
from loaders.text.entities import Mention

SPEC = Path(__file__).with_name("place_organs.yaml")
CONF = 0.7
HOW = "place_organ"


@lru_cache(maxsize=1)
def _spec() -> tuple[tuple[str, ...], tuple[tuple[str, str, str, frozenset[str]], ...]]:
    raw = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    organs = tuple((o["organ"], o["full"], o.get("alias", ""), frozenset(o["not_after"])) for o in raw["organs"])
    return tuple(raw["place_ends"]), organs


def organ_mentions(text: str, candidates: list[Mention], city: str = "") -> list[Mention]:
    """A body for each place the lexicon read that is directly followed by a leading body's short form; a
    district is named with the publisher's city (北京市怀柔区人民政府: the lexicon's districts are that city's),
    the way the relative names 区委, 区政府 are. A committee written in full (中共北京市委) is left to
    party_committees.py: the place inside it opens no second body."""
    ends, organs = _spec()
    out, seen = [], set()
    full_committees = {c.end for c in candidates if c.how == "party_committee"}
    for place in candidates:
        written = text[place.start:place.end] if 0 <= place.start < place.end <= len(text) else ""
        if place.type not in ("Region", "District") or place.how != "lexicon" or not written.endswith(ends):
            continue
        for organ, full, alias, not_after in organs:
            end = place.end + len(organ)
            if text.startswith(organ, place.end) and text[end:end + 1] not in not_after:
                if (place.start, end) not in seen and end not in full_committees:
                    seen.add((place.start, end))
                    surface = text[place.start:end]
                    where = to_simplified(place.name or written)
                    if place.type == "District" and city and not where.startswith(city):
                        where = city + where
                    name = full.format(place=where)
                    aliases = [to_simplified(surface)] + ([alias.format(place=where)] if alias else [])
                    out.append(Mention(place.start, end, name, "Institution", CONF, HOW, surface=surface,
                                       kind="government", aliases=aliases))
                break
    return out


def titled_when_nested(mentions: list[Mention]) -> None:
    """A place's body read inside a longer name is an entity of its own (北京市委 in 北京市委宣传部), unless the
    longer name ends where it ends: then it is the same body written longer (中共北京市东城区委)."""
    ours = [m for m in mentions if m.how == HOW and m.nested]
    for m in ours:
        hosts = [h for h in mentions if not h.nested and h.start <= m.start and m.end <= h.end and h is not m]
        if hosts and all(h.end != m.end for h in hosts):
            m.titled = True
