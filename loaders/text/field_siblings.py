"""The items of a list beside a known field are domains when their words name one (issue 18, session 14).

Why: a page lists its domains together, the lexicon knows some of them and not the others: 继高端汽车、产业互联网、
生物医药之后 (dev8: 生物医药 known), 5G移動通信、新能源汽車、航空航天 (dev7: 5G read alone), 形成了创新设计、城市科技
与先进制造业多业态的格局 (dev8), 中关村绿色印刷、能源装备优势企业 (dev), 先進製造、材料、能源及可持續發展 (dev4),
通信通讯、节能环保两大产业集群 (dev3). Six splits missed an item of such a list, or read only the known field inside it
(5G of 5G移動通信, 互联网 of 产业互联网). A longer lexicon finds only the names seen; the list says what kind its items
are. The rule: in a run of items joined by 、 (和, 及, 与 before the last), one of which is a known field, every other
item whose words are nouns and whose last word names a domain (domain_words.yaml: 汽车, 通信, 印刷, 设计 …; or a
lexicon field: 产业|互联网) is a field, read whole. Items that hold a verb (可持续发展), a place or a name of another
type (中关村|绿色印刷 starts after the zone), or only a broad word (科技) are left.
"""

from __future__ import annotations

import re

from loaders.text.entities import Mention, resolve_overlaps
from loaders.text.industry_fields import LATIN, NOUNISH, domain_start, is_domain, words

SEPARATORS = re.compile(r"、|以及|和|及|与")
VERBS = ("v", "vd", "vi", "vn")
ITEM_MAX = 10


def with_siblings(finder, text: str, mentions: list[Mention]) -> list[Mention]:
    """`mentions` with the fields a list names beside a known field."""
    seg = finder.words_of(text)
    if not seg.enabled:
        return mentions
    fields = frozenset(finder.rules.lexicon["fields"])
    covered: set[int] = set()
    for m in mentions:
        if m.type != "Field" and not m.nested and m.start >= 0:
            covered.update(range(m.start, m.end))
    known = {(m.start, m.end) for m in mentions if m.type == "Field" and not m.nested and m.start >= 0}
    spans = {(m.start, m.end) for m in mentions}
    fields_at = {}
    for m in mentions:
        if m.type == "Field" and m.start >= 0:
            fields_at.setdefault(m.start, set()).add(m.end)
    new, seen = [], set()
    for start, end in sorted(known):
        for a, b in _siblings(seg, text, start, end, covered):
            if (a, b) in spans or (a, b) in seen:
                continue
            item = text[a:b]
            if _tiled(a, b, fields_at):
                continue  # 新能源新材料: two known fields written together are two items (lists._tiled)
            if _verb_before_known(seg, text, a, b, fields_at):
                continue  # 资助|数学和物理: the known field is the item, the verb before it is none of it
            if _names_domain_at_end(seg, text, b, fields) and is_domain(item, seg, fields) and "的" not in item:
                seen.add((a, b))
                new.append(Mention(a, b, item, "Field", 0.6, "pattern", item))
    return resolve_overlaps(mentions + new) if new else mentions


def _siblings(seg, text: str, start: int, end: int, covered) -> list[tuple[int, int]]:
    """The other items of the list the field [start, end) is an item of (none when it is in no list)."""
    out = []
    at = start  # items to the left, each ending at a separator
    while True:
        sep = _separator_before(text, at)
        if sep is None:
            break
        a = domain_start(seg, text, sep, covered, nominal=True)
        if a is None or sep - a > ITEM_MAX:
            break
        out.append((a, sep))
        if _separator_before(text, a) is None:
            break
        at = a
    at = end  # items to the right, each starting after a separator
    while True:
        m = SEPARATORS.match(text, at)
        if m is None or seg.inside(m.start()) or seg.inside(m.end()):
            break
        b = _item_end(seg, text, m.end(), covered)
        if b is None:
            break
        out.append((m.end(), b))
        at = b
    return out


def _verb_before_known(seg, text: str, start: int, end: int, fields_at: dict) -> bool:
    """Whether the item is a verb (a verbal noun the rules read as a noun in names: 资助) and a known field after it,
    or ends in one right before the field (专题研究|5G: the dev9 report's 专题研究5G、人工智能 lists 5G, session 14)."""
    for at in range(start + 1, end):
        if end in fields_at.get(at, ()):
            # the prefix whole, and its last two characters (the dictionary holds 专题研究 as one noun; 研究 is a verb)
            return any(w in seg.nominal or seg.tag(w) in VERBS for w in {text[start:at], text[max(start, at - 2):at]})
    return False


def _tiled(start: int, end: int, fields_at: dict) -> bool:
    """Whether known fields cover [start, end) back to back, two or more of them."""
    ends, count = {start}, 0
    while ends:
        nxt = {e for at in ends for e in fields_at.get(at, ()) if e <= end}
        count += 1
        if end in nxt:
            return count > 1
        ends = nxt
        if count > 4:
            break
    return False


def _separator_before(text: str, at: int) -> int | None:
    """The start of the separator that ends right at `at` (、, 和, 及, 与, 以及), else None."""
    for sep in ("以及", "、", "和", "及", "与"):
        if text.endswith(sep, 0, at):
            return at - len(sep)
    return None


def _item_end(seg, text: str, start: int, covered) -> int | None:
    """Where the item starting at `start` ends: words taken rightwards while they may name a domain."""
    lists, i, taken = words(), start, 0
    while i < len(text) and taken < 4:
        if i in covered:
            break
        j = seg.end_of(i) if seg.inside(i + 1) else i + 1
        word = text[i:j]
        tag = seg.tag(word) or ("eng" if LATIN.fullmatch(word) else "")
        if word in lists["opens"] or word in lists["stops"] or SEPARATORS.fullmatch(word) or word == "等" \
                or (taken and word in lists["generic"]):
            break  # 先进制造|优势技术: a modifier after the domain opens the next phrase
        if tag not in NOUNISH and not any(d in word for d in lists["domain"]) and word not in seg.nominal:
            break
        if any(k in covered for k in range(i, j)) or j - start > ITEM_MAX:
            break
        i, taken = j, taken + 1
    return i if i > start else None


def _names_domain_at_end(seg, text: str, end: int, fields) -> bool:
    """Whether the item's last word names the domain (移动|通信, 产业|互联网, 绿色|印刷)."""
    lists = words()
    for size in (4, 3, 2):
        if text[end - size:end] in lists["domain"] or text[end - size:end] in fields:
            return True
    start, _ = seg.word_ending(end)
    word = text[start:end]
    return any(d in word for d in lists["domain"]) or any(f in word for f in fields)
