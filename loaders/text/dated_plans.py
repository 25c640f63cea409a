"""A year's plan whose name joins two remits with 和 (2020年国民经济和社会发展计划) is one Policy, not the second half
read as a Program (issue 18, session 17, s17-names).

Why: the suffix rules stop a name's left edge at 和, so 国民经济和社会发展计划 — the plan every government adopts for a
year — was read as a Program 社会发展计划 (wrong) and the plan was missed: twice in dev14, once in dev12, once in dev8.
inner_joins.py joins such halves only from a clause boundary; here a year leads (2020年|国民经济和…), and a year is
no word of the name. This rule joins a plan read by its ending (dated_plans.yaml) with the remit before its 和 when
that remit starts right after a year (…年, …年度), holds two to `left_max` characters of Chinese and no verb, hard
word or name ending; the joined name is a Policy (a plan a congress adopts), the half inside it nested.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from loaders.text.entities import Mention
from loaders.text.rules import Rules

DATA = Path(__file__).with_suffix(".yaml")
YEAR = re.compile(r"(?:\d{4}|[〇零一二三四五六七八九]{4})年度?$")
HOSTS = ("Program", "Policy")
CONF = 0.6


@lru_cache(maxsize=1)
def _data() -> dict:
    return yaml.safe_load(DATA.read_text(encoding="utf-8"))


def with_dated_plans(text: str, mentions: list[Mention], rules: Rules) -> list[Mention]:
    """`mentions` with each dated plan joined across its 和 (a Policy), the half inside nested."""
    data = _data()
    added = []
    for m in mentions:
        if m.nested or m.type not in HOSTS or m.start < 3 or not text[m.start:m.end].endswith(tuple(data["plan_ends"])):
            continue
        if text[m.start - 1] not in data["joiners"]:
            continue
        start = _remit_start(text, m.start - 1, data["left_max"], rules)
        if start is None:
            continue
        name = text[start:m.end]
        added.append(Mention(start, m.end, name, "Policy", CONF, "pattern", name))
    if not added:
        return mentions
    out = [m for m in mentions if not any(m.crosses(a) for a in added)]
    for m in out:
        if any(m.inside(a) for a in added):
            m.nested = True
    return out + added


def _remit_start(text: str, joiner: int, left_max: int, rules: Rules) -> int | None:
    """The start of the remit before the joiner when a year stands right before it, else None."""
    for n in range(2, left_max + 1):
        start = joiner - n
        if start < 0 or not "\u4e00" <= text[start] <= "\u9fff":
            return None
        if YEAR.search(text[max(0, start - 7):start]):
            remit = text[start:joiner]
            if any(w in remit for w in rules.hard_words) or any(w in remit for w in rules.verbs if len(w) >= 2) \
                    or remit.endswith(tuple(s.end for s in rules.suffixes)):
                return None
            return start
    return None
