"""Zones known by name: a gazetteer of public lists (zones.yaml), for names with no known ending.

Why: the suffix grammar (…科学城, …高新区, …新区) finds a zone whose name ends like one, but
reports call the best-known zones by short names that end like nothing (横琴, 前海, 张江,
光谷, 中关村海淀园, 综合性国家科学中心). Only a list finds those; the lists of national new
areas, innovation demonstration zones, free trade zones and science centres are public and
short, so they generalise to any report that names them.

A name from the list counts only where it starts and ends on a word boundary of the
segmenter: 目前|海外 holds no 前海, 南沙群岛 no 南沙. A longer name around it (a suffix name,
a graph name) wins in `resolve_overlaps`, as any known name does.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from loaders.text.entities import EntityFinder, Mention, _lower
from loaders.text.gazetteer import Entry, Gazetteer

HERE = Path(__file__).parent
ZONE_CONF = 0.9  # as the lexicon's places: a zone and a place read across it (前海|南沙 vs 海南) tie on length


@lru_cache(maxsize=2)
def zone_gazetteer(path: Path = HERE / "zones.yaml", lexicon: Path = HERE / "lexicon.yaml") -> Gazetteer:
    """The listed zones and their aliases, plus 中关村<district>园 for each Beijing district."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    gaz = Gazetteer()
    for item in raw["zones"]:
        entry = Entry(item["name"], "Zone", ZONE_CONF, "lexicon")
        for surface in [item["name"], *item.get("aliases", [])]:
            gaz.add(surface, entry)
    districts = yaml.safe_load(lexicon.read_text(encoding="utf-8"))["districts"]
    for item in districts:
        for short in item.get("aliases", []):
            name = raw["zgc_parks"].format(district=short)
            gaz.add(name, Entry(name, "Zone", ZONE_CONF, "lexicon"))
    return gaz


def zone_mentions(finder: EntityFinder, text: str) -> list[Mention]:
    """Every listed zone in `text` (the normalised view) that sits on word boundaries.

    A run of listed names written together (横琴前海南沙) counts when the run as a whole sits on
    boundaries: the segmenter reads 横琴|前|海南|沙 there, which no single name of it does."""
    words = finder.words_of(text)
    hits = sorted(zone_gazetteer().scan(_lower(text)), key=lambda h: (h[0], -h[1]))
    ends = {end for _, end, _ in hits}
    starts = {start for start, _, _ in hits}
    out = []
    for start, end, entries in hits:
        left_ok = not words.inside(start) or start in ends
        right_ok = not words.inside(end) or end in starts
        if not (left_ok and right_ok and _run_bounded(words, hits, start, end)):
            continue
        entry = entries[0]
        out.append(Mention(start, end, entry.name, "Zone", entry.conf, "lexicon", text[start:end]))
    return out


def _run_bounded(words, hits, start: int, end: int) -> bool:
    """The run of listed names joined end to start around [start, end) begins and ends on boundaries."""
    by_end = {e: s for s, e, _ in hits}
    by_start = {s: e for s, e, _ in hits}
    while words.inside(start) and start in by_end:
        start = by_end[start]
    while words.inside(end) and end in by_start:
        end = by_start[end]
    return not words.inside(start) and not words.inside(end)
