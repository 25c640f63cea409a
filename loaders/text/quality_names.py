"""A project "named" only by qualities is a kind of work, not a project (session 14, s14-extent).

A suffix rule reads a Project from its ending (…科技攻关, …工程); what stands before the ending is
what makes it one project: a place, a body, a field, a subject (北京市脑科学研究科技攻关). Words of
quality ending in 性 (原创性, 引领性, 战略性, 前瞻性) say how the work is done, not which work it is:
加强原创性引领性科技攻关 is a kind of research effort. Reading the contents of a plan (contents.py)
brought such headings in (dev9). A suffixed Project whose words before its ending are only such
quality words is dropped; one word of another kind before the ending keeps it.
"""

from __future__ import annotations

import re

#: quality words: two or three characters ending in 性, one after another (原创性引领性)
QUALITIES = re.compile(r"(?:[\u4e00-\u9fff]{1,2}性)+")


def without_quality_names(text: str, mentions: list, ends: tuple[str, ...]) -> list:
    """`mentions` without suffixed Projects whose part before a known ending is only quality words."""
    return [m for m in mentions if not _only_qualities(text[m.start:m.end], m, ends)]


def _only_qualities(surface: str, m, ends: tuple[str, ...]) -> bool:
    if m.type != "Project" or m.how != "suffix":
        return False
    end = next((e for e in sorted(ends, key=len, reverse=True) if surface.endswith(e)), "")
    head = surface[:len(surface) - len(end)] if end else ""
    return bool(end) and bool(head) and bool(QUALITIES.fullmatch(head))
