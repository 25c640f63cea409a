"""Names inside the report's own title stay entities when the title itself is dropped.

Why: `extract._own_title` drops a Policy that is the report's own title (大兴区六届人大五次会议
政府工作报告 is the Document, not an entity in it). The names inside that title were kept as
nested mentions of it, and a nested mention is an entity only inside a 《》 title or when a
relation uses it, so dropping the title lost them too: the congress session it was given at
(大兴区六届人大五次会议), the body that issued it (北京经济技术开发区管委会|2021年度工作报告). The
corpus guideline annotates names nested in a title. Here the outermost mentions inside a dropped
own title become top-level again, except a place that only opens the title (北京市|…规划: a place
prefixing a name is no mention of it) and a field (a field inside a name is no mention of it).
"""

from __future__ import annotations

PREFIX_ONLY = frozenset({"Region", "District", "Field"})


def released(kept: list, dropped: list) -> None:
    """Un-nest the outermost mentions of `kept` that lie inside a dropped own title."""
    for title in dropped:
        inside = [m for m in kept if m.nested and title.start <= m.start and m.end <= title.end
                  and (m.start, m.end) != (title.start, title.end) and m.type != "Metric"]
        for m in inside:
            if m.type in PREFIX_ONLY or m.weak:
                continue
            if any(o is not m and o.start <= m.start and m.end <= o.end and (o.start, o.end) != (m.start, m.end)
                   for o in inside):
                continue  # inside another name of the title: stays nested in it
            m.nested = False
