"""A domain written as an industry the lexicon does not hold: X产业 whose words name a domain (issue 18, session 14).

Why: the lexicon lists domains one by one, and a page names its own: 重点发展历史文化旅游产业, 以生态休闲产业为主导
(dev6), 奠定了微波通信産業基礎 (dev7), 为…数码产业提供 (dev2), 生物医药和大健康产业 (dev8). Seven splits of eight
missed fields that way (docs/extraction.md, "Recall on new text (session 14)"); a longer list only finds the names
already seen. The rule reads the class instead: the words right before 产业 (a dictionary word boundary; not inside
文化产业 or 主导产业, which the dictionary holds as one word), taken leftwards while they are nouns or domain words and
stopped by punctuation, a function word, a verb that opens the domain (发展, 打造 …), a place or another name. The
phrase is a Field when one of its words names a domain (domain_words.yaml: 旅游, 通信, 装备, 汽车 …) and it is
not only modifiers (主导, 特色, 高端) or a word too broad alone (科技产业, 技术产业). Not before a name ending that makes
the phrase part of a park, a cluster or a fund (…产业园, …产业集群, …产业基金).

A shared 产业 (生物医药和大健康产业; 高端科学仪器装备和传感器产业高地) names each item by its written part, as the
corpus guideline's shared endings: the item before 和/及/与/、 is a domain too when it passes the same test.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from loaders.text.entities import PUNCT, Mention, resolve_overlaps

HERE = Path(__file__).parent
INDUSTRY = re.compile(r"产业")
#: 产业 opening a name of another kind: a park, a cluster, a fund, a body, a plan (…产业园, …产业集群 …)
NAME_AFTER = re.compile(r"园|基地|集群|联盟|协会|链|带|区|城|中心|研究|基金|化|项目|大会|论坛|投资|引导|政策|规划|工程|"
                        r"计划|专项|集聚|示范|空间|平台|学院|小镇|社区|楼|大厦|公司|集团|部|局|处|办")
#: dictionary tags of the words a domain's name is made of (nouns, adjectives, verbal nouns, idioms, abbreviations)
NOUNISH = frozenset({"n", "nz", "vn", "a", "an", "b", "j", "i", "l", "eng", "ng", "ns"})  # ns: 城市 (places are mentions)
CONJOINED = ("和", "及", "与", "、")
LATIN = re.compile(r"[A-Za-z0-9]+")  #: 5G, AI: the dictionary tags no Latin word
MAX_CHARS, MAX_WORDS = 10, 4


@lru_cache(maxsize=1)
def words() -> dict[str, frozenset[str]]:
    """The word lists of domain_words.yaml (read once)."""
    raw = yaml.safe_load((HERE / "domain_words.yaml").read_text(encoding="utf-8"))
    return {k: frozenset(v) for k, v in raw.items()}


def with_industries(finder, text: str, mentions: list[Mention]) -> list[Mention]:
    """`mentions` with the industries the lexicon lacks as Fields (a span no other mention covers)."""
    seg = finder.words_of(text)
    if not seg.enabled or "产业" not in text:
        return mentions
    fields = frozenset(finder.rules.lexicon["fields"])
    covered = _covered(mentions)
    field_ends = {m.end for m in mentions if m.type == "Field" and not m.nested}
    field_spans = {(m.start, m.end) for m in mentions if m.type == "Field" and not m.nested}
    new: list[Mention] = []
    for hit in INDUSTRY.finditer(text):
        at = hit.start()
        head = _head_start(seg, at, hit.end())
        if head is None or NAME_AFTER.match(text, hit.end()) or not _names_domain(text[head:at], fields):
            continue
        start = domain_start(seg, text, head, covered) if head < at else domain_start(seg, text, at, covered)
        start = head if start is None or start > head else start
        if start >= at or (start, at) in field_spans or not is_domain(text[start:at], seg, fields) or any(k in covered for k in range(start, at)):
            continue
        new.extend(_industry(seg, text, start, at, covered, fields, field_ends))
    return resolve_overlaps(mentions + new) if new else mentions


def _industry(seg, text: str, start: int, at: int, covered, fields, field_ends) -> list[Mention]:
    """The field(s) of one industry phrase: X产业 alone, or each item of a shared 产业 (A和X产业)."""
    phrase = text[start:at]
    if start > 0 and text[start - 1] in CONJOINED:
        left = domain_start(seg, text, start - 1, covered)
        item = text[left:start - 1] if left is not None else ""
        known = start - 1 in field_ends
        if known or (item and is_domain(item, seg, fields)):
            out = [] if known or item in fields else [_field(left, start - 1, item, item + "产业")]
            return out + ([] if phrase in fields else [_field(start, at, phrase, phrase + "产业")])
    if phrase in fields:
        return []  # a lexicon field: its industry spelling is an alias (field_forms.py)
    return [_field(start, at + 2, phrase + "产业", phrase)]


def _field(start: int, end: int, name: str, alias: str) -> Mention:
    return Mention(start, end, name, "Field", 0.6, "pattern", name, aliases=[alias])


def domain_start(seg, text: str, end: int, covered, nominal: bool = False) -> int | None:
    """Where the noun phrase ending at `end` starts: words taken leftwards while they may name a domain
    (with `nominal`, a list item's: a verb the rules read as a noun inside names counts as a noun, 创新|设计,
    and a single character opens no item unless it is a domain word, 做|强|软件)."""
    lists, i, taken = words(), end, 0
    while i > 0 and taken < MAX_WORDS:
        start, tag = _word_ending(seg, text, i, lists["domain"])
        word = text[start:i]
        if start == i or end - start > MAX_CHARS or any(c in PUNCT for c in word) or _opens(word) \
                or word in lists["stops"]:
            break
        if tag not in NOUNISH and not any(d in word for d in lists["domain"]) \
                and not (nominal and word in seg.nominal):
            break
        if any(k in covered for k in range(start, i)):
            break  # a place or a name of another type (中关村|绿色印刷, 北京|文化旅游)
        if nominal and i - start == 1 and word not in lists["domain"]:
            break
        i, taken = start, taken + 1
    return i if i < end else None


def _opens(word: str) -> bool:
    """Whether the word is a verb that opens a domain, alone or closing a longer word (大力发展, 加快培育)."""
    return any(word.endswith(o) for o in words()["opens"])


def _word_ending(seg, text: str, i: int, domain) -> tuple[int, str]:
    """The dictionary word ending at i, or a domain word the dictionary cuts into characters (康|养 -> 康养)."""
    for size in (4, 3, 2):
        if i - size >= 0 and text[i - size:i] in domain and not seg.inside(i - size):
            return i - size, "n"
    start, tag = seg.word_ending(i)
    return start, tag or ("eng" if LATIN.fullmatch(text, start, i) else "")


def is_domain(phrase: str, seg, fields: frozenset[str]) -> bool:
    """Whether a noun phrase names a domain: a domain word or a lexicon field in it, beyond modifiers."""
    lists = words()
    content, stripped = phrase, True
    while stripped:  # every modifier in front, whatever their order (高端|智能|…); the longest first at each step
        stripped = False
        for g in _generic_longest_first():
            if content.startswith(g) and len(content) > len(g):
                content, stripped = content[len(g):], True
                break
    if len(phrase) < 2 or content in lists["generic"] or content in lists["broad"]:
        return False
    return any(d in content for d in lists["domain"]) or any(f in content for f in fields)


@lru_cache(maxsize=1)
def _generic_longest_first() -> tuple[str, ...]:
    """The modifiers longest first, ties by spelling: iterating the frozenset itself made the result depend on the
    process's hash seed (test split 32 or 33 junk from run to run, session 14)."""
    return tuple(sorted(words()["generic"], key=lambda g: (-len(g), g)))


def _head_start(seg, at: int, end: int) -> int | None:
    """Where the word naming the domain right before 产业 starts: the word ending at 产业 (汽车|产业), or the part of
    one dictionary word before it (汽车产业 is one word); None when 产业 sits inside another word (产业链条 …)."""
    if not seg.inside(at):
        start, _ = seg.word_ending(at)
        return start
    start = seg.start_of(at)
    return start if seg.end_of(at) == end else None


def _names_domain(word: str, fields) -> bool:
    """Whether the word right before 产业 names the domain (汽车|产业), not a modifier (生物关键|产业, 技术领先|产业)."""
    return bool(word) and (any(d in word for d in words()["domain"]) or any(f in word for f in fields))


def _covered(mentions: list[Mention]) -> set[int]:
    """The positions inside mentions of other types than Field (a domain never runs over them)."""
    out: set[int] = set()
    for m in mentions:
        if m.type != "Field" and not m.nested and m.start >= 0:
            out.update(range(m.start, m.end))
    return out
