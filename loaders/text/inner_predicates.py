"""A guessed name that holds a predicate with only a suffix after it is a clause, not a name (session 15, s15-dev10).

Why: a suffix rule walks left from its ending (…专题, …中心) over whatever stands before, and in
report prose that is often a subject and its predicate: 市人大|多次|专题, 高校院所|开展|专题 (dev10,
both read as Programs; the first swallowed the body 市人大, a miss), 选举|产生|第一届科协委员会 and
市人大常委会|高度关注|科技创新中心 (dev9, the same cause: a span run across a verb or an adverb).
predicate_trim.py cuts a predicate that OPENS a span; here the predicate sits inside it. When what
follows the last predicate inside a guessed span is shorter than `min_rest` characters, nothing there
can be a name (专题 alone is none), so the guess is dropped and the words before it are left to the
rules that read them (市人大 as a body). A longer rest is left alone: what it is, a name or not, is
for the other rules to say. Known names and titles are never touched (only confidence.GUESSED hows).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from loaders.text.confidence import GUESSED

SPEC = Path(__file__).with_name("inner_predicates.yaml")


@lru_cache(maxsize=1)
def _spec() -> dict:
    raw = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    return {"types": frozenset(raw["types"]), "tags": frozenset(raw["tags"]), "min_rest": int(raw["min_rest"]),
            "words": frozenset(raw["words"])}


def _last_predicate_end(words, text: str, start: int, end: int, spec: dict) -> int | None:
    """Where the last predicate word after the span's first word ends, or None."""
    i = words.end_of(start)
    last = None
    while i < end:
        j = min(words.end_of(i), end)
        if j <= i:
            break
        word = text[i:j]
        if j < end and (word in spec["words"] or (words._tags.get(word) in spec["tags"] and word not in words.nominal)):
            last = j
        i = j
    return last


def without_inner_predicates(finder, text: str, candidates: list) -> list:
    """`candidates` without the guessed spans that hold a predicate followed by less than a name."""
    spec = _spec()
    words = finder.words_of(text)
    if not words.enabled:
        return candidates
    out = []
    for m in candidates:
        if (m.how in GUESSED and m.type in spec["types"] and m.start >= 0 and not m.nested
                and m.end - m.start == len(m.name) and m.end - m.start > spec["min_rest"]):
            cut = _last_predicate_end(words, text, m.start, m.end, spec)
            if cut is not None and m.end - cut < spec["min_rest"]:
                continue
        out.append(m)
    return out
