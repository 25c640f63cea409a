"""A government body's whole name read by a grammar: a place (or 中央) + body words (joined by 和 where the name joins
two remits) + a body ending (issue 18, session 17, s17-names).

Why: the suffix rules find a name's left edge by stopping at verbs, function words and categories, and a body's own
words are often just those: 中央|机构编制|委员会办公室 (编制 reads as a verb: 中央 became the party centre and the
rest 委员会办公室), 丰台区政府服务和|数据管理局 (和 ends the search), 北京市丰台区中小企业|服务中心 (a category word:
the centre was cut and refused), 北京市政府 (no suffix at all). Seven of dev14's misses and four of dev12's had this
shape. The grammar starts only at a place the text names (a city, district or province mention) or at an opener word
(中央), takes at most `max_middle` characters of Chinese with no verb that is not also a noun in names, no hard word, no
function word but a 和 joining two body words (not two bodies: 区政府和区科委 is two), and ends in a body ending
(placed_bodies.yaml) but not in a common word (rules.yaml not_heads: 格局, 大局); the longest such name wins, and it replaces the shorter names inside it (they become nested) and
the names that cross it. A body inside a body's unit name (中央机构编制委员会|办公室, 北京市委|宣传部) is an entity of
its own too (guideline rule b), like the bodies opening_known.py reads at a name's start. The opener word read as a
body (中央 as the party centre) is dropped inside such a name: the name's relations would make the body a part of it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from loaders.text.entities import Mention
from loaders.text.rules import Rules

DATA = Path(__file__).with_suffix(".yaml")
CHINESE = re.compile(r"[\u4e00-\u9fff]+")
NUMERAL = re.compile(r"[〇一二三四五六七八九十两百千万\d]")
PLACES = ("Region", "District")
CONF = 0.7


@lru_cache(maxsize=1)
def _data() -> dict:
    return yaml.safe_load(DATA.read_text(encoding="utf-8"))


def with_placed_bodies(text: str, mentions: list[Mention], rules: Rules) -> list[Mention]:
    """`mentions` with the whole names of government bodies opened by a place added (shorter names inside nested,
    crossing ones dropped) and the bodies inside their units' names."""
    found = []
    for at, opened in _openers(text, mentions):
        end = _longest(text, at, opened, rules)
        if end:
            found.append((at, end))
    bodies = _kept(found, mentions)
    if not bodies:
        return mentions
    openers = tuple(_data()["openers"])
    out = [m for m in mentions if not any(m.crosses(b) or _is_opener(text, m, b, openers) for b in bodies)]
    for m in out:
        if any(m.inside(b) for b in bodies):
            m.nested = True
    return out + bodies + _inner_bodies(text, bodies)


def _is_opener(text: str, m: Mention, body: Mention, openers: tuple[str, ...]) -> bool:
    """Whether `m` is the opener word of `body` read as a body of its own (中央|机构编制委员会…: not the party centre,
    whose PART_OF the body would then be)."""
    return m.start == body.start and m.end < body.end and text[m.start:m.end] in openers


def _openers(text: str, mentions: list[Mention]) -> list[tuple[int, int]]:
    """(start, end) of each place mention and opener word a body's name may start with."""
    organs = {m.start for m in mentions if m.how == "place_organ"}  # 石景山区|政府…: the place opens a longer name too
    spans = {(m.start, m.end) for m in mentions
             if m.type in PLACES and (not m.nested or m.start in organs) and m.start >= 0}
    for word in _data()["openers"]:
        at = text.find(word)
        while at != -1:
            spans.add((at, at + len(word)))
            at = text.find(word, at + 1)
    return sorted(spans)


def _longest(text: str, start: int, opened: int, rules: Rules) -> int:
    """The end of the longest body name from `start` whose body words begin at `opened`, or 0."""
    data = _data()
    run = CHINESE.match(text, opened)
    if not run:
        return 0
    window = text[opened:min(run.end(), opened + data["max_middle"] + max(map(len, data["endings"])))]
    best = 0
    for i in range(len(window)):
        for ending in data["endings"]:
            if not window.startswith(ending, i):
                continue
            end = opened + i + len(ending)
            if i <= data["max_middle"] and _is_middle(window[:i], rules) and not text.startswith(
                    tuple(data["after_stops"]), end) and not text[start:end].endswith(rules.not_heads) \
                    and not any(w in window[:i + len(ending)] for w in data["not_in_name"]) \
                    and text[start:opened] not in window[:i]:  # 江苏省委办公厅|江苏省政府办公厅: two bodies of one place
                best = max(best, end)
            break
    return best


def _is_middle(middle: str, rules: Rules) -> bool:
    """Whether the words between a place and an ending can be a body's own words."""
    data = _data()
    if NUMERAL.search(middle) or any(w in middle for w in data["not_middle"]):
        return False
    if any(w in middle for w in rules.hard_words):
        return False
    if any(w in middle and w not in rules.nominal_verbs and not _inside_nominal(middle, w, rules)
           for w in rules.verbs if len(w) >= 2):
        return False
    parts = middle.split("和")
    if len(parts) > 2 or any(not p for p in parts[1:]) or (len(parts) == 2 and not parts[0]):
        return False
    endings = tuple(data["endings"])
    return len(parts) == 1 or not parts[0].endswith(endings) and not parts[1].startswith(("区", "市", "省", "县"))


def _inside_nominal(middle: str, verb: str, rules: Rules) -> bool:
    """Whether every occurrence of `verb` in `middle` is part of a noun-like verb (服务, 管理 …) around it."""
    return all(any(n in middle[max(0, i - 3):i + len(verb) + 3] and verb in n for n in rules.nominal_verbs)
               for i in [j for j in range(len(middle)) if middle.startswith(verb, j)])


def _kept(found: list[tuple[int, int]], mentions: list[Mention]) -> list[Mention]:
    """The new names that add something: not already a mention, not inside a longer name, not crossing a stronger one."""
    spans = {(m.start, m.end) for m in mentions}
    tops = [m for m in mentions if not m.nested and m.start >= 0]
    out = []
    for start, end in sorted(set(found)):
        if (start, end) in spans or any(m.start <= start and end <= m.end for m in tops):
            continue
        if any(start < m.start < end < m.end or m.start < start < m.end < end for m in tops if m.type != "Institution"
               and m.type not in PLACES):
            continue
        out.append((start, end))
    out = [s for s in out if not any(o != s and o[0] <= s[0] and s[1] <= o[1] for o in out)]
    return [Mention(s, e, "", "Institution", CONF, "pattern", "", kind="government", local=True) for s, e in out]


def _inner_bodies(text: str, bodies: list[Mention]) -> list[Mention]:
    """The body inside each new name's unit (…委员会|办公室): nested, an entity of its own."""
    data = _data()
    out = []
    for b in bodies:
        b.name = b.surface = text[b.start:b.end]
        written = b.name
        for unit in data["units"]:
            host = written[:-len(unit)]
            if written.endswith(unit) and host.endswith(tuple(data["unit_hosts"])) and len(host) > 3:
                inner = Mention(b.start, b.start + len(host), host, "Institution", CONF, "pattern", host,
                                kind="government", local=True, nested=True, titled=True, parent=b)
                out.append(inner)
                break
    return out
