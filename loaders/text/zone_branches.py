"""A body's branch in a zone, and a zone's part, are names of their own (issue 18, session 14).

Why: a body opens a branch in a science city and names it after both: 北京市知识产权保护中心怀柔科学城分中心,
中国技术交易所怀柔科学城科技成果转化服务中心 (dev8). The suffix rules end a name at the zone (…科学城 is a Zone
ending), so the branch was read as a zone that opens with a body (FP) and its body was lost; 分中心 after it ended
nothing. A zone's part is the same shape: 中关村科学城北区 (dev8), 河套深港科技创新合作区深圳园区 (dev): the zone
was read and its part dropped. The rule reads the shape instead of the names: a zone found in the text, right after
a body's name (its ending: 中心, 交易所, 研究院 …) and right before a branch ending (分中心, 分院, …服务中心), is
one branch, typed as its body (a national centre, a Project, has a Project for its branch), and the body opening
it is a name of its own (guideline rule (b)); a zone followed by a part (北区, X园区) is that part, a Zone.
"""

from __future__ import annotations

import re

from graph.text import to_simplified
from loaders.text.entities import Mention

#: what a branch's name ends with after the zone (a few words of what it does may come first)
BRANCH = re.compile(r"[\u4e00-\u9fff]{0,10}?(?:分中心|分院|分所|分部|分公司|分校|服务中心|服务站|工作站)")
#: a body's name ending right before the zone
ENDINGS = r"(?:中心|交易所|研究院|研究所|实验室|大学|学院|集团|公司|委员会|协会|联盟)"
BODY_END = re.compile(ENDINGS + "$")
BODY_INSIDE = re.compile(ENDINGS)
#: a part of a zone written after it: a side (北区) or a park named by a place (深圳园区)
PART = re.compile(r"[东西南北中]区(?![域别])|[\u4e00-\u9fff]{2}园区")
CONF = 0.6


def with_branches(text: str, mentions: list[Mention]) -> list[Mention]:
    """`mentions` with the branches and parts of zones the text names (longer names win; their bodies kept)."""
    zones = [m for m in mentions if m.type == "Zone" and m.start >= 0]
    if not zones:
        return mentions
    by_end: dict[int, list[Mention]] = {}
    for m in mentions:
        if m.start >= 0:
            by_end.setdefault(m.end, []).append(m)
    added: list[Mention] = []
    done: set[tuple[int, int]] = set()
    for zone in zones:
        branch = BRANCH.match(text, zone.end)
        body = _body_before(text, zone, by_end) if branch else None
        if body is not None and (body[0], branch.end()) not in done:
            done.add((body[0], branch.end()))
            added += _branch(text, body, zone, branch.end(), by_end)
        elif part := PART.match(text, zone.end):
            name = text[zone.start:part.end()]
            added.append(Mention(zone.start, part.end(), to_simplified(name), "Zone", CONF, "pattern", name))
    return _nest(mentions, added) if added else mentions


def _nest(mentions: list[Mention], added: list[Mention]) -> list[Mention]:
    """The mentions with the new longer names added and what lies inside them nested (nothing else moves:
    the nesting other rules settled stays as it is)."""
    longer = [m for m in added if not m.nested]
    for m in mentions:
        if any(m.inside(b) for b in longer):
            m.nested = True
    return mentions + added


def _body_before(text: str, zone: Mention, by_end: dict) -> tuple[int, int, str, Mention | None] | None:
    """(start, end, type, mention) of the body whose name opens the branch: a name found right before the zone,
    or the front of a zone guess that ran over body and zone (北京市知识产权保护中心|怀柔科学城, read as one Zone)."""
    for m in by_end.get(zone.start, ()):
        if m.type in ("Institution", "Project") and BODY_END.search(text, m.start, m.end):
            return m.start, m.end, m.type, m
    inner = None
    for inner in BODY_INSIDE.finditer(text, zone.start, zone.end - 2):
        pass
    if inner is not None and inner.end() - zone.start >= 4:
        return zone.start, inner.end(), "Institution", None
    return None


def _branch(text: str, body: tuple, zone: Mention, end: int, by_end: dict) -> list[Mention]:
    start, body_end, type_, found = body
    name = text[start:end]
    out = [Mention(start, end, to_simplified(name), "Project" if type_ == "Project" else "Institution", CONF,
                   "pattern", name)]
    if found is not None:
        found.titled = True  # nested in the branch, an entity of its own (rule b)
    else:
        written = text[start:body_end]
        out.append(Mention(start, body_end, to_simplified(written), "Institution", CONF, "opening", written,
                           nested=True, titled=True))
    return out
