"""The part of an evidence sentence that matters: between and around the two names, marked.

An edge's evidence is a whole sentence of the report, often 150-300 characters, and the
names it ties are rarely at its head: "持续增加对“三城一区”的支持力度…突破怀柔科学城,…推进北京纳米
能源与系统研究所整建制搬迁入驻…". A table cell cut at its first 60 characters showed the
commission's preamble and never the institute. `window` finds the two ends' names (any
name or alias) in the sentence, marks them 【like this】 and shows the span from the first
to the last with some context either side, "…" where text is left out.

`Quotes` does this for one answer: a sentence already shown in an earlier row is not
repeated but referred to ("= row 1, same sentence"), since one sentence of the report
often carries several edges.
"""

from __future__ import annotations

from collections.abc import Iterable

from graph.model import Edge, Node

OPEN, CLOSE = "【", "】"
ELLIPSIS = "…"


def window(sentence: str, names: Iterable[str], width: int = 80) -> str:
    """`sentence` cut to about `width` characters around the `names` it contains, each marked."""
    spans = _find(sentence, names)
    if not spans:
        return sentence if len(sentence) <= width else sentence[: width - 1] + ELLIPSIS
    lo, hi = spans[0][0], spans[-1][1]
    if hi - lo > width:  # far apart: each end with a little context, the middle left out
        margin = max((width - (spans[0][1] - lo) - (hi - spans[-1][0])) // 4, 4)
        head = _cut(sentence, spans[:1], lo - margin, spans[0][1] + margin)
        tail = _cut(sentence, spans[-1:], spans[-1][0] - margin, hi + margin)
        return head.rstrip(ELLIPSIS) + " " + ELLIPSIS + " " + tail.lstrip(ELLIPSIS)
    room = width - (hi - lo)
    before = min(room // 2, lo)
    after = room - before
    return _cut(sentence, spans, lo - before - max(0, hi + after - len(sentence)), hi + after)


def edge_window(edge: Edge, nodes: dict[str, Node], width: int = 80) -> str:
    """The first evidence sentence of `edge`, windowed on the names of its two ends."""
    if not edge.evidence:
        return ""
    names = [n for end in (edge.source, edge.target) if end in nodes for n in nodes[end].names]
    return window(edge.evidence[0].quote, names, width)


class Quotes:
    """Evidence cells for one answer: each sentence in full window once, then referred to."""

    def __init__(self, nodes: dict[str, Node] | None = None, width: int = 80):
        self.nodes = dict(nodes or {})
        self.width = width
        self.seen: dict[tuple, int] = {}

    def add_nodes(self, nodes: Iterable[Node | None]) -> None:
        self.nodes.update({n.id: n for n in nodes if n is not None})

    def cell(self, edge: Edge, row: int) -> str:
        """The evidence of `edge` shown in row `row` (numbered from 1)."""
        if not edge.evidence:
            return ""
        key = edge.evidence[0].key
        if key in self.seen and self.seen[key] != row:
            return f"= row {self.seen[key]}, same sentence"
        self.seen.setdefault(key, row)
        return edge_window(edge, self.nodes, self.width)


def _find(sentence: str, names: Iterable[str]) -> list[tuple[int, int]]:
    """Non-overlapping spans of the names in the sentence, longest names first, in text order."""
    spans: list[tuple[int, int]] = []
    for name in sorted({n for n in names if len(n) >= 2}, key=lambda n: (-len(n), n)):
        start = sentence.find(name)
        while start >= 0:
            end = start + len(name)
            if not any(s < end and start < e for s, e in spans):
                spans.append((start, end))
            start = sentence.find(name, end)
    return sorted(spans)


def _cut(sentence: str, spans: list[tuple[int, int]], lo: int, hi: int) -> str:
    lo, hi = max(lo, 0), min(hi, len(sentence))
    out, at = [], lo
    for s, e in spans:
        if s < lo or e > hi:
            continue
        out += [sentence[at:s], OPEN, sentence[s:e], CLOSE]
        at = e
    out.append(sentence[at:hi])
    return (ELLIPSIS if lo > 0 else "") + "".join(out) + (ELLIPSIS if hi < len(sentence) else "")
