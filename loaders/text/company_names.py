"""Companies called by their short names (好未来, 中科联绿): Institutions by what the page says of them.

Why: reports name a company in full once (好未来集团, 北京中科联绿科技有限公司) and then by its
short name, or list short names of companies beside well-known ones (小米、好未来等重点产业项目).
No ending is left to read, and a public list of every company cannot exist. Two things the page
itself states are read instead:

- **the full name gives the short one**: X集团 / X公司 / X有限公司 (a place before X, in brackets or
  not, and 科技/技术 after it dropped) makes every other X on word boundaries the same company;
- **a list item beside a known company is a company**: in A、B、C等… one item of which is a listed
  company (institutions.yaml: 小米, 华为), the other short items that no rule names are companies too.

A short name must be two to six characters, not generic (科技, 重点), no place or field alone, and
not inside a longer name.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from loaders.text import listed
from loaders.text.entities import EntityFinder, Mention

CONF = 0.6
ENDINGS = re.compile(r"(?:股份有限公司|有限责任公司|集团有限公司|集团股份有限公司|有限公司|集团公司|集团|公司)$")
TRADE = re.compile(r"(?:科技|技术|信息技术|网络科技|信息科技|控股|股份|实业)$")
BRACKET_PLACE = re.compile(r"[(（][\u4e00-\u9fff]{2,4}[)）]")
SHORT = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]{2,6}")  #: a short name, and a list item that may be one
CLOSER = "等"
#: kinds of companies, never one company's short name (晶泰、宜搜三家|科创|公司)
NOT_SHORT = frozenset({"科创", "科技", "创新", "龙头", "领军", "独角兽", "上市", "头部", "初创", "平台", "国有", "民营",
                       "外资", "合资", "总部", "控股", "投资", "基金", "管理", "服务", "物业", "建设", "运营", "发展"})


def company_mentions(finder: EntityFinder, text: str, mentions: list[Mention]) -> list[Mention]:
    """Short names of companies: from their full names in the text, and from lists beside a known one."""
    taken = _spans(mentions)
    cover = _Cover(mentions)
    out = _from_full_names(finder, text, mentions, taken, cover)
    taken |= {(m.start, m.end) for m in out}
    beside = _beside_known(finder, text, mentions, taken, cover)
    taken |= {(m.start, m.end) for m in beside}
    return out + beside + _elsewhere(finder, text, cover, beside, taken)


def _elsewhere(finder: EntityFinder, text: str, cover: _Cover, found: list[Mention],
               taken: set) -> list[Mention]:
    """The other mentions of a company found in a list: 小米、好未来等… names 好未来 in △ 好未来昌平教育园区 too."""
    words = finder.words_of(text)
    out = []
    for name in {m.name for m in found}:
        at = text.find(name)
        while at != -1:
            end = at + len(name)
            if (at, end) not in taken and not words.inside(at) and not cover.covered(at, end):
                taken.add((at, end))
                out.append(Mention(at, end, name, "Institution", CONF, "list", name, kind="enterprise"))
            at = text.find(name, end)
    return out


def _spans(mentions: list[Mention]) -> set[tuple[int, int]]:
    return {(m.start, m.end) for m in mentions}


class _Cover:
    """Whether a span lies in a name other than a place or crosses a name (not nested ones).

    Both need the name to overlap the span, so only names starting within the longest name's
    length before its end are read: linear time (session 15; a pass over every mention per short
    name found grew with the square of the page).
    """

    def __init__(self, mentions: list[Mention]):
        self.tops = sorted((m for m in mentions if not m.nested), key=lambda m: m.start)
        self.starts = [m.start for m in self.tops]
        self.reach = max((m.end - m.start for m in self.tops), default=0)

    def covered(self, start: int, end: int) -> bool:
        near = self.tops[bisect_left(self.starts, start - self.reach):bisect_left(self.starts, end)]
        return any(m.start <= start and end <= m.end and m.type != "Region" and m.type != "District"
                   or m.start < end and start < m.end and not (m.start <= start and end <= m.end)
                   for m in near)


def short_of(finder: EntityFinder, full: str) -> str:
    """好未来教育集团 -> 好未来教育; 北京中科联绿科技有限公司 -> 中科联绿; '' when nothing proper is left."""
    stem = ENDINGS.sub("", BRACKET_PLACE.sub("", full))
    stem = TRADE.sub("", stem)
    i = 0
    while i < len(stem):  # places before it: 北京|中科联绿
        word = finder._generic_at(stem, i)
        if word is None or word in finder.rules.generic:
            break
        i += len(word)
    stem = stem[i:]
    if not SHORT.fullmatch(stem) or stem in NOT_SHORT or finder._generic(stem) or finder.gazetteer.get(stem):
        return ""
    return stem


def _from_full_names(finder: EntityFinder, text: str, mentions: list[Mention], taken: set,
                     cover: _Cover) -> list[Mention]:
    words = finder.words_of(text)
    out = []
    fulls = {m.name: m for m in mentions if m.type == "Institution" and not m.nested and ENDINGS.search(m.name)}
    for full, owner in fulls.items():
        stem = short_of(finder, full)
        if not stem:
            continue
        at = text.find(stem)
        while at != -1:
            end = at + len(stem)
            if (at, end) not in taken and not words.inside(at) and not words.inside(end) \
                    and not cover.covered(at, end):
                out.append(Mention(at, end, owner.name, "Institution", CONF, "list", stem, node_id=owner.node_id,
                                   kind="enterprise", aliases=[stem]))
            at = text.find(stem, end)
    return out


def _beside_known(finder: EntityFinder, text: str, mentions: list[Mention], taken: set,
                  cover: _Cover) -> list[Mention]:
    known = [m for m in mentions if m.how == "lexicon" and m.type == "Institution" and m.name in listed._INSTITUTIONS
             and not m.nested]
    out = []
    for m in known:
        items = _list_around(text, m.start, m.end)
        if items is None:
            continue
        items[0] = (_noun_start(finder, text, *items[0]), items[0][1])  # 推动|好未来、小米等
        for s, e in items:
            if (s, e) in taken or (s, e) == (m.start, m.end) or cover.covered(s, e):
                continue
            item = text[s:e]
            if not SHORT.fullmatch(item) or item in NOT_SHORT or finder._generic(item) \
                    or finder.gazetteer.get(item):
                continue
            taken.add((s, e))
            out.append(Mention(s, e, item, "Institution", CONF, "list", item, kind="enterprise"))
    return out


def _list_around(text: str, start: int, end: int) -> list[tuple[int, int]] | None:
    """The items of the 、 list around [start, end) when 等 closes it (A、B、C等), else None."""
    left = start
    while left > 0 and text[left - 1] == "、":
        s = left - 1
        while s > 0 and _item_char(text[s - 1]):
            s -= 1
        left = s
    right, items = start, []
    at = left
    while True:
        e = at
        while e < len(text) and _item_char(text[e]):
            e += 1
        items.append((at, e))
        if e < len(text) and text[e] == "、":
            at = e + 1
            continue
        right = e
        break
    if len(items) < 2 or not text.startswith(CLOSER, right) or not any(s == start for s, _ in items):
        return None
    return items


def _noun_start(finder: EntityFinder, text: str, start: int, end: int) -> int:
    """Where the first item begins: the words back from its end that are no verb or function word."""
    words = finder.words_of(text)
    at = end
    while at > start:
        begin, tag = words.word_ending(at)
        if begin >= at or begin < start or tag[:1] in ("v", "p", "c", "u", "d", "r", "m", "q", "f"):
            break
        at = begin
    return at


def _item_char(ch: str) -> bool:
    return ("\u4e00" <= ch <= "\u9fff" or ch.isalnum()) and ch not in "、等和及与"
