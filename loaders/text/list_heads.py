"""The category of a list whose head noun comes after a modifier (session 7, issue 18 recall).

`lists.py` types "A、B、C等CATEGORY" only when the category word follows 等 (or its count)
directly. Real reports put a short modifier between: 紫光、中公教育、慧聪网等一批数字经济龙头企业,
中科联绿、易蔚新能源等10家创新企业, 先进能源、先进制造等主导产业. The head of that noun phrase is
its last word, so the category is the one the phrase *ends* with, within a few characters and
before any punctuation or 的. Only the head families that name the items themselves are read
here (enterprises, fields, universities): a list ending in 项目 names companies as often as
projects (小米、好未来等重点产业项目), so it is left to the direct rule.
"""

from __future__ import annotations

from loaders.text.entities import PUNCT

WINDOW = 10  # characters of modifier + head after 等 (and its count)
HEAD_TYPES = ("Institution", "Field")
STOPS = frozenset("的和与及或在将对")


def head_category(categories, text: str, at: int):
    """The category whose word ends the noun phrase starting at `at`, or None."""
    end = at
    while end < len(text) and end - at < WINDOW and text[end] not in PUNCT and text[end] not in STOPS:
        end += 1
    phrase = text[at:end]
    best = None
    for c in categories:  # longest words first
        if c.type not in HEAD_TYPES or c.word in ("家",) or len(c.word) < 2:
            continue
        k = phrase.rfind(c.word)
        if k > 0 and (best is None or k + len(c.word) > best[0]):
            best = (k + len(c.word), c)
    if best is None:
        return None
    stop, category = best
    rest = phrase[stop:]
    if rest and not _verb_like(rest):
        return None  # the category word is inside a longer noun (企业家, 产业园), not the head
    return category


def _verb_like(rest: str) -> bool:
    """What follows the head opens the predicate (相继落户, 入驻, 揭牌) rather than continuing a noun."""
    return rest[:1] in "相先已均将也正陆纷共落入成实获签参等集" or rest[:2] in ("开展", "加快", "积极", "不断")
