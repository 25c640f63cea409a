"""The questions the product itself offers (home page box, API docs, CLI help) and the
planner's headline question for each zone are answered, with evidence: never a bare
"nothing found" (issue 15, item 3)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from graph.ask import answer
from graph.ask.words import EXAMPLES

ROOT = Path(__file__).resolve().parents[2]
OFFERED = sorted({
    *EXAMPLES.values(),
    *re.findall(r'placeholder[^=]*="(?:提问：|Ask: )([^"]+)"', (ROOT / "viz/assets/ask_box.html.j2").read_text("utf-8")),
    *re.findall(r'"([^"]*[？?])"', re.search(r"examples=\[([^\]]*)\]",
                                           (ROOT / "api/routes/ask.py").read_text("utf-8")).group(1)),
})
ZONES = ["怀柔科学城", "中关村科学城", "未来科学城", "北京经济技术开发区"]


def test_the_offered_questions_were_found():
    assert len(OFFERED) >= 3, OFFERED


@pytest.mark.parametrize("question", OFFERED)
def test_an_offered_question_is_answered_with_evidence(bundled, question):
    got = answer(bundled, question)
    assert got.status == "answered" and got.items, got.summary
    assert got.evidence and all(q.quote for q in got.evidence)


@pytest.mark.parametrize("zone", ZONES)
@pytest.mark.parametrize("template", ["哪些计划支持{}？", "Which programs support {}?"])
def test_every_zone_has_supporting_programs_with_evidence(bundled, zone, template):
    got = answer(bundled, template.format(zone))
    assert got.status == "answered" and {i.node.type for i in got.items} == {"Program"}, got.summary
    quoted = {(q.source, q.relation, q.target) for q in got.evidence}
    assert all(e.key in quoted for i in got.items for e in i.edges)
