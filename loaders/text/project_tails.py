"""A named work followed by 项目 is that project: 未来科学城机器人产业园项目, 生命谷(国际)生物工程创新中心项目.

Why: reports on construction name a project by what it builds plus 项目 (and its phase, 一期); the
suffix grammar found the park or the centre (未来科学城机器人产业园, a Zone) and stopped before 项目,
so the project was missed and the park read in its place. A name of the suffix grammar (a Zone or a
Project: a name, not a kind) directly followed by 项目 now spans it as a Project, and keeps the name
without 项目 as an alias, since reports and annotators use both (华为(重庆)科技创新中心(项目)).
A known zone's name before 项目 (未来科学城项目: the zone's projects) is no project's name: only
names the grammar built are extended. A phase right after a zone (未来科学城一期, 数码港第五期) is a Project
too (the guideline: a phase of a construction is a Project); after a work (环球影城主题公园|一期) the
work stays the name.
"""

from __future__ import annotations

import re
from dataclasses import replace

from loaders.text import counted_kinds
from loaders.text.entities import Mention

TAIL = re.compile(r"项目(?:[一二三四五六]期)?(?!管理|申报|库|经理|资金|单位|名单|清单|储备)")
PHASE = re.compile(r"第?[一二三四五六七八九十]{1,2}期(?!工程|项目|[一二三四五六七八九十])")
TYPES = ("Zone", "Project")
CONF = 0.6


def extended(text: str, mentions: list[Mention]) -> list[Mention]:
    """`mentions` with each suffix-built Zone or Project that 项目 follows, and each Zone or Project that a
    phase follows (未来科学城|一期: the guideline's phase of a construction), widened over it."""
    out = []
    for m in mentions:
        tail = None
        if m.type in TYPES and not m.nested:
            tail = (PHASE.match(text, m.end) if m.type == "Zone" else None) or \
                (TAIL.match(text, m.end) if m.how == "suffix" else None)
        if tail is None:
            out.append(m)
            continue
        if counted_kinds.counted(text, m.start, tail.end(), after=tail.re is TAIL):
            if tail.re is PHASE:
                out.append(m)
            continue  # 科教设施平台|项目5个: a kind of work counted (counted_kinds.py), no name at all
        name = text[m.start:tail.end()]
        phase = tail.re is PHASE  # a phase is a part of the zone, not another name of it: no alias
        out.append(replace(m, end=tail.end(), name=name, surface=name, type="Project", kind="project", how="suffix",
                           node_id=None, name_en="", conf=min(m.conf, CONF),
                           aliases=[] if phase else sorted({*m.aliases, m.name})))
    return out
