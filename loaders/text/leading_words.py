"""A word that only leads into a name is not part of it: 会上|市科协…, 原|中关村管委会, 受|西城区人民政府,
含|北京经济技术开发区管委会, 东临|未来科学城 (issue 18, session 18, s18-dev17).

Why: the suffix rules look left from a name's ending for where the name starts, and stop after a verb or a
function word they know; a word they do not list runs into the name. Four blind Beijing splits lost names that
way, each to another word but all the same mechanism: a clause adverb (会上 "at the meeting", dev17), a
qualifier of time (原 "former", dev17; 本年度, dev10), a verb of agency or content (受 in 受…委托, dev16; 含 in a
task table, dev15) or of place (东临 "borders on the east", dev8). The name after such a word is read anyway
(the place or the known name that opens it is found there), so the word is cut off when, and only when, a
name the rules read, or a relative body's level (市, 区: 会上|区科协…), starts right after it; the words are
few and listed (leading_words.yaml), each checked to open no name of the corpus' kinds.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from graph.text import to_simplified
from loaders.text.entities import Mention

SPEC = Path(__file__).with_name("leading_words.yaml")
HOSTS = ("Institution", "Zone", "Project", "Event", "Program", "Policy", "Fund")
OPENERS = ("Institution", "Zone", "Project", "Event", "Program", "Region", "District")
LEVELS = "市区省县"  # a relative body's level opens a name too (会上|区科协…, 原|市科委)


@lru_cache(maxsize=1)
def _words() -> tuple[str, ...]:
    raw = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    return tuple(sorted(raw["words"], key=len, reverse=True))


def without_leading_words(text: str, mentions: list[Mention]) -> list[Mention]:
    """`mentions` with a listed leading word cut off the names it ran into."""
    opens = {m.start for m in mentions if m.type in OPENERS and m.start >= 0}
    for m in mentions:
        if m.nested or m.type not in HOSTS or m.start < 0:
            continue
        written = text[m.start:m.end]
        word = next((w for w in _words() if written.startswith(w) and len(written) - len(w) >= 3), None)
        if word is None or m.start + len(word) not in opens and text[m.start + len(word)] not in LEVELS:
            continue
        m.start += len(word)
        m.surface = text[m.start:m.end]
        if m.name == to_simplified(written) or m.name.startswith(to_simplified(word)):
            m.name = to_simplified(m.surface)
        m.aliases = [a for a in m.aliases if not a.startswith(word)]
    return mentions
