"""Sub-parks named by their district alone: 海淀园、丰台园、昌平园, 怀柔、顺义等园区 (Zones).

Why: Zhongguancun's "一区十六园" and the parks of other zones are called by a district's short
name and 园 (海淀园, 通州园), or listed as bare district names closed by a park word (怀柔、顺义、大兴
园区; 怀柔、顺义等园区). No suffix of the grammar reads them (园 alone names gardens and homes too),
so they were lost, and the district inside (海淀 of 海淀园) was read as the District, a wrong node.
A district's short name is the safe anchor: {district}园 is a park wherever it stands; a list of
bare district names is a list of parks only when a park word closes it; and in a list that holds
such a park, the other short names ending in 园 (德胜园、雍和园) are its sibling parks.

The names are the lexicon's districts (Beijing's, `lexicon.yaml: districts`), so the rule follows
the data. Gardens and homes (公园, 家园, 花园, 园林 …) are never parks here (`NOT_PARKS`).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from loaders.text.entities import EntityFinder, Mention

HERE = Path(__file__).parent
CONF = 0.75
#: what may close a park's name after a district's short name; 园林, 园艺, 园丁, 园长 are other words
PARK_END = re.compile(r"(?:分园|园区|园)(?![林艺丁长地子])")
#: a park word closing a list of bare district names: 怀柔、顺义、大兴园区; 怀柔、顺义等园区; 等3个分园
CLOSER = re.compile(r"(?:(?:\.{3}){1,2}|…{1,2})?等?(?:[0-9一二两三四五六七八九十]+个)?(?:分园|园区|园)(?![林艺丁长地子])")
#: a sibling item of a park list: two to four characters ending in 园 (德胜园, 雍和园)
SIBLING = re.compile(r"[\u4e00-\u9fff]{1,3}园")
NOT_PARKS = ("公园", "家园", "花园", "乐园", "校园", "田园", "庄园", "菜园", "果园", "茶园", "陵园", "植物园", "动物园",
             "幼儿园", "游乐园", "产业园", "科技园", "软件园", "工业园", "创科园", "园园")
LIST_SEP = "、"
ITEM_STOPS = "、等"  # what ends a list item besides punctuation (雍和园|等园区)


@lru_cache(maxsize=2)
def district_shorts(lexicon: Path = HERE / "lexicon.yaml") -> frozenset[str]:
    """The short names of the lexicon's districts (海淀, 朝阳 …), two characters or more."""
    raw = yaml.safe_load(lexicon.read_text(encoding="utf-8"))
    return frozenset(a for d in raw["districts"] for a in d.get("aliases", ()) if len(a) >= 2)


def with_parks(finder: EntityFinder, text: str, candidates: list[Mention]) -> list[Mention]:
    """`candidates` plus the parks named by a district, without the District read at a park's span."""
    parks = park_mentions(finder, text)
    if not parks:
        return candidates
    spans = {(p.start, p.end) for p in parks}
    kept = [c for c in candidates if not (c.type == "District" and (c.start, c.end) in spans)]
    return kept + parks


def park_mentions(finder: EntityFinder, text: str) -> list[Mention]:
    shorts = district_shorts()
    out: dict[tuple[int, int], Mention] = {}
    for hit in _shorts_pattern(shorts).finditer(text):
        i, end = hit.span()
        ending = PARK_END.match(text, end)
        if ending:
            _add(out, i, ending.end(), text[i:ending.end()], text[i:ending.end()])
        elif text.startswith(LIST_SEP, end) and _opens_list(text, i):
            for s, e in _bare_items(text, i, shorts, max(map(len, shorts))):
                item = text[s:e]
                _add(out, s, e, item if item.endswith(("园", "园区")) else item + "园", item)
    _siblings(text, out)
    return sorted(out.values(), key=lambda m: m.start)


@lru_cache(maxsize=2)
def _shorts_pattern(shorts: frozenset[str]) -> re.Pattern:
    """One pattern of every short name, longest first: one pass over the text (linear time)."""
    return re.compile("|".join(map(re.escape, sorted(shorts, key=len, reverse=True))))


def _add(out: dict, start: int, end: int, name: str, surface: str) -> None:
    """One park: `name` its full short name (海淀园), `surface` as written (海淀 in 海淀、丰台园)."""
    if (start, end) not in out:
        out[(start, end)] = Mention(start, end, name, "Zone", CONF, "list", surface,
                                    aliases=[surface] if surface != name else [])


def _opens_list(text: str, at: int) -> bool:
    """Only the first item of a run starts the walk (the others are read with it)."""
    return at == 0 or text[at - 1] != LIST_SEP


def _bare_items(text: str, start: int, shorts: frozenset[str], width: int) -> list[tuple[int, int]]:
    """The items of 怀柔、顺义、大兴园区 (each a bare district name), when a park word closes the run."""
    items, at = [], start
    while True:
        short = next((text[at:at + n] for n in range(width, 1, -1) if text[at:at + n] in shorts), None)
        if short is None:
            return []
        items.append((at, at + len(short)))
        at += len(short)
        if not text.startswith(LIST_SEP, at):
            break
        at += 1
    closer = CLOSER.match(text, at)
    if closer is None or len(items) < 2:
        return []
    if closer.group() in ("园", "分园", "园区"):
        items[-1] = (items[-1][0], closer.end())  # 大兴园区: the last item carries the shared ending
    return items


def _siblings(text: str, out: dict) -> None:
    """In a 、 list holding a district's park, the other X园 items are parks: 海淀园、德胜园、雍和园."""
    for (start, end) in list(out):
        for s, e in _neighbours(text, start, end):
            item = text[s:e]
            if (s, e) not in out and SIBLING.fullmatch(item) and not item.endswith(NOT_PARKS):
                out[(s, e)] = Mention(s, e, item, "Zone", CONF - 0.1, "list", item)


def _item(text: str, at: int, step: int) -> int:
    """The far end of the item that starts (step 1) or ends (step -1) at `at`: a run of CJK characters."""
    i = at
    while 0 <= (i if step > 0 else i - 1) < len(text) and "\u4e00" <= text[i if step > 0 else i - 1] <= "\u9fff" \
            and text[i if step > 0 else i - 1] not in ITEM_STOPS:
        i += step
    return i


def _neighbours(text: str, start: int, end: int):
    """The 、-separated items right before and after [start, end), as far as the run goes."""
    at = start
    while at > 0 and text[at - 1] == LIST_SEP:
        s = _item(text, at - 1, -1)
        if s == at - 1:
            break
        yield s, at - 1
        at = s
    at = end
    while at < len(text) and text[at] == LIST_SEP:
        e = _item(text, at + 1, 1)
        if e == at + 1:
            break
        yield at + 1, e
        at = e
