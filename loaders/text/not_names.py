"""Candidate names with no proper part: a common noun, a description, an occurrence, a goal (session 12).

The suffix grammar reads the words before a known ending as a name (…工程, …规划, …平台, …示范区), and
earlier rules reject a modifier made only of generic words (`generic_words`: 重点, 科技 …) or a listed
non-name (`not_names`). The blind dev7 split showed five more shapes of junk, 15 of its 43 wrong
predictions; each is a mechanism here, not a list of the strings it was seen with:

- **a common noun**: the whole name is one word of the segmenter's dictionary with a common-noun tag
  (土建工程 l, 分区规划 n). A proper name the dictionary knows is tagged nt, ns, nz or nr (北京大学 nt);
  a report keeps its name however tagged (施政报告 n, Hong Kong's Policy Address).
- **a description**: the modifier is one adjective or adverb (正常|工程: "normal works").
- **an occurrence or a batch**: an ordinal count opens it. 第三次|理事会 is a meeting of a council,
  第二批|交叉研究平台 the second batch of platforms designated: a category, whatever follows.
- **a known name's facilities**: a known zone or body, then generic words only, before a facility's or
  plan's ending (北京怀柔综合性国家科学中心|重大科技研发平台: the zone's major platforms, a category).
  Not an event's: 北京亦庄|创新|发布会 is one event, named after its zone.
- **a goal**: a zone ending of what a place means to become (示范区, 试验区, 先行区 …) after words with no
  place, anchor word, field, known name or proper term in them (人文宜居生态优美示范区, 成果转化示范区,
  共赢试验区; 城市更新示范区 keeps its name: 城市更新 is a term the dictionary tags nz).
  Every such zone in the gold of dev..dev7 opens with a place (深圳先行示范区, 杭州国家自主创新示范区).
"""

from __future__ import annotations

import re

from loaders.text import kind_heads

#: segmenter tags of ordinary nouns, idioms and verbal nouns (not nt, ns, nz, nr: proper names)
COMMON_TAGS = frozenset({"n", "l", "vn", "i"})
#: plans and programmes, not works: a work's name may be a place the dictionary tags a common noun (双流|机场)
PLANS = frozenset({"Program", "Policy"})
DESCRIPTIVE_TAGS = frozenset({"a", "ad", "an", "d"})  #: adjectives and adverbs (正常, 优美)
#: types whose ending follows a common noun in ordinary prose (工程, 规划, 计划, 平台); not bodies or events
PLAN_TYPES = frozenset({"Program", "Policy", "Project"})
REPORTS = ("报告",)  #: 施政报告 (n) is Hong Kong's Policy Address: a report the dictionary knows is still one
ORDINAL = re.compile(r"第[一二三四五六七八九十百零〇\d]+([次届批期])")
GOAL_ENDS = ("示范区", "试验区", "先行区", "承载区", "先导区", "引领区", "样板区")


def none(finder, text: str, start: int, at: int, end: int, suffix) -> bool:
    """Whether the candidate text[start:end] (its ending from `at`) names nothing in particular."""
    modifier = text[start:at]
    return (suffix.type in PLAN_TYPES and not suffix.end.endswith(REPORTS) and _common_noun(finder, text, start, end)) \
        or _descriptive(finder, text, start, at) \
        or (suffix.type in PLANS and not suffix.end.endswith(REPORTS) and _one_common_noun(finder, text, start, at)) \
        or (suffix.type != "Event" and _counted(finder, modifier)) \
        or (suffix.type in PLAN_TYPES and _facilities_of(finder, modifier)) \
        or (suffix.type == "Zone" and suffix.end in GOAL_ENDS and _goal(finder, text, start, at)) \
        or (suffix.type in PLAN_TYPES and kind_heads.introduces_instances(finder, text, start, at, end)) \
        or kind_heads.goal_after_becoming(finder, text, start, at, suffix)


def _one_word(words, start: int, end: int) -> bool:
    return not words.inside(start) and not words.inside(end) and all(words.inside(i) for i in range(start + 1, end))


def _common_noun(finder, text: str, start: int, end: int) -> bool:
    words = finder.words_of(text)
    return end - start >= 3 and _one_word(words, start, end) and words.word_ending(end)[1] in COMMON_TAGS


def _descriptive(finder, text: str, start: int, at: int) -> bool:
    words = finder.words_of(text)
    return at > start and _one_word(words, start, at) and words.word_ending(at)[1] in DESCRIPTIVE_TAGS


def _one_common_noun(finder, text: str, start: int, at: int) -> bool:
    """产业|规划, 园区|工程, 战略合作|协议: one ordinary noun of two characters before a plan's or programme's
    ending names its domain, a kind (session 12). A metaphor naming a programme is quoted (“火炬”计划) and read so.
    Not before a work's ending: a place the dictionary does not know as one is tagged n too (双流|机场)."""
    words = finder.words_of(text)
    if at - start != 2 or QUOTES.search(text, max(0, start - 1), at + 1) or text[start] in DETERMINERS:
        return False  # “双十攻坚、百日竞赛”专项: the quoted name's last word; 本市|科学技术奖励: the city's
    return _one_word(words, start, at) and words.word_ending(at)[1] == "n" and not finder._anchored(text, start)


DETERMINERS = "本我全该各此"  #: 本市, 我区, 全市 …: the issuer's own, a relative name of a place, not a domain
QUOTES = re.compile(r"[“”\"「」『』《》、]")


def _counted(finder, modifier: str) -> bool:
    """第二批…: a batch, always a category; 第三次|理事会: an occurrence when nothing but generic words follow."""
    found = ORDINAL.match(modifier)
    if not found:
        return False
    rest = modifier[found.end():]
    return found.group(1) == "批" or not rest or finder._generic(rest)


def _facilities_of(finder, modifier: str) -> bool:
    """A known zone or body, then generic words only (壮大|北京怀柔综合性国家科学中心|重大科技研发平台: the
    words before it may still be a verb that a later step trims)."""
    for _, end, entries in _known_names(finder, modifier):
        if end < len(modifier) and any(e.type in ("Zone", "Institution") for e in entries) \
                and finder._generic(modifier[end:]):
            return True
    return False


def _known_names(finder, text: str):
    """(start, end, entries) of the known names in `text`: the finder's gazetteer, then the listed names."""
    from loaders.text.listed import listed_gazetteer  # listed.py imports entities.py, which imports this

    for gazetteer in (finder.gazetteer, listed_gazetteer()):
        yield from gazetteer.scan(text.lower())


def _goal(finder, text: str, start: int, at: int) -> bool:
    """No place, anchor word, field, known name or proper term (城市更新 nz) in the modifier; no figure or Latin."""
    modifier = text[start:at]
    if not modifier or re.search(r"[0-9A-Za-z“”\"《》「」]", modifier):
        return False
    if any(finder._anchored(modifier, i) for i in range(len(modifier))):
        return False
    words = finder.words_of(text)
    if any(words.word_ending(i)[1] == "nz" for i in range(start + 1, at + 1)):
        return False
    return next(_known_names(finder, modifier), None) is None
