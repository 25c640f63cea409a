"""Names known from public lists (zones.yaml, programs.yaml, institutions.yaml), for names the grammar cannot find.

Why: the suffix grammar (…科学城, …高新区, …计划) finds a name that ends like one, but
reports call the best-known zones by short names that end like nothing (横琴, 前海, 张江,
光谷, 中关村海淀园, 综合性国家科学中心), and the best-known programmes by names made of
generic words only (国家重点研发计划, 企业支援计划), which the grammar rightly reads as
categories. Only a list finds those; the lists of national new areas, innovation
demonstration zones, science centres and national S&T programmes are public and short, so
they generalise to any report that names them. Companies and universities are called by short
names too (华为, 一汽, 港大: institutions.yaml); a short name two bodies share (科大, 中大) counts
only where the text also names its group by an unambiguous one (港大、中大、理大).

A listed name counts only where it starts and ends on a word boundary of the segmenter:
目前|海外 holds no 前海, 南沙群岛 no 南沙. A longer name around it (a suffix name, a graph
name) wins in `resolve_overlaps`, as any known name does.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

import yaml

from loaders.text import doubts
from loaders.text.entities import EntityFinder, Mention, _lower
from loaders.text.gazetteer import Entry, Gazetteer

HERE = Path(__file__).parent
#: short name -> (its group, whether two bodies share it): filled by `listed_gazetteer`
_GROUPS: dict[str, tuple[str, bool]] = {}
#: canonical names of the listed institutions (华为技术有限公司 …)
_INSTITUTIONS: set[str] = set()
#: a place in brackets between a company and its centre: 华为(重庆)科技创新中心
BRACKETED = re.compile(r"[(（][^()（）]{1,6}[)）]")
GUESSED = {"suffix", "quote", "list", "cell"}
OPENED = {"Project", "Zone", "Institution", "Program"}
REACH = 8  # characters between the company and its name's ending: 华为|人工智能计算|中心
#: as the lexicon's places: a zone and a place read across it (前海|南沙 vs 海南) tie on length
LISTED_CONF = 0.9
LISTS = {"zones": "Zone", "programs": "Program", "funds": "Fund", "institutions": "Institution"}
FILES = ("zones.yaml", "programs.yaml", "institutions.yaml", "media.yaml")  # media.yaml: session 12


@lru_cache(maxsize=2)
def listed_gazetteer(files: tuple[str, ...] = FILES,
                     lexicon: Path = HERE / "lexicon.yaml") -> Gazetteer:
    """The listed names and their aliases, plus 中关村<district>园 for each Beijing district."""
    gaz = Gazetteer()
    for file in files:
        raw = yaml.safe_load((HERE / file).read_text(encoding="utf-8"))
        for key, type_ in LISTS.items():
            for item in raw.get(key, ()):
                entry = Entry(item["name"], type_, LISTED_CONF, "lexicon")
                if type_ == "Institution":
                    _INSTITUTIONS.add(item["name"])
                for surface in [item["name"], *item.get("aliases", [])]:
                    gaz.add(surface, entry)
                if "group" in item:
                    shared = item.get("ambiguous", False)
                    for surface in item.get("aliases", []):
                        _GROUPS[_lower(surface)] = (item["group"], shared)
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
    lowered = _lower(text)
    named = {_GROUPS[lowered[s:e]][0] for s, e, _ in hits
             if lowered[s:e] in _GROUPS and not _GROUPS[lowered[s:e]][1]}
    out = []
    for start, end, entries in hits:
        group = _GROUPS.get(lowered[start:end])
        if group and group[1] and group[0] not in named:
            continue  # 科大 alone: HKUST or USTC, unread
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


def opened(finder: EntityFinder, text: str, candidates: list[Mention]) -> list[Mention]:
    """A guessed name opened by a listed company or university, joined: 华为|人工智能计算中心,
    华为(重庆)|科技创新中心. Why: the left-edge walk stops before a name it does not know as a place
    or an anchor word, so the centre lost its owner (人工智能计算中心 is a kind, 华为人工智能计算中心
    one thing). Where no guess starts there (产业园 alone is a kind, so none is made), the nearest
    ending of the suffix grammar within a few characters of the same clause closes the name, on a
    word boundary (华为(重庆)|产业园, 华为(重庆)|智慧小镇). The joined span competes in
    `resolve_overlaps` like any longer name; the company inside it becomes nested, as a place
    opening a name does."""
    by_start: dict[int, list[Mention]] = {}
    for c in candidates:
        by_start.setdefault(c.start, []).append(c)
    out = []
    for m in candidates:
        if m.how != "lexicon" or m.type != "Institution" or m.name not in _INSTITUTIONS:
            continue
        ats = {m.end}
        bracket = BRACKETED.match(text, m.end)
        if bracket:
            ats |= {bracket.start() + 1, bracket.end()}
        joined = [replace(g, start=m.start, name=text[m.start:g.end], surface=text[m.start:g.end], aliases=[])
                  for at in ats for g in by_start.get(at, ())
                  if g.how in GUESSED and g.type in OPENED and _a_kind(finder, g)]
        if joined or any(g.how in GUESSED or g.type in OPENED for at in ats for g in by_start.get(at, ())):
            out += joined
            continue
        out += [j for j in _ending(finder, text, m.start, bracket.end() if bracket else m.end)
                if _a_kind(finder, replace(j, name=text[bracket.end() if bracket else m.end:j.end]))]
    return out


def _a_kind(finder: EntityFinder, guess: Mention) -> bool:
    """人工智能计算中心 (a domain and an ending) is a kind the company makes one thing; 原生鸿蒙操作系统
    is one thing already, whose maker only describes it (华为|原生鸿蒙操作系统)."""
    suffix = finder._suffix_at_end(guess.name)
    modifier = guess.name[: -len(suffix.end)] if suffix and len(guess.name) > len(suffix.end) else ""
    return not modifier or finder._generic(modifier) or doubts._domain_only(finder, modifier)


def _ending(finder: EntityFinder, text: str, start: int, at: int) -> list[Mention]:
    """The name from `start` to the nearest suffix ending within REACH characters after `at`."""
    words, stops = finder.words_of(text), finder.rules.stops
    for k in range(REACH + 1):
        if at + k >= len(text) or (k and not ("\u4e00" <= text[at + k - 1] <= "\u9fff")):
            return []
        here = at + k
        if not words.inside(here):
            word = text[here:words.end_of(here)]
            if word in stops or text[here] in stops or words.verb_at(here):
                return []  # 华为|在渝千亿级项目: a verb or a function word ends the name
        for suffix in finder.rules.suffixes:
            end = at + k + len(suffix.end)
            if suffix.type in OPENED and text.startswith(suffix.end, at + k) and not words.inside(end):
                whole = text[start:end]
                return [Mention(start, end, whole, suffix.type, suffix.conf, "suffix", whole)]
    return []
