"""A name read back from its ending stops at a determiner, a quantifier, a pronoun or a preposition (session 15).

Why: a suffix rule reads a name backwards from its ending (…公司, …大学, …计划, …报告) and, in a speech, runs over
the words that say which or how many of a kind: 鼓励更多本地科技公司, 它们聘请本地大学, 可透过计划, 发表新一份
施政报告 (dev11, the Hong Kong Secretary's remarks: nine wrong names in one page; 当前南京市科技局 in Nanjing's).
No name holds such a word (determiner_spans.yaml): the name starts after the last one. What is left is dropped when it
is only a kind (大学, 科技公司, 计划: a category, not an entity) or a count of a kind (三项人才计划); otherwise it is
the name (施政报告, 南京市科技局). Names known to the lexicon or the graph, quoted names and book titles are left as read.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

import yaml

from graph.text import to_simplified

READ = {"suffix", "pattern", "list", "derived", "abbr-body"}  #: how names read from their shape are found
NAMED = {"Institution", "Program", "Policy", "Project", "Fund", "Zone"}
COUNT = re.compile(r"^(?:[0-9]+|[一二三四五六七八九十两几百千]+)[项个家所类批份件]")


@lru_cache(maxsize=1)
def _lists() -> tuple[re.Pattern, frozenset]:
    data = yaml.safe_load(Path(__file__).with_name("determiner_spans.yaml").read_text(encoding="utf-8"))
    words = sorted({to_simplified(w) for w in data["determiners"]}, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words))), frozenset(to_simplified(h) for h in data["generic_heads"])


def without_determiners(text: str, mentions: list) -> list:
    """`mentions` whose read names start after the last determiner inside them, or dropped when only a kind is left."""
    pattern, generic = _lists()
    out = []
    for m in mentions:
        surface = text[m.start:m.end] if 0 <= m.start < m.end <= len(text) else ""
        hits = list(pattern.finditer(surface)) if m.how in READ and m.type in NAMED and surface else []
        hits = [h for h in hits if not _bracketed(surface, h.start())]  # …保税区(一期)(北京部分): a part (session 17)
        if not hits:
            out.append(m)
            continue
        k = hits[-1].end()
        rest = surface[k:]
        if len(rest) < 2 or rest in generic or COUNT.match(rest):
            continue
        name = m.name[k:] if len(m.name) == len(surface) else rest
        out.append(replace(m, start=m.start + k, name=name, surface=rest))
    return out


def _bracketed(surface: str, at: int) -> bool:
    """Whether `at` lies inside a bracket of the name: a phase or a part of a project (…(北京部分), session 17), where
    部分 says which part of the work is meant, not how many of a kind."""
    depth = 0
    for ch in surface[:at]:
        depth += 1 if ch in "(（" else -1 if ch in ")）" else 0
    return depth > 0
