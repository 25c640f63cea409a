"""Who speaks in a report, and where: the publisher, its city and its district.

Relative names mean different bodies in different reports: 市委 is Shanghai's party
committee in a Shanghai report, 区政府 Minhang's government in a Minhang report, 全区
the district itself. The publisher (header, byline, or the start of the title) gives
the city (上海市) and the district (闵行区); relative names expand with them
(rules.yaml `relative_names`; items with `level: district` only for a district's
report).

With no city known, relative names are still found but stay as written (市委 is a node
named 市委, confidence 0.6) and never resolve to a graph node: a Shanghai page without a
byline must not become evidence about Beijing's committee. For the same reason a
graph's relative and generic aliases (市委, 本市, 科技创新中心 of the Beijing graph) are
only used when the report's city is the graph's city (`foreign_alias`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.text import normalize, to_simplified

CITY = re.compile(r"^(.{2,5}?[市省])")
DISTRICT = re.compile(r"^(.{1,4}?[区县])(?!域|块)")
TITLE_PUBLISHER = re.compile(r"^(.{2,5}?[市省].{2,12}?(?:委员会|局|厅|办公室|人民政府))")
RELATIVE_START = ("市", "区", "省", "本", "我", "全", "县")
UNKNOWN_CONF = 0.6


@dataclass(frozen=True)
class Context:
    """What the report says about itself: who publishes it, in which city and district."""

    publisher: str = ""
    city: str = ""
    district: str = ""

    @classmethod
    def of(cls, publisher: str, title: str = "") -> Context:
        if not publisher:
            found = TITLE_PUBLISHER.match(to_simplified(title).split("关于")[0])
            publisher = found.group(1) if found else ""
        plain = to_simplified(publisher)  # a Traditional byline (北京市懷柔區…) names its district too (session 13)
        found = CITY.match(plain)
        city = found.group(1) if found else ""
        district = DISTRICT.match(plain[len(city):])
        return cls(publisher, city, district.group(1) if district and district.end() < len(publisher) - len(city)
                   else "")

    def short(self, abbreviations: dict[str, str]) -> str:
        """北京市科学技术委员会 -> 市科委; 上海市闵行区科学技术委员会 -> 区科委."""
        rest = self.publisher[len(self.city) + len(self.district):] if self.city or self.district else self.publisher
        for full, abbr in abbreviations.items():
            if rest == full:
                if self.district:
                    return "区" + abbr
                return ("市" if self.city.endswith("市") else "省") + abbr
        return ""

    def values(self, abbreviations: dict[str, str]) -> dict[str, str]:
        return {"city": self.city, "district": self.district, "publisher": self.publisher,
                "publisher_short": self.short(abbreviations)}


def _only_words(key: str, words: frozenset[str]) -> bool:
    """Whether `key` splits into listed words (longest first at each place)."""
    if not words or not key:
        return False
    longest = max(map(len, words))
    i = 0
    while i < len(key):
        step = next((n for n in range(min(longest, len(key) - i), 0, -1) if key[i:i + n] in words), 0)
        if not step:
            return False
        i += step
    return True


def relative_surfaces(items: list[dict]) -> frozenset[str]:
    return frozenset(normalize(s) for item in items for s in item["surface"])


def foreign_alias(name: str, type_: str, surfaces: frozenset[str], generic: frozenset[str],
                  words: frozenset[str] = frozenset()) -> bool:
    """An alias that names different things in different cities: a relative name (市委, 本市, 区政府),
    a listed generic alias, or one made of generic words only (科技创新中心建设 = 科技+创新+中心+建设)."""
    key = normalize(name)
    if key in surfaces or key in generic or _only_words(key, words):
        return True
    return type_ in ("Institution", "Region", "District") and len(key) <= 8 and key.startswith(RELATIVE_START) \
        and not key.startswith(("市场", "全国", "全球", "省部"))
