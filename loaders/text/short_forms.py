"""A short form in brackets right after a full name is that name written short (issue 18, session 13).

Why: 创新科技及工业局(创科及工业局)局长… (dev2, Hong Kong): the department rule read 工业局 inside the brackets
as a bureau of its own, and the page gained a body that does not exist. Government pages introduce the
short form of a name in brackets right after its first full mention (…(以下简称“市级高新区”), X(Y)): the
bracket is then an alias of the name before it, not a new name. A bracket holds a short form of the name when
it opens with the same character, ends with the same character, and its characters appear in the name in
order (创科及工业局 in 创新科技及工业局); anything else in brackets (a place, a date, a note) is left alone.
The mentions inside the bracket are replaced by one mention of the full name there.
"""

from __future__ import annotations

import re
from dataclasses import replace

BRACKET = re.compile(r"[((](?:以下简称|简称)?[“\"]?([\u4e00-\u9fff]{2,12})[”\"]?[))]")
NAMED = frozenset({"Institution", "Zone", "Program", "Project", "Policy", "Event", "Fund"})


def is_short_form(short: str, full: str) -> bool:
    """Whether `short` is `full` written short: same first and last character, its characters in order."""
    if len(short) >= len(full) or short[0] != full[0] or short[-1] != full[-1]:
        return False
    it = iter(full)
    return all(ch in it for ch in short)


def with_short_forms(text: str, mentions: list) -> list:
    """`mentions` with each bracketed short form read as the full name before it."""
    added, gone = [], []
    for m in mentions:
        if m.nested or m.start < 0 or m.type not in NAMED:
            continue
        found = BRACKET.match(text, m.end)
        if not found or not is_short_form(found.group(1), text[m.start:m.end]):
            continue
        start, end = found.span(1)
        gone.append((start, end))
        added.append(replace(m, start=start, end=end, surface=found.group(1), nested=False,
                             aliases=[*m.aliases, found.group(1)]))
    if not added:
        return mentions
    kept = [m for m in mentions if m.start < 0 or not any(s <= m.start and m.end <= e for s, e in gone)]
    return kept + added
