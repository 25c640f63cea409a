"""A body's own office written bare (办公室) as a relative name of one of its units (issue 18, session 16, s16-dev14).

Why: reports name the issuer's office without the issuer (…，办公室切实履行政务公开重要职责; 办公室作为…实施机构; 设办公室、
…处), and the guideline annotates it as a named division of the body (full: the issuer + 办公室). The suffix rules need a
modifier before an ending, so the bare word was never read (dev10's district bureau, dev14's park committee and agency).
Only the word alone right after a clause boundary or a setting-up verb counts (it then opens the clause as its subject or
an item of a list of units), never inside a longer name, and never the room (办公室用房): data in own_offices.yaml.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from loaders.text.entities import PUNCT, Mention

DATA = Path(__file__).with_suffix(".yaml")


@lru_cache(maxsize=1)
def _data() -> dict:
    return yaml.safe_load(DATA.read_text(encoding="utf-8"))


def with_own_offices(text: str, mentions: list[Mention]) -> list[Mention]:
    """`mentions` with each bare office word that opens a clause or a list of units added as an Institution."""
    data = _data()
    covered = [(m.start, m.end) for m in mentions]
    added = []
    for word in data["words"]:
        at = text.find(word)
        while at != -1:
            end = at + len(word)
            if _opens(text, at, data) and not text.startswith(tuple(data["after_stops"]), end) \
                    and not any(a <= at and end <= b for a, b in covered):
                added.append(Mention(at, end, word, "Institution", 0.6, "pattern", word, kind="government", local=True))
            at = text.find(word, end)
    return mentions + added if added else mentions


def _opens(text: str, at: int, data: dict) -> bool:
    """Whether the word stands at a clause start (line start, punctuation, 、) or right after a setting-up verb."""
    if at == 0:
        return True
    before = text[at - 1]
    return before in PUNCT or before in "\n、 " or before in data["before"]
