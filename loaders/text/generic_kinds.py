"""A facility or centre named only by generic words is a kind, not an entity (session 15, s15-cities).

Why: the guideline makes generic facilities no entities (重点科研基地, 创科平台), and a suffix rule reads any word
before 平台 / 设施 / 中心 as a name: a plan's contents (打造高端应用研究平台, 建设重大科技基础设施, 建设科技基础条件
平台) and a review's headings (推进组建高能级研发平台) gave six wrong names on dev11 (Chongqing, Hefei), and others
recur on dev4-dev8 (交叉研究平台, 重要支撑平台). A name read from its shape whose part before the kind ending is only
generic words (generic_kinds.yaml `modifiers`: 高端, 基础, 研发, 重大 …) is dropped; one word of another kind (a
place, a body, a field, a subject: 分子科学交叉研究平台, 北京…平台) keeps it. A county's kind word read alone as a
District (自治县 in 各区县(自治县)人民政府) is dropped too. A run of five or more such words is left alone: the
bundled 2018 report names one platform so (重大共性技术研发创新平台, a Project of data/curated), and the kinds seen
on new text are two to four words long.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

MAX_WORDS = 4  #: longer runs of generic words are read as one platform's designation (see above)
READ = {"suffix", "pattern", "list", "derived", "abbr-body", "heading"}  #: names read from their shape
KINDS = {"Project", "Institution", "Zone"}


@lru_cache(maxsize=1)
def _lists() -> tuple[frozenset, tuple[str, ...], frozenset]:
    data = yaml.safe_load(Path(__file__).with_name("generic_kinds.yaml").read_text(encoding="utf-8"))
    ends = tuple(sorted(data["ends"], key=len, reverse=True))
    return frozenset(data["modifiers"]), ends, frozenset(data["district_kinds"])


def _only_modifiers(head: str, words: frozenset) -> bool:
    """Whether `head` is a run of at most MAX_WORDS generic words (fewest words; linear: words are 2-3 characters)."""
    best = [0] + [None] * len(head)  # best[i]: the fewest words covering head[:i]
    for i in range(len(head)):
        if best[i] is not None:
            for n in (3, 2):
                j = i + n
                if j <= len(head) and head[i:j] in words and (best[j] is None or best[i] + 1 < best[j]):
                    best[j] = best[i] + 1
    return bool(head) and best[len(head)] is not None and best[len(head)] <= MAX_WORDS


def without_generic_kinds(text: str, mentions: list) -> list:
    """`mentions` without facilities, centres and districts named only by generic words."""
    words, ends, districts = _lists()
    out = []
    for m in mentions:
        surface = text[m.start:m.end] if 0 <= m.start < m.end <= len(text) else ""
        if m.type == "District" and surface in districts:
            continue
        if m.type in KINDS and m.how in READ and surface:
            end = next((e for e in ends if surface.endswith(e)), "")
            if end and _only_modifiers(surface[:-len(end)], words):
                continue
        out.append(m)
    return out
