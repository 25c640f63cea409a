"""Turn a quoted fragment into evidence: the whole sentence around it, with offsets.

Curators quote a distinctive fragment; the evidence is the sentence that
contains it (split at 。！？ and line ends), so every edge shows the full claim
it rests on and its exact place in the text.
"""

from __future__ import annotations

from graph.model import Evidence

SENTENCE_ENDS = "。！？!?\n"


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The [start, end) of the sentence(s) covering text[start:end]."""
    left = start
    while left > 0 and text[left - 1] not in SENTENCE_ENDS:
        left -= 1
    right = end
    if not (right > start and text[right - 1] in SENTENCE_ENDS):
        while right < len(text) and text[right] not in SENTENCE_ENDS:
            right += 1
        if right < len(text) and text[right] != "\n":
            right += 1
    while left < right and text[left].isspace():
        left += 1
    while right > left and text[right - 1].isspace():
        right -= 1
    return left, right


def locate(text: str, doc: str, fragment: str, occurrence: int | None = None) -> Evidence:
    """Evidence for `fragment` in `text`; a ValueError says why it cannot be placed."""
    if not fragment:
        raise ValueError("empty quote")
    hits = []
    at = text.find(fragment)
    while at != -1:
        hits.append(at)
        at = text.find(fragment, at + 1)
    if not hits:
        raise ValueError(f"quote not found verbatim in {doc}: {fragment[:40]!r}")
    if occurrence is None and len(hits) > 1:
        raise ValueError(f"quote occurs {len(hits)} times in {doc}; quote more of the sentence "
                         f"or give 'occurrence': {fragment[:40]!r}")
    index = (occurrence or 1) - 1
    if not 0 <= index < len(hits):
        raise ValueError(f"occurrence {occurrence} asked, but the quote occurs {len(hits)} time(s)")
    start, end = sentence_bounds(text, hits[index], hits[index] + len(fragment))
    return Evidence(doc=doc, quote=text[start:end], start=start, end=end)
