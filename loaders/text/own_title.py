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

from graph.text import normalize
from loaders.text.entities import Mention
from loaders.text.reading import Report
from loaders.text.rules import Rules

WRAPPERS = ("通知", "公告", "通告", "函", "批复")  #: the notice that carries a policy is not that policy
HEADLINE = re.compile(r"[,，|｜:：!！?？]")
QUOTES = re.compile(r"[《》〈〉“”\"]")
TRAILER = re.compile(r"(?:[(（][^()（）]{1,8}[)）])+$")  #: (试行), (征求意见稿) after a policy's name


def _policy_ends(rules: Rules) -> tuple[str, ...]:
    return tuple(e for e in (*rules.policy_ends, "报告") if e not in WRAPPERS)


def kept_policy(m: Mention, rules: Rules) -> bool:
    """Whether a Policy mention inside the page's own title is also emitted as a Policy."""
    if m.type != "Policy":
        return False
    name = TRAILER.sub("", QUOTES.sub("", normalize(m.name)))
    if HEADLINE.search(name) or name[:1].isdigit():
        return False
    return name.endswith(_policy_ends(rules))


def dropped(m: Mention, report: Report, rules: Rules) -> bool:
    """The report's own title (关于印发《X2023年工作总结》的通知) is the Document, not an entity in it,
    unless it names a policy (`kept_policy`)."""
    if m.type not in ("Policy", "Program", "Document") or len(m.name) < 8:
        return False
    title = normalize(report.meta.get("title", ""))
    if not title or not (normalize(m.name) in title or normalize(m.surface) in title):
        return False
    return not kept_policy(m, rules)
