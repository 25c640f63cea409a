"""<Actor>聚焦/重点发展/布局 A和B: the actor FOCUSES_ON each field of the run (issue 18, session 16).

Why: the clause rule (relations.py `_focus`) relates a clause's fields to the clause's objects, else
the sentence's topic zone, else the previous clause's names — never to the subject named right
before the verb. So "中关村科学城聚焦人工智能和集成电路" gave no relation at all, the plainest way a
report says what a zone works on. Here the run of fields must start right after the verb and be
joined only by 、/和/及/与/以及, and the subject must be named right before the verb (at most a
short adverb between): anything looser stays with the clause rule.
"""

from __future__ import annotations

import re

#: verbs that say an actor concentrates on what follows
FOCUS_VERBS = ("重点发展", "着力发展", "大力发展", "重点布局", "聚焦", "布局", "主攻", "聚力", "深耕", "专注于", "专注")
_BETWEEN = re.compile(r"(?:将|要|还|也|主要|重点|着力|全力|持续|继续|进一步|积极)?$")  # subject … verb
JOINS = ("、", "和", "及", "与", "以及", "、以及")


def focus_run(text: str, fields: list, cs: int, ce: int) -> tuple[int, list]:
    """(where the verb starts, the fields right after it) for the first focus verb of text[cs:ce] that a
    field follows; (-1, []) when none does. `fields` are the clause's Field mentions, in order."""
    starts = {f.start: f for f in fields}
    for verb in FOCUS_VERBS:
        at = text.find(verb, cs, ce)
        while at != -1:
            first = starts.get(at + len(verb))
            if first is not None:
                return at, _run(text, first, fields)
            at = text.find(verb, at + 1, ce)
    return -1, []


def _run(text: str, first, fields: list) -> list:
    run = [first]
    for f in fields:
        if f.start > run[-1].start and text[run[-1].end:f.start] in JOINS:
            run.append(f)
    return run


def subjects_before(text: str, names: list, at: int) -> list:
    """The actors named right before position `at` (A、B聚焦…), the nearest last; [] when none is."""
    out: list = []
    end = at
    for m in reversed(names):
        gap = text[m.end:end]
        if not out and not _BETWEEN.fullmatch(gap) or out and gap not in ("、", "和", "及", "与"):
            break
        out.insert(0, m)
        end = m.start
    return out
