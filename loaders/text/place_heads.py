"""A place that opens a name the rules do not read is no mention of the place (issue 18, session 13).

Why: the corpus guideline (data/eval/extract/README.md) says a place that only prefixes a name is not
a mention of that place (宁波 in 宁波甬江科创大走廊). When the rules read the whole name, the place is
nested in it and loses its span (in_names.py). When they do not, the place was emitted on its own, and
on the development splits that was junk in six documents: 宁波, 温州 in 宁波甬江、温州环大罗山、浙中等科创大走廊
(items of a list that share one ending), 上海 in 上海合作组织中心 and 台湾 in 台湾企业总部中心 (a name run
after a boundary), 北京 in (北京雁栖经济开发区…. `in_names.heads_unread_name` (session 12) covers one
dictionary noun up to the next boundary (来源:中国|科学报); this module covers the two longer shapes:

- `opens_shared_item`: the place opens an item of a 、 list closed by 等 and a name ending (…、温州环大罗山、
  浙中等科创大走廊, 彩虹之门、台湾新光等项目): every item is a name of that ending written short, so the place
  only prefixes it. A bare place item (北京、上海等城市) is the place.
- `opens_name_run`: the place follows a boundary and runs, with no two-character verb, no 的 and no
  other place, into a name ending within a few characters (,上海|合作组织|中心, (北京|雁栖经济|开发区).

Only a place that is in no name read (not nested) is dropped: a place nested in a name already has no span of
its own and keeps its node for the relations and the curated evaluation (in_names.py). A place followed by a
mention of its own is left to `in_names.locations` (位于昌平区|未来科学城: where it is).
"""

from __future__ import annotations

import re

from loaders.text.boundaries import PUNCT
from loaders.text.segment import VERB_TAGS

#: where a name may start: punctuation, brackets, a line start (PUNCT has no brackets)
OPENERS = PUNCT | set("()（）[]")
LIST_REACH = 80  #: characters a 、 list may run before its 等
PLACES = ("Region", "District")
RUN_REACH = 10  #: characters between the place and the ending of the name it opens
#: heads of names that are no ending of their own in rules.yaml (a bare 中心 names nothing: 科技创新中心 is a goal)
HEADS = frozenset({"中心"})
CJK = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]+")


def without_unread_heads(finder, text: str, mentions: list) -> list:
    """The mentions without the places (not nested in a name read) that open a name the rules did not read."""
    starts = {m.start for m in mentions if m.type not in PLACES}
    return [m for m in mentions if m.type not in PLACES or m.nested or m.start < 0 or not (
        opens_shared_item(finder, text, m.start, m.end) or opens_name_run(finder, text, m.start, m.end, starts))]


def at_boundary(text: str, start: int) -> bool:
    return start == 0 or text[start - 1] in OPENERS


def opens_shared_item(finder, text: str, start: int, end: int) -> bool:
    """Whether the place at [start, end) opens an item (longer than the place) of a 、 list closed by
    等 and a name ending: 宁波|甬江、温州环大罗山、浙中等科创大走廊; the item follows a boundary, or is the
    list's first (closed by 、)."""
    window = text[end:end + LIST_REACH]
    m = re.match(r"([^、等\s，,。；;：:！!？?“”《》()（）]*)(.?)", window)
    if not m.group(1) or not CJK.fullmatch(m.group(1)):
        return False
    if not at_boundary(text, start) and (m.group(2) != "、" or finder.words_of(text).inside(start)):
        return False  # the first item may follow a verb (推进|杭州滨江、…), when the place starts a word
    tail = re.match(r"[^，,。；;：:！!？?\n《》“”()（）]*?等", window)
    if not tail:
        return False
    after = end + tail.end()
    return _ending_near(finder, text, after)


def _ending_near(finder, text: str, at: int) -> bool:
    """Whether a name ending (or 项目) starts within a few characters after `at` (等|科创|大走廊, 等|项目)."""
    stop = next((i for i in range(at, min(len(text), at + 8)) if text[i] in OPENERS), min(len(text), at + 8))
    ends = finder.suffix_ends | finder.kind_endings
    return any(text.startswith(e, i) for i in range(at, stop) for e in ends if len(e) > 1 and i + len(e) <= stop)


def opens_name_run(finder, text: str, start: int, end: int, known_starts: set[int]) -> bool:
    """Whether the place at [start, end), after a boundary, runs into a name ending with no verb of two
    characters, no 的 and no known name between: ,上海|合作组织|中心, (北京|雁栖经济|开发区."""
    if not at_boundary(text, start) or end in known_starts or end >= len(text) or not CJK.match(text[end]):
        return False
    words = finder.words_of(text)
    if words.inside(end):
        return False
    for j in range(end + 2, min(len(text), end + RUN_REACH) + 1):
        piece = text[end:j]
        if not CJK.fullmatch(piece) or "的" in piece:
            return False
        # the longest ending: the first of a set that matched depended on the hash seed (科学中心 or 中心, session 15)
        ending = max((e for e in finder.suffix_ends | HEADS if len(e) > 1 and piece.endswith(e)), key=len, default=None)
        if ending and len(piece) > len(ending) and not words.inside(j) and not _verb_inside(words, text, end, j):
            return True
    return False


def _verb_inside(words, text: str, start: int, stop: int) -> bool:
    """Whether a word of two characters or more that the dictionary tags a verb starts between start and
    stop, nominal or not (上海|建设|科技创新中心: the place is the subject; 创新 blocks too, to be safe)."""
    for i in range(start, stop):
        if not words.inside(i) and words.inside(i + 1):
            word = text[i:words.end_of(i)]
            if words._tags.get(word) in VERB_TAGS:
                return True
    return False
