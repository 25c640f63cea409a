"""A domain named by the noun 领域 after it: 在X领域, 向X领域 (issue 18, session 15, s15-recall2).

Why: 领域 says of the words before it that they name a domain, as 产业 does (industry_fields.py), and the
lexicon lists domains one by one. Two blind Beijing splits missed a domain written this way (docs/extraction.md,
"Recall from dev10 (session 15)"): a trade domain after 在 and a manufacturing domain after 向. The rule reads
the class, not those names: the noun phrase right before 领域 (taken leftwards by industry_fields.domain_start,
which stops at a preposition, a verb that opens a domain, punctuation, a place or a name) is a Field when

- it names a domain: one of its words is a domain word (domain_words.yaml) or a lexicon field; and
- it is not only modifiers or one broad word (重点领域, 前沿领域, 科技领域: categories, not domains). Unlike
  before 产业, one broad word after a modifier is taken (高端|制造领域): 领域 itself says a domain is named,
  and the modifier narrows the broad word to one;
- it is not an item of a list ended by 等 (…、新材料等领域: the items are read by the list rules and
  activity_fields.py) and not nested in a longer name.

A phrase the lexicon holds is left to the lexicon (its mention is already there).
"""

from __future__ import annotations

import re

from loaders.text import industry_fields as domains
from loaders.text.entities import Mention, resolve_overlaps

HEAD = re.compile(r"领域|領域")


def with_domain_heads(finder, text: str, mentions: list[Mention]) -> list[Mention]:
    """`mentions` with the domains named before 领域 the lexicon lacks, as Fields (spans no mention covers)."""
    if "领域" not in text and "領域" not in text:
        return mentions
    seg = finder.words_of(text)
    if not seg.enabled:
        return mentions
    fields = frozenset(finder.rules.lexicon["fields"])
    covered = domains._covered(mentions)
    taken = {k for m in mentions if m.start >= 0 for k in range(m.start, m.end)}
    new: list[Mention] = []
    for hit in HEAD.finditer(text):
        at = hit.start()
        if at == 0 or text[at - 1] == "等" or at - 1 in taken:
            continue
        start = domains.domain_start(seg, text, at, covered)
        if start is None or any(k in taken for k in range(start, at)):
            continue
        phrase = text[start:at]
        if phrase in fields or not _names_domain(phrase, fields):
            continue
        new.append(Mention(start, at, phrase, "Field", 0.6, "pattern", phrase))
    return resolve_overlaps(mentions + new) if new else mentions


def _names_domain(phrase: str, fields: frozenset[str]) -> bool:
    """A domain word or a field in the phrase, beyond modifiers; a broad word only after a modifier."""
    lists = domains.words()
    if len(phrase) < 2 or phrase in lists["broad"] or phrase in lists["generic"]:
        return False
    content = phrase
    for g in domains._generic_longest_first():
        if content.startswith(g) and len(content) > len(g):
            content = content[len(g):]
            break
    if content in lists["generic"]:
        return False
    return any(d in content for d in lists["domain"]) or any(f in content for f in fields)
