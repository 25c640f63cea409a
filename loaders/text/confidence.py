"""A confidence per entity from what makes a found name doubtful, and the floor below which it is dropped.

Why: a suffix rule's confidence (…实验室 0.7) says how often that ending ends a name, not
whether this span is one. The junk of the development documents (dev, dev2) falls into
a few classes that the span itself shows:

- a category, not a name: the words before the ending are a few generic words, or
  generic words after 国家/国际 (交流平台, 创科设施, 国家重点实验室, 国际科技创新中心): -0.3.
  A rank (国家级, 省级 …) anywhere before the ending marks a kind too, and so does a count
  opening it (五项重大工程).
  A long run of generic words singles a thing out (重大共性技术研发创新平台) and is kept, and
  so is a meeting (全国科技创新中心建设会议: generic words name one event);
- a span that opens with a verb the segmenter knows and no place (庆祝…): -0.15;
- a kind shown by the text around the name (18家|国家制造业创新中心, …相关主题研究院) or a span
  that cannot be one name (…分别居…): -0.5, under the floor from any rule (doubts.py, session 5).

Known names (graph, lexicon, relative) and figures keep their confidence. Mentions
found by a pattern and left below `FLOOR` are dropped before relations are read. The
floor was chosen on dev + dev2 (docs/extraction.md, "Confidence"): it is the point
where the categories go and the names stay.
"""

from __future__ import annotations

import re

from loaders.text import clauses, doubts

FLOOR = 0.5
#: how a mention was found -> whether its span is the rules' guess (and so can be doubted)
GUESSED = frozenset({"suffix", "cell", "list", "abbr-body", "latin", "quote", "ellipsis"})
CATEGORY = 0.3
KIND = 0.5  # a kind shown by the text around the name (doubts.kind_of): below the floor from any rule's 0.9
BROKEN = 0.5  # a span that cannot be one name (doubts.broken): below the floor likewise
OPENS_WITH_VERB = 0.15
SHORT = 4  # a generic modifier this short names a kind of thing (交流平台); longer ones single one out
CATEGORY_OPENERS = ("国家", "国际", "全国", "各")  # 国家重点实验室: the country's labs of a kind
COUNTED = re.compile(r"[一二两三四五六七八九十几多]+[项个大类批种]")  # 五项重大工程: a count of things, then their kind
RANKS = ("国家级", "省级", "市级", "区级", "世界级")  # a rank marks a kind (国家级制造业创新中心), not one thing
SCALE = re.compile(r"[十百千万亿]级")  # 千亿级产业集群, 百亿级项目: a class by size, not one thing (session 8)


def score(finder, text: str, mentions: list) -> list:
    """The mentions with their confidence lowered by the doubts above; those under FLOOR dropped."""
    words = finder.words_of(text)
    kept = []
    for m in mentions:
        if m.how in GUESSED and m.start >= 0:
            m.conf = round(m.conf - _doubt(finder, words, text, m), 2)
            if m.conf < FLOOR:
                continue
        kept.append(m)
    return kept


def _doubt(finder, words, text: str, m) -> float:
    suffix = finder._suffix_at_end(m.name)
    modifier = m.name[: -len(suffix.end)] if suffix and len(m.name) > len(suffix.end) else ""
    doubt = 0.0
    if modifier and m.type != "Event" and (
            finder._generic(modifier) and (len(modifier) <= SHORT or modifier.startswith(CATEGORY_OPENERS))
            or any(rank in modifier for rank in RANKS) or COUNTED.match(modifier) or SCALE.search(modifier)):
        doubt += CATEGORY
    if doubts.kind_of(finder, text, m, modifier):
        doubt = max(doubt, KIND)
    if doubts.broken(finder, words, text, m) or clauses.clause(words, text, m):
        doubt += BROKEN
    if words.verb_at(m.start) and not finder._anchored(text, m.start):
        doubt += OPENS_WITH_VERB
    return doubt
