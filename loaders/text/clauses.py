"""A clause read as a name: the segmenter's parts of speech inside a guessed span (session 7).

Why: on text the rules were not tuned on (dev4's junk, docs/extraction.md "Precision (session 7)")
the commonest wrong span is a suffix rule that walked left over a predicate and stopped at its
subject or at a function word: 合肥|积极|争创量子信息科学国家实验室, 湖北|正式|启动建设|以|东湖科学城,
而|AIR@InnoHK平台, 并|依据|计划, 共同|办理|主题型研讨会. A name is a noun phrase; the dictionary
segmenter (segment.py, jieba's tags) knows the words a noun phrase never holds:

- an adverb as a word of its own after the span's first word (积极, 正式: an ``ad`` tag);
- a one-character preposition inside it with more of the name after it (以, 在, 对: ``p``; not
  与/和/及, which join two halves of one name);
- a conjunction or preposition as its first word (而, 并, 依据: ``c``/``p``);
- a verb as its first word right after an adverb (共同|办理…): a predicate, not a name's opening;
- a span opening after a 、 whose item is one character (产、教、科、|城融合发展示范区): the last item
  of a list of characters sharing the ending;
- a level after it (达到国际三代光源|先进水平): a benchmark, a class of things compared with;
- an ordinal count, 第三个/第二个 right before or inside it: "the third such platform" describes
  one of a kind (第三个InnoHK研发平台, 全国第二个综合性国家科学中心); 第二十六届 (no 个) stays.

Only guessed names are asked (confidence.GUESSED); the answer declines the name (prefer declining
a low-confidence name over emitting junk). Words the rules list as nouns inside names
(rules.nominal_verbs) are never read as verbs here either.
"""

from __future__ import annotations

import re

#: an adjective used as an adverb (积极, 正式: ``ad``); plain ``d`` words sit inside names (同步|辐射光源)
ADVERB_TAGS = frozenset({"ad"})
#: one-character prepositions that join the two halves of one name (激光与光电…集群, 內地與香港聯合資助計劃)
JOINING = frozenset("与和及同跟")
OPENER_TAGS = frozenset({"c", "p"})
#: before a span opening with a verb, any adverb (共同|办理…) makes the verb a predicate
BEFORE_TAGS = frozenset({"d", "ad"})
VERB_TAGS = frozenset({"v", "vd", "vi"})
#: an ordinal count of things: the Nth of a kind (第三个, 第二個), not a session (第二十六届)
ORDINAL = re.compile(r"第[\d一二两三四五六七八九十]{1,3}[个個]")
#: a level after the span: 达到|国际三代光源|先进水平 compares with a class of things, names none. A level word
#: is required: before a bare 水平 a name stays one (合肥先进光源|水平不断提升: its level; session 8)
LEVEL_AFTER = re.compile(r"(?:的)?(?:(?:国际|国内)(?:先进|领先|一流|同等|同类|相当)?|先进|领先|一流|同等|同类|相当)水平")
#: adverbs jieba tags so but that open or sit inside real names (全面创新改革试验区, 共同体 is one word)
NAME_ADVERBS = frozenset({"全面", "联合", "统一", "重点", "高度", "协同", "综合"})


def clause(words, text: str, m) -> bool:
    """Whether the guessed name `m` spans a clause or a function word (see the module doc)."""
    if not words.enabled or m.end - m.start < 3:
        return False
    if ORDINAL.search(text, max(0, m.start - 4), m.end) or one_character_items(text, m.start):
        return True
    if m.type != "Metric" and LEVEL_AFTER.match(text, m.end):
        return True
    tags = words._tags
    i, first = m.start, True
    while i < m.end:
        j = words.end_of(i)
        word = text[i:j]
        tag = tags.get(word, "")
        if first:
            if tag in OPENER_TAGS and j < m.end:
                return True
            if tag in VERB_TAGS and word not in words.nominal and _adverb_before(words, text, i):
                return True
        elif j < m.end:
            if tag in ADVERB_TAGS and len(word) > 1 and word not in NAME_ADVERBS:
                return True
            if tag == "p" and len(word) == 1 and word not in JOINING:
                return True
        first = False
        i = j
    return False


def _adverb_before(words, text: str, i: int) -> bool:
    if i <= 0 or words.inside(i):
        return False
    start = words.start_of(i - 1)
    word = text[start:i]
    return len(word) > 1 and words._tags.get(word, "") in BEFORE_TAGS and word not in NAME_ADVERBS


def one_character_items(text: str, start: int) -> bool:
    """产、教、科、|城融合发展示范区: a span opening right after a 、 whose item before it is one character
    is the last item of a list sharing its ending; its first character is an item, not a name's start."""
    if start < 2 or text[start - 1] != "、":
        return False
    item = re.split(r"[、,，;；:：。“”\"(（\s]", text[max(0, start - 12):start - 1])[-1]
    return len(item) == 1
