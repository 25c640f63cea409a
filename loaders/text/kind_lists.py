"""An item of common words coordinated with a kind is a kind too (issue 18, session 13).

Why: 构成大科学装置、科技研发平台、创业孵化平台、成果转化平台高效协同的支撑格局 (dev7 Huairou) and 构成重大科技基础设施
与科教基础设施、交叉研究平台高效协同的支撑格局 (dev5 Huairou): the earlier rules decline the items whose modifier is
generic words (科技研发|平台, 重大科技|基础设施: a category), and keep their neighbours made of other common words
(大科学|装置, 成果转化|平台, 科教|基础设施, 交叉研究|平台), which name kinds just as much. Items coordinated with
one another are of one sort: when a neighbour in the same 、/与/和 list is a generic kind, a guess of common words
only (no place, anchor word, field, known name, proper term, figure or Latin letter: kind_heads) is a kind
as well, when the guess stands in a 、 list (a pair joined by 和 is as often a kind and a name: 国产移动操作系统
和欧拉操作系统). A list of named works (分子材料与器件研究测试平台、泛第三极环境综合探测平台) has no generic item and
keeps every name; a named item (北京…平台) keeps its name beside a kind.
"""

from __future__ import annotations

from loaders.text import kind_heads
from loaders.text.boundaries import PUNCT

SEPARATORS = "、与和及"
ITEM_REACH = 12  #: characters of a neighbouring item
KIND_TYPES = frozenset({"Project", "Program"})


def without_kind_siblings(finder, text: str, mentions: list) -> list:
    """`mentions` without the guesses of common words that stand in a list beside a generic kind."""
    return [m for m in mentions if not (
        m.how == "suffix" and m.type in KIND_TYPES and not m.nested and m.start > 0 and _in_list(text, m)
        and _common(finder, text, m) and (_generic_before(finder, text, m.start) or _generic_after(finder, text, m.end)))]


def _in_list(text: str, m) -> bool:
    """A 、 on either side: an item of a list of three or more (A和B pairs a kind with a name as often:
    国产移动操作系统和欧拉操作系统)."""
    return text[m.start - 1] == "、" or text[m.end:m.end + 1] == "、"


def _common(finder, text: str, m) -> bool:
    ending = next((s.end for s in finder.rules.suffixes if m.name.endswith(s.end)), "")
    at = m.end - len(ending)
    return bool(ending) and kind_heads._common_words(finder, text, m.start, at)


def _generic_kind(finder, item: str, tags: dict) -> bool:
    """Whether `item` is a generic modifier and a name ending (科技研发|平台), or a generic modifier and a
    dictionary word holding the ending (重大科技|基础设施: 基础设施 is one word, 设施 the ending)."""
    for s in finder.rules.suffixes:
        if item.endswith(s.end) and len(item) > len(s.end):
            modifier = item[:-len(s.end)]
            if finder._generic(modifier) or (len(modifier) > 2 and modifier[-2:] + s.end in tags
                                              and finder._generic(modifier[:-2])):
                return True
    return False


def _generic_before(finder, text: str, start: int) -> bool:
    if text[start - 1] not in SEPARATORS:
        return False
    seg_end = start - 1
    seg_start = seg_end
    while seg_start > 0 and seg_end - seg_start < ITEM_REACH and text[seg_start - 1] not in PUNCT \
            and text[seg_start - 1] not in SEPARATORS:
        seg_start -= 1
    segment = text[seg_start:seg_end]
    if not kind_heads._common_words(finder, text, seg_start, seg_end):
        return False  # 杭州国家自主创新示范区、…: a named neighbour, whatever its last words
    tags = finder.words_of(text)._tags
    return any(_generic_kind(finder, segment[k:], tags) for k in range(len(segment) - 2))


def _generic_after(finder, text: str, end: int) -> bool:
    if end >= len(text) or text[end] not in SEPARATORS:
        return False
    seg = []
    for ch in text[end + 1:end + 1 + ITEM_REACH]:
        if ch in PUNCT or ch in SEPARATORS:
            break
        seg.append(ch)
    segment = "".join(seg)
    if not kind_heads._common_words(finder, text, end + 1, end + 1 + len(segment)):
        return False
    tags = finder.words_of(text)._tags
    return any(_generic_kind(finder, segment[:k], tags) for k in range(3, len(segment) + 1))
