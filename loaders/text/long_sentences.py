"""A cap on the unit the rules read: a "sentence" longer than MAX_SENTENCE characters is cut.

Why: indicators (a figure's measure and counted noun, metrics.py) and relations (subjects,
triggers, locations, what a figure measures; relations.py) read the whole sentence or clause
around each figure or name. On text that lost its sentence marks (a badly scraped page, one
giant table row, 96,000 characters of 甲乙丙丁三家企业) one "sentence" is the whole text, so that
work grows with the square of the text (42 s for 96,000 characters, issue 18). Read in pieces
of at most MAX_SENTENCE characters, each piece costs a bounded amount: linear time.

The cap: the longest sentence of every real document here (the 2018 report, the corpus's
dev/test/holdout texts, the fixtures) is 344 characters; 1,000 is about three times that, so
no real sentence is cut and no answer changes.

How: the body view gets a 。 at each cut, standing for no character of the original (as the
line breaks `strip_chrome` puts between kept lines), so every rule reads the pieces exactly as
it reads the same text with a 。 written at the cuts (tests/extract/test_linear_cap.py), and
every span still points into the original (`cut` replaces the report's body view).

Where a long sentence is cut: in the last SPAN characters before the cap, after the last clause
mark (，；：), else at the last space, else after the last 、, else at the last position inside no
name and no figure (at the cap itself only if names and figures cover the whole stretch). The
names are those found on the text around that stretch (EDGE characters either side), not on the
whole text: a second reading of the whole text would double the time of the very texts this is for.
"""

from __future__ import annotations

from collections.abc import Callable

from loaders.text.entities import Mention
from loaders.text.mapped import MappedText
from loaders.text.reading import Report
from loaders.text.sections import CLAUSE_ENDS, Sentence
from loaders.text.units import FIGURE

MAX_SENTENCE = 1000  # characters; the longest real sentence seen is 344
SPAN = 200  # a break is looked for in the last SPAN characters the cap allows
EDGE = 60  # context read either side of that stretch to find the names in it (a name's window: 40 + 20)
SPACES = " \t\u3000"
BREAKS = (CLAUSE_ENDS, SPACES, "、")  # after a clause mark, at a space, after a 、
MARK = "。"
Names = Callable[[str], list[Mention]]


def too_long(sentences: list[Sentence]) -> bool:
    return any(s.end - s.start > MAX_SENTENCE for s in sentences)


def cut(report: Report, sentences: list[Sentence], names: Names) -> None:
    """Give `report`'s body view a 。 at each cut of its sentences longer than MAX_SENTENCE.

    `names(piece)`: the mentions found in a piece of text (no cut falls inside one of them).
    """
    text = report.body.text
    cuts: list[int] = []
    for s in sentences:
        if s.end - s.start > MAX_SENTENCE:
            cuts += positions(text, s.start, s.end, names)
    report.body = with_marks(report.body, cuts)


def positions(text: str, start: int, end: int, names: Names) -> list[int]:
    """Where text[start:end] is cut: no piece with its 。 longer than MAX_SENTENCE (spaces at a cut dropped)."""
    out = []
    while end - start > MAX_SENTENCE:
        at = _break(text, start, names)
        out.append(at)
        start = at
        while start < end and text[start] in SPACES:
            start += 1
    return out


def with_marks(view: MappedText, cuts: list[int]) -> MappedText:
    """`view` with a 。 before each position in `cuts`, mapped to no original character."""
    out, at = MappedText(), 0
    for c in cuts:
        out.extend(view.slice(at, c))
        out.append(MARK, view.starts[c], view.starts[c])
        at = c
    out.extend(view.slice(at, len(view)))
    return out


def _break(text: str, start: int, names: Names) -> int:
    """The cut in (high - SPAN, high], high = start + MAX_SENTENCE - 1: text[start:cut] and its 。 fit in the cap."""
    high = start + MAX_SENTENCE - 1
    low = high - SPAN
    base = max(start, low - EDGE)
    blocked = _blocked(text, base, min(len(text), high + EDGE), names)
    for marks in BREAKS:
        for at in range(high, low, -1):
            if text[at - 1] in marks and not blocked[at - 1 - base] and not blocked[at - base]:
                return at - 1 if marks is SPACES else at
    for at in range(high, low, -1):
        if not blocked[at - base]:
            return at
    return high


def _blocked(text: str, base: int, end: int, names: Names) -> bytearray:
    """1 at every position of text[base:end] strictly inside a name or a figure: a cut there would split it."""
    blocked = bytearray(end - base + 1)
    spans = [(m.start, m.end) for m in names(text[base:end]) if m.start >= 0]
    spans += [(f.start() - base, f.end() - base) for f in FIGURE.finditer(text, base, end)]
    for a, b in spans:
        if b - a > 1:
            blocked[a + 1:b] = b"\x01" * (b - a - 1)
    return blocked
