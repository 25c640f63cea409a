"""Relations a name carries by itself, whatever the sentence around it says.

- a field inside a name: 北京石墨烯研究院 FOCUSES_ON 石墨烯;
- a zone's plan: 未来科学城规划 SUPPORTS 未来科学城;
- an institution opening a name: 市委常委会 PART_OF 市委 (government bodies), a policy
  or an event it opens is issued or hosted by it (市科委党组对…细则, 北京办公室…会议);
- a district opening a zone's name (LOCATED_IN), a zone opening an enterprise's (LOCATED_IN);
- two places opening an event's name partner: 京港…论坛, 中意…合作周, 北京-特拉维夫…大会;
- a non-home place opening an event's name hosts it there: 深圳高交会 LOCATED_IN 深圳;
- one place right after another is part of it: 新疆和田地区;
- a sub-fund derived from a list is LED_BY its manager.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from loaders.text.entities import Mention
from loaders.text.sections import Sentence

ACTORS = {"Institution", "District", "Region", "Zone"}


@dataclass
class Relation:
    source: Mention
    type: str
    target: Mention
    conf: float
    start: int  # the evidence sentence, in the body view
    end: int
    rule: str

    @property
    def key(self) -> tuple:
        return (self.source.key, self.type, self.target.key)


class NameRelations:
    """Mixed into RelationFinder: expects `mentions`, `text`, `city`, `abbr`, `issuer`, `_add`, `_range`, `_sentence_of`."""

    def _fields_in(self, m: Mention) -> list[Mention]:
        """The fields a name contains (the longest ones: 新能源汽车, not also 新能源)."""
        inner = [f for f in self._range(m.start, m.end) if f.type == "Field" and f.nested and f.end <= m.end]
        return [f for f in inner if not any(g is not f and g.start <= f.start and f.end <= g.end for g in inner)]

    def _names(self) -> None:
        tops = [m for m in self.mentions if not m.nested and m.how != "metric"]
        self._heads: dict[str, list[tuple[int, Mention]]] = {}  # an actor's surface -> (order, mention)
        seen: dict[tuple, int] = {}  # one head per surface and reading (北京 a thousand times is one head)
        for i, h in enumerate(self.mentions):
            if h.how != "metric" and h.type in ACTORS and (h.surface or h.name):
                same = (h.surface or h.name, h.key, h.kind, h.conf, h.how)
                if same in seen:
                    continue
                seen[same] = i
                self._heads.setdefault(h.surface or h.name, []).append((i, h))
        for m in tops:
            s = self._sentence_of(m)
            if s is None:
                continue
            for f in self._fields_in(m):
                if m.type not in ("Field", "Region", "District", "Metric", "Fund"):
                    self._add(m, "FOCUSES_ON", f, 0.65, "name:field", s)
            self._name_head(m, s)
            if m.how == "derived" and m.parent is not None:
                self._add(m, "LED_BY", m.parent, 0.7, "name:sub-fund", s)
        self._adjacent_regions()

    def _name_head(self, m: Mention, s: Sentence) -> None:
        """What the name opens with: an institution, a zone, a pair of places."""
        names = [m.name, m.surface] + list(m.aliases)
        found: dict[int, Mention] = {}  # the actors whose surface opens one of the names (a prefix lookup)
        here = bisect_left(self._starts, m.start)  # and, for rules tied to the place, those inside it
        at_start = [(here + j, h) for j, h in enumerate(self._range(m.start, m.start + 1))]
        for n in names:
            for k in range(1, len(n or "")):
                for i, h in [*self._heads.get(n[:k], ()), *((i, h) for i, h in at_start if (h.surface or h.name) == n[:k])]:
                    if h is not m and h.how != "metric" and h.type in ACTORS:
                        found[i] = h
        heads = [found[i] for i in sorted(found)]
        heads.sort(key=lambda h: len(h.surface or h.name))  # the longest head decides who issues
        for h in heads:
            if m.type == "Institution" and h.type == "Institution" and h.kind == "government":
                self._add(m, "PART_OF", h, 0.65, "name:part", s)
            elif m.type == "Policy" and h.type == "Institution":
                self.issuer[id(m)] = h
            elif m.type == "Event" and h.type == "Institution":
                self.issuer[id(m)] = h
            elif m.type == "Zone" and h.type == "District" and h.start == m.start:
                self._add(m, "LOCATED_IN", h, 0.65, "name:zone-in-district", s)
            elif m.type == "Institution" and h.type == "Zone" and m.kind == "enterprise":
                self._add(m, "LOCATED_IN", h, 0.65, "name:located", s)
            elif m.type in ("Policy", "Program") and h.type == "Zone" and m.name.endswith("规划"):
                self._add(m, "SUPPORTS", h, 0.7, "name:plan", s)
            elif m.type == "Event" and h.type == "Region" and self.city and h.key != self.city.key \
                    and h.name != "中国" and h.start == m.start:
                self._add(m, "LOCATED_IN", h, 0.6, "name:event-place", s)
        if m.type == "Event":
            self._pair(m, s)

    def _pair(self, m: Mention, s: Sentence) -> None:
        """京港科技创新合作论坛, 中意创新合作周, 北京-特拉维夫创新大会: the two places partner."""
        text = self.text[m.start:m.end]
        text = re.sub(r"^第.{1,3}届", "", text)
        places: list[Mention] = []
        dash = re.match(r"^(.{2,6})-(.{2,6}?)(?:创新|科技|合作|国际)", text)
        if dash:
            places = [x for x in self._range(m.start, m.end) if x.type == "Region"]
        elif len(text) > 2 and text[0] in self.abbr and text[1] in self.abbr and ("合作" in text or "交流" in text):
            places = [self._region(self.abbr[text[0]], m), self._region(self.abbr[text[1]], m)]
        if len(places) == 2 and all(places):
            self._add(places[0], "PARTNERS_WITH", places[1], 0.6, "name:pair", s)

    def _region(self, name: str, near: Mention) -> Mention:
        if not hasattr(self, "_regions_by_name"):
            self._regions_by_name: dict[str, Mention] = {}
            for x in self.mentions:
                if x.type == "Region":
                    self._regions_by_name.setdefault(x.name, x)
        known = self._regions_by_name.get(name)
        if known:
            return known
        if self.city and self.city.name == name:
            return self.city
        return Mention(near.start, near.end, name, "Region", 0.7, "abbr", name)

    def _adjacent_regions(self) -> None:
        regions = [m for m in self.mentions if m.type == "Region" and not m.nested]
        for a, b in zip(regions, regions[1:]):
            if a.end == b.start and not a.weak and not b.weak and "abbr" not in (a.how, b.how):
                s = self._sentence_of(b)
                self._add(b, "PART_OF", a, 0.65, "name:sub-region", s)

