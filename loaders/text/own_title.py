"""The page's own title: the Document, and also a Policy when it names one (session 8).

Why: the report itself is a document a planner asks about (北京市昌平区政府工作报告, the
办法 a consultation notice is about), and the guideline annotates it. So a Policy mention
that the header title contains is kept when its name ends like a policy or a report
(book_titles.policy_ends, 报告). It is dropped, as before, when it is the notice itself
(…的通知, …公告: the wrapper is the Document, not a policy), a headline (a comma or a bar
inside), or a fragment opening with a figure (2021年度工作报告: the name lost its issuer).
Names nested in the title (a congress session, a body) are never dropped here.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from graph.text import normalize
from loaders.text import policy_periods, report_titles
from loaders.text.entities import Mention
from loaders.text.reading import Report
from loaders.text.rules import Rules

WRAPPERS = ("通知", "公告", "通告", "函", "批复")  #: the notice that carries a policy is not that policy
HEADLINE = re.compile(r"[,，|｜:：!！?？]")
HEAD = 400  #: a policy at a line start within the page's first characters is its own title
QUOTES = re.compile(r"[《》〈〉“”\"]")
PERIOD_END = re.compile(policy_periods.PERIOD.pattern + "$")
TRAILER = re.compile(r"(?:[(（][^()（）]{1,8}[)）])+$")  #: (试行), (征求意见稿) after a policy's name


def _policy_ends(rules: Rules) -> tuple[str, ...]:
    """Policy endings, 报告, and the report kinds the title-line reader reads (report_titles.yaml: a title read as
    杭州市科学技术局2019年工作总结和2020年工作思路 was read, then dropped here for its 工作思路; session 16)."""
    return tuple(e for e in (*rules.policy_ends, "报告", *report_titles.kinds()) if e not in WRAPPERS)


def kept_policy(m: Mention, rules: Rules) -> bool:
    """Whether a Policy mention inside the page's own title is also emitted as a Policy."""
    if m.type != "Policy":
        return False
    name = TRAILER.sub("", QUOTES.sub("", normalize(m.name)))
    name = PERIOD_END.sub("", name)  # …规划(2020年-2035年): its period (policy_periods, session 14)
    if HEADLINE.search(name) or name[:1].isdigit():
        return False
    return name.endswith(_policy_ends(rules))


def dropped(m: Mention, report: Report, rules: Rules) -> bool:
    """The report's own title (关于印发《X2023年工作总结》的通知) is the Document, not an entity in it,
    unless it names a policy (`kept_policy`)."""
    if m.type not in ("Policy", "Program", "Document") or len(m.name) < 8:
        return False
    if m.type == "Program" and m.how == "lexicon":  # a programme known by name inside a headline title (…为全国
        return False  # 科技创新中心建设作出新贡献) is no wrapper: it stays an entity (session 16, s16-dev12; dev10)
    title = normalize(report.meta.get("title", ""))
    if not title or not (normalize(m.name) in title or normalize(m.surface) in title):
        return False
    return not kept_policy(m, rules)


OWN_NESTED = {"Institution", "Zone", "Event"}  #: names nested in the own title that are entities of their own


def mark_nested(mentions: list[Mention], report: Report, rules: Rules) -> None:
    """Names nested in a policy name that the guideline annotates (rule (b) and the own title).

    - a body opening a policy name (北京市政府 in 北京市政府工作报告): rule (b), in any sentence;
    - a body, zone or congress session inside the page's own title, when that title names a
      policy (大兴区六届人大五次会议 in 大兴区六届人大五次会议政府工作报告): the title is read
      like a 《》 title. The own title is the header's, or a policy standing at the start of a
      line of the page's head (a pasted excerpt has no header).
    A place that only opens the name (大兴区 in 大兴区政府工作报告) stays a prefix.
    """
    title = normalize(report.meta.get("title", ""))
    text = report.body.text
    policies = [m for m in mentions if m.type == "Policy" and not m.nested and kept_policy(m, rules)]
    nested = sorted((m for m in mentions if m.nested), key=lambda m: m.start)  # by start: a policy reads only
    starts = [m.start for m in nested]  # the names inside it (linear time, session 15; was policies x mentions)
    for p in policies:
        own = bool(title) and normalize(p.name) in title or \
            p.start < HEAD and (p.start == 0 or text[p.start - 1] == "\n")
        for m in nested[bisect_left(starts, p.start):bisect_left(starts, p.end)]:
            if m.end > p.end or m is p or m.end == p.end:
                continue
            if m.type == "Institution" and m.start == p.start or own and m.type in OWN_NESTED:
                m.titled = True

