"""A document named by its title is a Policy: 《…报告》 and 关于…的决议 / 批复 / 报告 / 意见 in prose (issue 18,
session 18, s18-dev17).

Why: the corpus guideline types work reports, opinions and the like as Policies (data/eval/extract/README.md:
"laws, regulations, plans, opinions, measures, agreements, work reports"), and blind Beijing splits kept losing
documents named by their titles the same two ways, whatever the body or subject:

- a title in 《》 ending in 报告 was typed a Document (entities.py `_title_type`: 报告 is a document word), which
  no scorer counts: 《关于海淀区2024年…计划的报告》 issued by a circular, 《2011年全国专利实力状况报告》 (dev17);
  its leading year is no part of its name (the guideline's rule for names), while the written title stays an alias;
  a bare 《报告》 (the short name a text gives a report it named) stays as it was;
- a title written in prose without 《》 was not read at all: 关于建设中关村科技园区有关问题的批复 (a reply
  implemented), 关于…工作报告的决议 (a resolution passed), 关于2024年工作总结和2025年重点任务的报告 (a report
  given) in dev17, 关于首都科技创新体系建设情况的报告 and 关于…建议 in dev16, 关于…情况的报告 in dev9 and dev12.

The mechanism is what ENDS such a title: 关于 opens it, the clause runs without a sentence mark, and 的 + a
document word closes it (titled_documents.yaml). The body or verb before 关于 is not part of the name (dev16's
gold). A notice (…的通知) and a title whose document word is followed by 的通知 / 的公告 are no policy (the
guideline: the notice is not the policy it carries), and nothing inside 《》 is read twice.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from graph.text import to_simplified
from loaders.text.entities import Mention

SPEC = Path(__file__).with_name("titled_documents.yaml")
CONF = 0.6
BOOK = re.compile(r"《[^《》]*》")
LEADING_YEAR = re.compile(r"^(?:19|20)\d\d年(?:度)?")


@lru_cache(maxsize=1)
def _spec() -> dict:
    return yaml.safe_load(SPEC.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _prose_title() -> re.Pattern:
    spec = _spec()
    words = "|".join(sorted(spec["prose_ends"], key=len, reverse=True))
    return re.compile(r"关于[^。；;：:，,!?！？“”《》()（）\n]{2,%d}?的(?:%s)" % (spec["max_length"], words))


def with_titled_documents(text: str, mentions: list[Mention]) -> list[Mention]:
    """`mentions` with reports in 《》 typed Policy (their leading year dropped) and titles in prose added."""
    spec = _spec()
    for m in mentions:
        if m.how == "book" and m.type == "Document" and m.name.endswith(tuple(spec["book_ends"])) \
                and len(m.name) >= spec["min_book_length"]:
            _as_policy(m)
    books = [b.span() for b in BOOK.finditer(text)]
    added = []
    for t in _prose_title().finditer(text):
        start, end = t.span()
        if any(a <= start < b for a, b in books) or text.startswith(tuple(spec["notice_after"]), end):
            continue
        if text[start + 2:start + 4] in spec["issuing_verbs"]:
            continue  # 关于印发…: a notice's title, never the policy
        if any(m.start <= start and end <= m.end and m.type == "Policy" for m in mentions):
            continue
        written = text[start:end]
        added.append(Mention(start, end, to_simplified(written), "Policy", CONF, "pattern", written))
    return mentions + added if added else mentions


def _as_policy(m: Mention) -> None:
    """A report in 《》: a Policy; a leading year is not part of its name (the title as written an alias)."""
    m.type, m.conf = "Policy", max(m.conf, 0.5)
    bare = LEADING_YEAR.sub("", m.name)
    if bare != m.name and len(bare) >= 4:
        m.aliases = [*m.aliases, m.name]
        m.name = bare
