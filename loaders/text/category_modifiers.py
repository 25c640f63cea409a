"""A place-kind list category that only modifies a longer noun types nothing (session 14, s14-dev9).

Why: `lists.py` types the items of "A、B等CATEGORY" by the category word found right after 等, and
reads that word even when it opens a longer noun: 自动驾驶出租车、无人配送等城市应用场景 typed six
services as Regions (dev8), because 城市 follows 等. `list_heads` has a test for a category word
*inside* a longer noun (its head must end the phrase or be followed by a verb), but it cannot be applied
to the direct match as it is: 集成电路等领域取得突破 would lose its fields, since 取得 is no word of
its short verb list. The difference is the noun the phrase ends with: in 城市应用场景 the items are
scenes, in 国家企业 they are still countries. So for place kinds only (the types in
`category_modifiers.yaml`), the words after the category are read up to a verb, a function word or
punctuation, and when the last of them is a head the items themselves are (场景, 服务, 产品 …),
the category is a modifier and the list is left untyped; a head a place owns (企业, 人才 …) keeps it.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

SPEC = Path(__file__).with_name("category_modifiers.yaml")


@lru_cache(maxsize=1)
def _spec() -> dict:
    raw = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    return {"types": frozenset(raw["types"]), "heads": tuple(sorted(raw["item_heads"], key=len, reverse=True)),
            "owned": tuple(sorted(raw["place_owned"], key=len, reverse=True)), "stops": frozenset(raw["stops"]),
            "window": int(raw["window"])}


def modifies_longer_noun(finder, text: str, at: int, category) -> bool:
    """Whether the category word at `at` opens a noun phrase whose head is what the items are."""
    spec = _spec()
    if category.type not in spec["types"]:
        return False
    start = at + len(category.word)
    phrase = _noun_phrase(finder, text, start, spec)
    if not phrase or phrase.endswith(spec["owned"]):
        return False
    return phrase.endswith(spec["heads"])


def _noun_phrase(finder, text: str, start: int, spec: dict) -> str:
    """The nouns after `start`: words the segmenter tags as nouns (or verbs the rules read as nouns inside
    names, 应用, 服务), up to the first other word (a verb, an adverb: 加快, 不断), a stop character or the window."""
    words = finder.words_of(text)
    nominal = finder.rules.nominal_verbs
    end, limit = start, min(len(text), start + spec["window"])
    while end < limit and text[end] not in spec["stops"]:
        stop = words.end_of(end) if not words.inside(end) else end + 1
        word = text[end:stop]
        tag = words._tags.get(word, "")
        if not (tag.startswith("n") or tag == "vn" or word in nominal or word in spec["heads"]):
            break
        end = stop
    return text[start:min(end, limit)]
