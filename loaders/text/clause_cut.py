"""A guessed name that holds a clause starts after it: 合肥积极争创|量子信息科学国家实验室 (cut, not declined).

Why: the left edge of a name (boundaries.py) may cross a verb when a place opens the name
(北京推进科技创新中心建设办公室 is one body), so a sentence's subject, an adverb and its verb
can end up inside the span: 合肥|积极|争创|…国家实验室, 湖北|正式|启动建设|以|东湖科学城,
而|AIR@InnoHK平台. Names do not hold an adverbial adjective (积极, 正式: jieba's `ad`), a
preposition (以, 依据: `p`) or a clause conjunction (而: `c`, not 和/与/及, which join the
parts of one name). When the segmenter finds one at a word boundary inside a guessed name,
the name starts after it and after the verbs that follow it; when nothing name-like is left,
the span is dropped. Only guessed names are cut; names from the lexicon, the graph, a 《》
title or quotes keep their spans.
"""

from __future__ import annotations

from loaders.text.clauses import ADVERB_TAGS, OPENER_TAGS
from loaders.text.entities import Mention

CUT = frozenset({"suffix", "list", "cell", "ellipsis", "abbr-body"})
CLAUSE_TAGS = ADVERB_TAGS | OPENER_TAGS  # ad, c, p as clauses.py reads them; not `d`: 同步|辐射光源 is a name
JOINING = frozenset({"和", "与", "及", "以及", "或", "暨", "并"})  # parts of one name (创新及科技局)
VERBISH = ("v", "vn", "vd", "vi")
MIN_LEFT = 2  # characters a name keeps before its ending


def cut(finder, text: str, mentions: list[Mention]) -> list[Mention]:
    """The mentions with guessed spans cut after a clause; spans with no name left are dropped."""
    words = finder.words_of(text)
    if not words.enabled:
        return mentions
    taken = {(m.start, m.end) for m in mentions}
    out = []
    for m in mentions:
        if m.how in CUT and not m.nested and m.start >= 0 and m.end - m.start == len(m.name):
            start = _after_clause(words, text, m.start, m.end)
            if start is not None:
                if not _still_a_name(finder, text, start, m.end) or (start, m.end) in taken:
                    continue  # nothing left, or what is left was read already (…居|滨海新区, a district)
                m.name = m.surface = text[start:m.end] if m.surface == m.name else m.surface[start - m.start:]
                m.start = start
        out.append(m)
    return out


def _after_clause(words, text: str, start: int, end: int) -> int | None:
    """Where the name starts after the last clause word inside [start, end), or None if there is none."""
    found = None
    i = start
    while i < end:
        stop = words.end_of(i) if not words.inside(i) else i + 1
        stop = max(stop, i + 1)
        word = text[i:stop]
        tag = words._tags.get(word, "")
        if stop < end and tag in CLAUSE_TAGS and word not in JOINING and not words.inside(i):
            j = stop
            while j < end:  # the verbs the adverb or preposition governs: 正式|启动|建设|以
                k = max(words.end_of(j), j + 1)
                following = text[j:k]
                if words._tags.get(following, "") not in VERBISH and following not in JOINING and \
                        words._tags.get(following, "") not in CLAUSE_TAGS or k >= end:
                    break
                j = k
            found = j
            i = j
            continue
        i = stop
    return found


def _still_a_name(finder, text: str, start: int, end: int) -> bool:
    suffix = finder._suffix_at_end(text[start:end])
    return end - start >= (len(suffix.end) if suffix else 0) + MIN_LEFT
