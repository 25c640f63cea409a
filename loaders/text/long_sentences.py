"""A cap on the unit the sentence rules read: a "sentence" longer than MAX_SENTENCE characters is cut.

Why: indicators (a figure's measure and counted noun, metrics.py) and relations (subjects,
triggers, locations, what a figure measures; relations.py) read the whole sentence or clause
around each figure or name. On text that lost its sentence marks (a badly scraped page, one
giant table row, 96,000 characters of 甲乙丙丁三家企业) one "sentence" is the whole text, so that
work grows with the square of the text (42 s for 96,000 characters, issue 18). Cut into pieces
of at most MAX_SENTENCE characters, each piece costs at most a bounded amount: linear time.

The cap: the longest sentence of every real document here (the 2018 report, the corpus's
dev/test/holdout texts, the fixtures) is 344 characters; 1,000 is about three times that, so no
real sentence is cut and no answer changes, while no piece of a bad text exceeds it.

Where a long sentence is cut (the nearest safe break before the cap, in this order): after the
last clause mark (，；：) in the window's second half, else at the last space, else after the last
、, else at the last position inside no name found and no figure (a name or a figure is never
split), else at the cap itself. A piece is read exactly as if a 。 stood at the cut
(tests/extract/test_linear_cap.py). Names themselves are found on the whole text, not per
sentence, so they do not depend on the cap.
"""

from __future__ import annotations

from loaders.text.entities import Mention
from loaders.text.sections import CLAUSE_ENDS, Sentence
from loaders.text.units import FIGURE

MAX_SENTENCE = 1000  # characters; the longest real sentence seen is 344
WINDOW = MAX_SENTENCE // 2  # a break is looked for in the last half of the allowed length
BREAKS = (CLAUSE_ENDS, " \t\u3000", "、")  # after a clause mark, at a space, after a 、


def cap(text: str, sentences: list[Sentence], mentions: list[Mention]) -> list[Sentence]:
    """`sentences` with each one longer than MAX_SENTENCE cut into pieces (same paragraph and section)."""
    if all(s.end - s.start <= MAX_SENTENCE for s in sentences):
        return sentences
    blocked = _inside_names(text, mentions)
    out: list[Sentence] = []
    for s in sentences:
        if s.end - s.start <= MAX_SENTENCE:
            out.append(s)
            continue
        for f in FIGURE.finditer(text, s.start, s.end):
            blocked[f.start() + 1:f.end()] = b"\x01" * max(0, f.end() - f.start() - 1)
        out += [Sentence(a, b, s.paragraph, s.section, s.heading) for a, b in pieces(text, s.start, s.end, blocked)]
    return out


def pieces(text: str, start: int, end: int, blocked: bytearray) -> list[tuple[int, int]]:
    """[start, end) cut at safe breaks into spans of at most MAX_SENTENCE characters, outer spaces excluded."""
    out = []
    while end - start > MAX_SENTENCE:
        cut = _break(text, start, blocked)
        out.append((start, cut))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    out.append((start, end))
    return [(a, b - (len(text[a:b]) - len(text[a:b].rstrip()))) for a, b in out if text[a:b].strip()]


def _break(text: str, start: int, blocked: bytearray) -> int:
    """The cut position in (start + WINDOW, start + MAX_SENTENCE]: the piece is text[start:cut]."""
    low, high = start + WINDOW, start + MAX_SENTENCE
    for marks in BREAKS:
        for cut in range(high, low, -1):
            if text[cut - 1] in marks and not blocked[cut - 1] and not blocked[cut]:
                return cut if marks != BREAKS[1] else cut - 1
    for cut in range(high, low, -1):
        if not blocked[cut]:
            return cut
    return high


def _inside_names(text: str, mentions: list[Mention]) -> bytearray:
    """1 at every position strictly inside a mention: cutting there would split a name."""
    blocked = bytearray(len(text) + 1)
    for m in mentions:
        if 0 <= m.start and m.end - m.start > 1:
            blocked[m.start + 1:m.end] = b"\x01" * (m.end - m.start - 1)
    return blocked
