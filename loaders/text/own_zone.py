"""The issuer's own zone: a bare 高新区, 开发区, 科学城, 园区 (and 全区/本区/我区) that names it.

Why: a high-tech zone's committee writes 高新区 for its own zone (珠海高新技术产业开发区管理委员会:
"高新区规上工业企业203家"), and a district with a science city writes 科学城 for it (a Huairou
report's 科学城 is 怀柔科学城). The suffix grammar rightly reads a bare ending as no name, so these
mentions were lost. The referent is told only by the issuer: the zone its name opens with (the
publisher 宁波国家高新区管理委员会 -> 宁波国家高新区), or the science city of its district
(zones.yaml: `district`). Anywhere else a bare 高新区 stays unread (right or honestly declined):
a ministry's 高新区 is the kind, and 各高新区, 全国169家高新区, 国家高新区 are kinds in any text.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from loaders.text.entities import EntityFinder, Mention

HERE = Path(__file__).parent
CONF = 0.8
#: a publisher that opens with a zone: 珠海高新技术产业开发区|科技产业局, 宁波国家高新区|管理委员会
ISSUER_ZONE = re.compile(r"(.{2,12}?(?:高新技术产业开发区|经济技术开发区|高新区|经开区|开发区|科学城))(?=.)")
#: a bare word -> what the issuer's zone must end with for the word to name it ("" = any zone)
BARE = {"高新区": ("高新技术产业开发区", "高新区"), "开发区": ("开发区",), "经开区": ("经济技术开发区", "经开区"),
        "科学城": ("科学城",), "园区": ("",), "全区": ("",), "本区": ("",), "我区": ("",)}
#: a kind, not the issuer's zone: 各高新区, 国家高新区, 169家高新区, 两个开发区, 全国高新区
KIND_BEFORE = re.compile(r"(?:各|全国|国家|省级|市级|家|个|\d)$")
WORD = re.compile("|".join(sorted(BARE, key=len, reverse=True)))


@lru_cache(maxsize=1)
def science_cities() -> dict[str, str]:
    """District -> its science city, from zones.yaml (怀柔区 -> 怀柔科学城)."""
    raw = yaml.safe_load((HERE / "zones.yaml").read_text(encoding="utf-8"))
    return {z["district"]: z["name"] for z in raw.get("zones", ()) if z.get("district")}


def issuer_zone(publisher: str, district: str) -> tuple[str, str]:
    """(the issuer's zone, how it is known: "zone" for a zone's own body, "district" for a science city)."""
    found = ISSUER_ZONE.match(publisher)
    if found:
        return found.group(1), "zone"
    if district in science_cities():
        return science_cities()[district], "district"
    return "", ""


def own_zone_mentions(finder: EntityFinder, text: str) -> list[Mention]:
    """Bare zone words on word boundaries that name the issuer's zone (see the module doc)."""
    zone, how = issuer_zone(finder.context.publisher, finder.context.district)
    if not zone:
        return []
    words = finder.words_of(text)
    out = []
    for m in WORD.finditer(text):
        word = m.group()
        if how == "district" and word != "科学城":
            continue  # a district's 全区 is the district (context.py), its 园区 any park
        if not any(zone.endswith(end) for end in BARE[word]):
            continue
        if words.inside(m.start()) or words.inside(m.end()):
            continue
        if KIND_BEFORE.search(text, max(0, m.start() - 4), m.start()):
            continue
        out.append(Mention(m.start(), m.end(), zone, "Zone", CONF, "relative", word))
    return out
