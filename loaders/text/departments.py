"""Government departments named by the standard nomenclature: 工业和信息化局, 城市管理和综合执法局.

Why: a suffix rule walks left from 局 and stops at a function word, so a department whose name
joins two domains with 和 (工业|和|信息化局) loses its first half or is dropped, and a common
word that ends like a bureau (开创|新局) blocks 科技创新局. Local governments across China name
their departments from one public nomenclature (a policy domain, or two joined by 和, then
局/委/委员会/厅), so a run of those domain words before an ending is a department wherever it
stands, in any city's text (`departments.yaml`). An optional level word (市/区/县/省) or a
district or city name (龙岗区, 深圳市龙岗区) opens it; the name is kept as written and, like
the abbreviated bodies, never resolved to a graph node by name: 市财政局 in a Shenzhen report is
not Beijing's.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from loaders.text.bodies import _boundary, _place_before
from loaders.text.entities import EntityFinder, Mention

SPEC = Path(__file__).with_name("departments.yaml")
CJK = "\u4e00-\u9fff"
CONF = 0.65
LEVELS = frozenset("市区县省")
KIND_OPENERS = frozenset("各全本我该每")


@lru_cache(maxsize=1)
def _spec() -> tuple[re.Pattern[str], re.Pattern[str], frozenset[str]]:
    raw = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    domain = "|".join(sorted(map(re.escape, raw["domains"]), key=len, reverse=True))
    ending = "|".join(raw["endings"])
    pattern = re.compile(rf"(?:{domain})(?:和?(?:{domain})){{0,3}}(?:{ending})"
                         rf"(?!{'|'.join(raw['not_after'])})")
    place = re.compile(rf"(?:[{CJK}]{{2,3}}[市省])?[{CJK}]{{1,3}}[区县]")  # a city: only a known one
    return pattern, place, frozenset(raw["not_places"])


def departments(finder: EntityFinder, text: str) -> list[Mention]:
    pattern, place_pattern, not_places = _spec()
    out = []
    for m in pattern.finditer(text):
        start = m.start()
        opened = _opening(finder, text, start, place_pattern, not_places)
        if opened is None:
            continue
        start -= opened
        surface = text[start:m.end()]
        out.append(Mention(start, m.end(), surface, "Institution", CONF, "department", surface, kind="government",
                           local=True))
    return out


def _opening(finder: EntityFinder, text: str, at: int, place_pattern: re.Pattern[str],
             not_places: frozenset[str]) -> int | None:
    """How many characters left of `at` open the name (a place, a level word); None if no name starts here.

    The longest opening at a boundary wins: 深圳市龙岗区|科技创新局, else 龙岗区|…, else 区|…, else
    the domain itself. An opening after 各/全/本 is a kind of department (各区科技局), not one.
    """
    known = _place_before(finder, text, at)
    if known and _boundary(finder, text, at - len(known)):
        return len(known)
    for n in range(min(8, at), -1, -1):
        place = text[at - n:at]
        if n == 1 and place not in LEVELS or n == 2 or n > 2 and (
                not place_pattern.fullmatch(place) or any(p in place for p in not_places)):
            continue
        if n and at - n > 0 and text[at - n - 1] in KIND_OPENERS or not n and at and text[at - 1] in LEVELS:
            continue  # 各区|科技局: neither 区科技局 nor 科技局 is the name
        if n > 1 and finder.words_of(text).verb_at(at - n):
            continue  # 支持|市…: a verb, not a place
        if _boundary(finder, text, at - n):
            return n
    return None
