"""A policy known by a quoted nickname: “1+N”产业政策, 某区“创新驱动发展1+6”政策 (session 16, s16-dev12).

Why: the guideline annotates a policy known by a quoted nickname as a Policy (dev2's settled cases), but 政策 closes
no name in the rules (it is mostly a common noun), so “…”政策 was no mention at all: dev12 lost two (a district's
“创新驱动发展1+6”政策, a “1+N”产业政策) and dev10 lost a quoted five-year plan cut after its opening quote
(区科信局“十四五”时期发展规划 read from inside the quote). Two narrow readings:
- a quoted phrase directly followed by a policy head word (quoted_policies.yaml `heads`) that closes the noun (a mark,
  a line end or a function word after it: not “…”政策叠加) is one Policy, with the place right before the opening
  quote when it is a district or city name (anchored_head, as quoted_names);
- a Policy that starts right after an opening quote and holds its closing quote takes the opening quote in (the
  scorer ignores quotes; the name was cut inside them).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from loaders.text.entities import Mention


@lru_cache(maxsize=1)
def _data() -> dict:
    return yaml.safe_load(Path(__file__).with_name("quoted_policies.yaml").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern:
    data = _data()
    heads = "|".join(sorted(map(re.escape, data["heads"]), key=len, reverse=True))
    banned = re.escape("".join(data["not_inside"]) + "“”\n")
    after = "|".join(map(re.escape, data["after_words"]))
    return re.compile(rf"“([^{banned}]{{1,{int(data['max_inside'])}}})”(?:{heads})(?=$|[^\u4e00-\u9fff]|{after})")


def quoted_policy_mentions(finder, text: str) -> list[Mention]:
    """“X”政策 / “X”产业政策 as one Policy, with a place name written right before the quote."""
    out = []
    for m in _pattern().finditer(text):
        head = finder.anchored_head(text, m.start())
        place = head if head and finder.gazetteer and _is_place(finder, head) else ""
        a = m.start() - len(place)
        out.append(Mention(a, m.end(), text[a:m.end()], "Policy", 0.72, "quote", text[a:m.end()]))
    return out


def _is_place(finder, words: str) -> bool:
    entries = finder.gazetteer.get(words)
    return bool(entries) and any(getattr(e, "type", None) in ("District", "Region") for e in entries)


def with_opening_quotes(text: str, mentions: list[Mention]) -> list[Mention]:
    """A Policy cut just inside its opening quote (“十四五”时期发展规划 read from 十四五) takes the quote in."""
    for m in mentions:
        if m.type == "Policy" and m.start > 0 and text[m.start - 1] == "“" and "”" in text[m.start:m.end] \
                and "“" not in text[m.start:m.end]:
            m.start -= 1
            m.surface = text[m.start:m.end]
    return mentions
