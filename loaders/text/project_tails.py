"""A named work followed by 项目 is that project: 未来科学城机器人产业园项目, 生命谷(国际)生物工程创新中心项目.

Why: reports on construction name a project by what it builds plus 项目 (and its phase, 一期); the
suffix grammar found the park or the centre (未来科学城机器人产业园, a Zone) and stopped before 项目,
so the project was missed and the park read in its place. A name of the suffix grammar (a Zone or a
Project: a name, not a kind) directly followed by 项目 now spans it as a Project, and keeps the name
without 项目 as an alias, since reports and annotators use both (华为(重庆)科技创新中心(项目)).
A known zone's name before 项目 (未来科学城项目: the zone's projects) is no project's name: only
names the grammar built are extended.
"""

from __future__ import annotations

import re
from dataclasses import replace

from loaders.text.entities import Mention

TAIL = re.compile(r"项目(?:[一二三四五六]期)?(?!管理|申报|库|经理|资金|单位|名单|清单|储备)")
TYPES = ("Zone", "Project")
CONF = 0.6


def extended(text: str, mentions: list[Mention]) -> list[Mention]:
    """`mentions` with each suffix-built Zone or Project that 项目 follows widened over it."""
    out = []
    for m in mentions:
        tail = TAIL.match(text, m.end) if m.how == "suffix" and m.type in TYPES and not m.nested else None
        if tail is None:
            out.append(m)
            continue
        name = text[m.start:tail.end()]
        out.append(replace(m, end=tail.end(), name=name, surface=name, type="Project", kind="project",
                           conf=min(m.conf, CONF), aliases=sorted({*m.aliases, m.name})))
    return out
