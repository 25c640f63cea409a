"""和 / 及 / 与 inside a name: the words before the conjunction belong to the name they open (issue 18, session 14).

Why: 张家湾设计小镇产业发展和城市更新大会 (an event), 大伟嘉全基因组选育及无抗健康养殖实验室 (a lab): the suffix rules
stop a name's left edge at 和 (a function word), so only the second half was read (城市更新大会, 无抗健康养殖实验室)
and the first half was lost or guessed as a name of its own. Both dev5 and dev8 lost names that way
(docs/extraction.md, "Recall on new text (session 14)"). Two names joined by 和 are far more common, so the
rule joins only when the words before the conjunction cannot be a name alone: they run from a clause boundary
(punctuation, 、 or the line start) to the conjunction, hold only nouns (no verb, preposition, pronoun,
number or time word, no place: 特区政府在上月初与…, 八次全会精神和…, 时期东城区科技和…), do not end like a name
(北京大学和清华大学 stays two) and are not one name found whole (人工智能和…).
"""

from __future__ import annotations

from graph.text import to_simplified
from loaders.text.entities import PUNCT, Mention

JOINERS = ("和", "及", "与")
HOSTS = ("Event", "Project", "Policy", "Program", "Institution")
LEFT_MAX = 14
#: the dictionary tags of the words a name's first half may hold: nouns, verbal nouns, adjectives, names, Latin
NOUNS = frozenset({"n", "nz", "vn", "ns", "nt", "j", "l", "i", "b", "a", "an", "ng", "eng", "nrt", "nr"})


def with_inner_joins(finder, text: str, mentions: list[Mention]) -> list[Mention]:
    """`mentions` with the names that hold 和/及/与 read whole (the halves inside them nested)."""
    seg = finder.words_of(text)
    if not seg.enabled:
        return mentions
    spans = {(m.start, m.end) for m in mentions if not m.nested}
    places = [(m.start, m.end) for m in mentions if m.type in ("Region", "District") and m.start >= 0]
    added = []
    for right in mentions:
        if right.nested or right.how != "suffix" or right.type not in HOSTS or right.start < 2:
            continue
        if text[right.start - 1] not in JOINERS:
            continue
        start = _clause_start(text, right.start - 1)
        if start is None or not _open_words(finder, seg, text, start, right.start - 1, spans) \
                or any(a < right.start - 1 and start < b for a, b in places):
            continue  # 时期东城区科技和…规划: a place in the first half is a sentence's, not a name's
            continue
        name = text[start:right.end]
        added.append(Mention(start, right.end, to_simplified(name), right.type, 0.6, "pattern", name,
                             kind=right.kind))
    if not added:
        return mentions
    for m in mentions:
        if any(m.inside(a) for a in added):
            m.nested = True
    return mentions + added


def _clause_start(text: str, conj: int) -> int | None:
    """The start of the words before the conjunction: right after the nearest punctuation (at most LEFT_MAX back)."""
    i = conj
    while i > 0 and conj - i < LEFT_MAX and text[i - 1] not in PUNCT:
        i -= 1
    if i == 0 or text[i - 1] in PUNCT:
        return i if conj - i >= 2 else None
    return None


def _open_words(finder, seg, text: str, start: int, end: int, spans) -> bool:
    """Whether text[start:end] cannot stand as a name: no verb, no 的, no name ending, not one name found whole."""
    left = text[start:end]
    if "的" in left or (start, end) in spans or seg.inside(start) or seg.inside(end):
        return False
    if any(left.endswith(e) for e in finder.suffix_ends):
        return False
    i = start
    while i < end:
        j = seg.end_of(i) if seg.inside(i + 1) else i + 1
        word = text[i:j]
        if seg.tag(word) not in NOUNS and word not in seg.nominal and not word.isascii():
            return False  # a verb, a preposition (在, 以), a pronoun (我区), a number or a time (上半年)
        i = j
    return True
