"""A report's table of contents (and a run of numbered headings): part of the document, not navigation.

A plan or an accounts report often opens with its contents: "目 录", then one heading per line
(第一章 形势与定位, 第一节 发展形势, 一、把握国际科技创新中心新使命, (一)形势需求 …), sometimes
with dot leaders and page numbers (第一章 总则……1). Line by line this looked like a page's
navigation to `page.extent`: short lines, no sentence punctuation, and a caption of at most five
characters (目 录, 序 言) that it took for a menu word. It stopped there and cut the whole contents,
with the plan's title above it (dev9: 13 of 36 misses, session 14).

What tells the two apart is what the lines hold. A contents entry is numbered the way a document
numbers its parts (第X章/节/部分/篇, 一、, (一), 1. / 1.2) or ends in a dot leader and a page number,
and it is a heading, not a sentence (no 。;!?), not a link, a date or a menu word. Navigation has
no such numbering: menu words, breadcrumbs (>), bars, share links, dates of related articles. A run
of at least MIN_ENTRIES entries is contents; a short unnumbered line right next to such a run (its
caption 目 录, or 序 言 as an entry of its own or the heading after the contents) belongs to it.
`runs` finds them; `page.extent` steps over each one whole, as over a flattened table.
"""

from __future__ import annotations

import re

from loaders.text.cell_table import FURNITURE

NUMERAL = r"[一二三四五六七八九十百零〇\d]+"
#: how a document numbers its parts, at the start of a heading line
NUMBERED = re.compile(rf"^\s*(?:第{NUMERAL}[章节篇部条编]|第{NUMERAL}部分|[一二三四五六七八九十]+[、.．]"
                      rf"|[(（]{NUMERAL}[)）]|\d{{1,2}}(?:\.\d{{1,2}})*[.．、]?\s*(?=[\u4e00-\u9fff]))")
#: a dot leader and a page number closing an entry (总则……1, 总则 ........ 12, 总则···3)
LEADER = re.compile(r"(?:[.．…·]{3,}|[…]{2,})\s*\d{1,3}\s*$")
SENTENCE_END = re.compile(r"[。；;！!？?]")
NOT_HEADING = re.compile(r"https?:|www\.|[|｜>»]|\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}")
CJK = re.compile(r"[\u4e00-\u9fff]")
ENTRY_MAX = 60  #: a contents entry is a heading: longer lines are prose
CAPTION_MAX = 8  #: a caption or an unnumbered part (目 录, 序 言, 附 件) is this short
CAPTIONS = 2  #: unnumbered short lines taken on each side of a run (目 录 then 序 言)
MIN_ENTRIES = 3  #: fewer numbered lines are headings of the prose, found by the prose test


def runs(texts: list[str]) -> dict[int, tuple[int, int]]:
    """{line: (first, last) of its contents} for every line inside a table of contents of `texts`."""
    out: dict[int, tuple[int, int]] = {}
    k = 0
    while k < len(texts):
        if not is_entry(texts[k]):
            k += 1
            continue
        start, end, count = k, k, 0
        while k < len(texts) and (is_entry(texts[k]) or not texts[k].strip()):
            if texts[k].strip():
                end, count = k, count + 1
            k += 1
        if count >= MIN_ENTRIES:
            first, last = _caption(texts, start, -1), _caption(texts, end, 1)
            out.update(dict.fromkeys(range(first, last + 1), (first, last)))
    return out


def is_entry(line: str) -> bool:
    """A numbered heading or a line closed by a dot leader and a page number, not a sentence."""
    text = line.strip()
    if not text or len(text) > ENTRY_MAX or not CJK.search(text) or SENTENCE_END.search(text):
        return False
    if NOT_HEADING.search(text) or FURNITURE.search(text):
        return False
    return bool(NUMBERED.match(text) or LEADER.search(text))


def _caption(texts: list[str], edge: int, step: int) -> int:
    """The run's edge moved over up to CAPTIONS short unnumbered heading lines next to it (blank lines between)."""
    k, taken = edge + step, 0
    while 0 <= k < len(texts) and taken < CAPTIONS:
        text = texts[k].strip()
        if not text:
            k += step
            continue
        if not _is_caption(text):
            break
        edge, taken, k = k, taken + 1, k + step
    return edge


def _is_caption(text: str) -> bool:
    """A short line of words alone: no punctuation, link, figure or site furniture (目 录, 序 言, 前言)."""
    words = text.replace(" ", "").replace("\u3000", "")
    return (0 < len(words) <= CAPTION_MAX and all(CJK.match(c) for c in words)
            and not FURNITURE.search(words))
