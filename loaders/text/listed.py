"""Names known from public lists (zones.yaml, programs.yaml), for names the grammar cannot find.

Why: the suffix grammar (…科学城, …高新区, …计划) finds a name that ends like one, but
reports call the best-known zones by short names that end like nothing (横琴, 前海, 张江,
光谷, 中关村海淀园, 综合性国家科学中心), and the best-known programmes by names made of
generic words only (国家重点研发计划, 企业支援计划), which the grammar rightly reads as
categories. Only a list finds those; the lists of national new areas, innovation
demonstration zones, science centres and national S&T programmes are public and short, so
they generalise to any report that names them.

A listed name counts only where it starts and ends on a word boundary of the segmenter:
目前|海外 holds no 前海, 南沙群岛 no 南沙. A longer name around it (a suffix name, a graph
name) wins in `resolve_overlaps`, as any known name does.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from loaders.text.entities import EntityFinder, Mention, _lower
from loaders.text.gazetteer import Entry, Gazetteer

HERE = Path(__file__).parent
#: as the lexicon's places: a zone and a place read across it (前海|南沙 vs 海南) tie on length
LISTED_CONF = 0.9
LISTS = {"zones": "Zone", "programs": "Program", "funds": "Fund"}


@lru_cache(maxsize=2)
def listed_gazetteer(files: tuple[str, ...] = ("zones.yaml", "programs.yaml"),
                     lexicon: Path = HERE / "lexicon.yaml") -> Gazetteer:
    """The listed names and their aliases, plus 中关村<district>园 for each Beijing district."""
    gaz = Gazetteer()
    for file in files:
        raw = yaml.safe_load((HERE / file).read_text(encoding="utf-8"))
        for key, type_ in LISTS.items():
            for item in raw.get(key, ()):
                entry = Entry(item["name"], type_, LISTED_CONF, "lexicon")
                for surface in [item["name"], *item.get("aliases", [])]:
                    gaz.add(surface, entry)
        if "zgc_parks" in raw:
            for district in yaml.safe_load(lexicon.read_text(encoding="utf-8"))["districts"]:
                for short in district.get("aliases", []):
                    name = raw["zgc_parks"].format(district=short)
                    gaz.add(name, Entry(name, "Zone", LISTED_CONF, "lexicon"))
    return gaz


def listed_mentions(finder: EntityFinder, text: str) -> list[Mention]:
    """Every listed name in `text` (the normalised view) that sits on word boundaries.

    A run of listed names written together (横琴前海南沙) counts when the run as a whole sits on
    boundaries: the segmenter reads 横琴|前|海南|沙 there, which no single name of it does."""
    words = finder.words_of(text)
    hits = listed_gazetteer().scan(_lower(text))
    by_end = {end: start for start, end, _ in hits}
    by_start = {start: end for start, end, _ in hits}
    out = []
    for start, end, entries in hits:
        left, right = start, end
        while words.inside(left) and left in by_end:
            left = by_end[left]
        while words.inside(right) and right in by_start:
            right = by_start[right]
        if words.inside(left) or words.inside(right):
            continue
        entry = entries[0]
        out.append(Mention(start, end, entry.name, entry.type, entry.conf, "lexicon", text[start:end]))
    return out
