"""A title cited inside a notice's title, in 〈〉 or <>, is the document named (session 15, s15-cities2).

Why: 《X办公厅关于印发〈Y方案〉的通知》 cites Y inside the notice that carries it. The nested-title rule writes the
inner title in 〈〉 (some sites type < > or ＜＞); the reader only knows 《》 and read the whole notice as the
Policy, Y as a second one with the mark glued to its start (<Y), and a body after a stray < as <某局. With 《》
inside 《》 the notice is already not read and Y is: this makes the other marks behave the same. The marks and the
carrier words (印发, 转发 …) are in inner_titles.yaml.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from pathlib import Path

import yaml

HERE = Path(__file__).parent


@lru_cache(maxsize=1)
def _config() -> tuple[tuple[tuple[str, str], ...], tuple[str, ...], int]:
    data = yaml.safe_load((HERE / "inner_titles.yaml").read_text(encoding="utf-8"))
    return tuple(tuple(pair) for pair in data["marks"]), tuple(data["carriers"]), int(data["min_inner"])


def _inner(surface: str) -> tuple[int, int] | None:
    """(start, end) of a title cited in `surface` between inner marks, after a carrier word; None if none."""
    marks, carriers, shortest = _config()
    for left, right in marks:
        i = surface.find(left)
        j = surface.find(right, i + 1) if i > 0 else -1
        if j - i - 1 >= shortest and any(word in surface[:i] for word in carriers):
            return i + 1, j
    return None


def without_inner_marks(text: str, mentions: list) -> list:
    """`mentions` with a notice citing an inner title replaced by that title, and a leading inner mark cut."""
    marks, _, _ = _config()
    openers = tuple(left for left, _ in marks)
    out, spans = [], {(m.start, m.end, m.type) for m in mentions}
    for m in mentions:
        surface = text[m.start:m.end] if 0 <= m.start < m.end <= len(text) else ""
        inner = _inner(surface) if m.type == "Policy" else None
        if inner:
            start, end = m.start + inner[0], m.start + inner[1]
            if (start, end, "Policy") not in spans and (start - 1, end, "Policy") not in spans:
                name = text[start:end]
                out.append(replace(m, start=start, end=end, name=name, surface=name, nested=False))
                spans.add((start, end, "Policy"))
            continue  # the notice itself is the carrier, not the document
        if surface[:1] in openers and len(surface) > 3:
            if (m.start + 1, m.end, m.type) in spans:
                continue
            name = m.name[1:] if m.name[:1] in openers else m.name
            out.append(replace(m, start=m.start + 1, name=name, surface=surface[1:]))
            spans.add((m.start + 1, m.end, m.type))
            continue
        out.append(m)
    return out
