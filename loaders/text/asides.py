"""Names a sentence mentions aside — who directs, oversees, is thanked or is quoted — are not its actors
(issue 18, session 16).

Why: the relation rules take the actors named before a verb as its subject, and the names of a
clause with no verb as what the next clause's fields are about. Out of sample that read
"市科技局在市委、市政府的坚强领导和市人大的监督指导下，…大力推进以大数据智能化为引领的…" as 市委, 市政府 and
市人大 FOCUSES_ON 大数据 (0.52, loaded by default), "按照市政府的统一部署，…成立X" as 市政府 SUPPORTS X, and a
body quoted as the source of a figure (据X统计, X发布的数据显示) or thanked (感谢X) as the subject of what
follows. Such a body is named because it leads, directs, counts or helped — not because it does what
the sentence says. The leadership itself is still read (relations.py `_leadership`: publisher LED_BY
市委); here only the spans are found, so that those names are neither subjects, nor objects, nor the
names a later clause's fields are about.
"""

from __future__ import annotations

import re

_CLAUSE = r"[^，,。；;：:！!？?\n]"

#: (pattern, group holding the names aside); every span lies within one clause
PATTERNS = [
    # 在市委、市政府的坚强领导和市人大的监督指导下, 在X的关心支持下
    (re.compile(rf"在({_CLAUSE}{{1,40}})的{_CLAUSE}{{0,8}}?(?:领导|指导|监督|关心|(?:支持|帮助|推动)下)"), 1),
    # 按照市政府的统一部署, 根据X要求, 落实X的决策部署
    (re.compile(rf"(?:按照|根据|依据|遵照|依照|落实)({_CLAUSE}{{1,30}})(?:的{_CLAUSE}{{0,6}}?)?"
                r"(?:部署|要求|安排|精神|指示|批示|决策|意见|规定)"), 1),
    # 据X统计, 据X数据显示
    (re.compile(rf"据({_CLAUSE}{{1,30}})(?:的)?(?:统计|显示|测算|调查|监测|报道|消息|数据|发布|公布|披露)"), 1),
    # X发布的数据显示, X公布的报告表明
    (re.compile(rf"({_CLAUSE}{{1,30}})(?:发布|公布|提供|披露)的{_CLAUSE}{{0,8}}?(?:显示|表明|指出)"), 1),
    # 感谢X, 数据来源：X
    (re.compile(rf"(?:感谢|致谢|鸣谢)({_CLAUSE}{{1,40}})"), 1),
    (re.compile(r"(?:数据)?来源[:：]\s*([^，,。；;\n]{1,40})"), 1),
]


def aside_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The [start, end) spans of text[start:end] whose names are mentioned aside, in text offsets."""
    spans = []
    for pattern, group in PATTERNS:
        for m in pattern.finditer(text, start, end):
            spans.append((m.start(group), m.end(group)))
    return sorted(spans)


def inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(a <= start and end <= b for a, b in spans)
