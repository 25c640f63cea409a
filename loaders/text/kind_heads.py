"""Kinds that introduce their instances, and goals after a verb of becoming (issue 18, session 13).

Why: two shapes of junk on the development splits that the rules of session 12 (not_names.py) leave:

- **a kind before its instances**: 加快布局交叉前沿研究平台和产业创新转化平台:合肥微尺度…国家研究中心正式获批,
  11个中科院“十三五”科教基础设施项目包括:…, 5个第二批交叉研究平台项目包括:…. A work's or plan's name made of
  common words only, which the text then spells out (a colon, 包括, 包含, 主要有), names the kind the instances
  belong to, not one of them. A list of such kinds joined by 和/及/与/、 before the colon is kinds as well.
  "Common words only" is the test of not_names' goals: no place or anchor word, no known name, no word the
  dictionary tags a proper name (nz, nr, ns, nt), no figure or Latin letter. A named facility made of common
  words (高能同步辐射光源) is never followed by its own instances.
- **a goal after a verb of becoming**: 建成全球数字经济标杆城市先行区, 建成國家創新驅動先行區. A zone ending of what
  a place means to become (示范区, 先行区 … not_names.GOAL_ENDS) right after 建成/打造/成为/建设成为/争创 is what the
  place sets out to be. Not when a real place opens it (建成深圳先行示范区: the zone of that city): every such zone
  in the gold of dev..dev7 opens with a place. Nor when a field of the lexicon is in it (建成全球数字经济标杆城市
  先行区): declined, the goal would set its field free as a mention, which the gold does not count either.
"""

from __future__ import annotations

import re

from loaders.text import not_names

#: what follows a kind that the text then spells out: a colon, or 包括 (项目 may stand between)
INTRODUCES = re.compile(r"(?:项目)?(?:[::]|(?:主要)?(?:包括|包含|涵盖|主要有))")
JOINERS = "和及与、"
CHAIN_REACH = 16  #: characters of one more kind in a chain (…平台和产业创新转化平台:)
#: verbs of becoming: the zone after one is a goal (建设 is not among them: 建设…示范区 also builds a real one)
BECOMING = ("建设成为", "建设成", "建成", "打造", "成为", "争创", "创建")
GOAL_STOP = re.compile(r"[,,。;;::、\n]")


def introduces_instances(finder, text: str, start: int, at: int, end: int) -> bool:
    """Whether the candidate text[start:end] (ending from `at`) is a kind of common words that the text
    then spells out: …平台:, …设施项目包括:, …平台和…平台:."""
    if not _common_words(finder, text, start, at):
        return False
    i = end
    for _ in range(4):
        if INTRODUCES.match(text, i):
            return True
        if i >= len(text) or text[i] not in JOINERS:
            return False
        nxt = _next_ending(finder, text, i + 1)
        if nxt is None:
            return False
        i = nxt
    return False


def _next_ending(finder, text: str, at: int) -> int | None:
    """The end of the next name ending within a few characters, with no punctuation before it."""
    window = text[at:at + CHAIN_REACH]
    stop = GOAL_STOP.search(window)
    window = window[:stop.start()] if stop else window
    best = None
    for e in finder.suffix_ends:
        k = window.find(e)
        if len(e) > 1 and k > 0 and (best is None or k + len(e) > best):
            best = k + len(e)
    return at + best if best else None


def _common_words(finder, text: str, start: int, at: int) -> bool:
    """No place, anchor, known name, proper term, quote, figure or Latin letter before the ending."""
    return at > start and not_names._goal(finder, text, start, at)


def goal_after_becoming(finder, text: str, start: int, at: int, suffix) -> bool:
    """Whether a goal zone (…先行区, …示范区) comes right after a verb of becoming and opens with no real
    place: 建成|全球数字经济标杆城市先行区, 建成|國家創新驅動先行區 (国家 is an anchor word, not a place)."""
    if suffix.type != "Zone" or suffix.end not in not_names.GOAL_ENDS:
        return False
    if not text.endswith(BECOMING, max(0, start - 4), start):
        return False
    real_places = finder.places - finder.anchor_words
    if any(text[start:start + n] in real_places for n in range(2, 8)):
        return False
    modifier = text[start:at]
    return not any(field in modifier for field in finder.rules.lexicon["fields"])  # its field would be read alone
