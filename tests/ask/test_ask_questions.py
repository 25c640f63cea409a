"""The evaluation set (data/questions/questions.yaml), one test per question, on the bundled graph."""

from __future__ import annotations

import pytest

from graph.ask import answer
from graph.ask.evaluate import judge, load_cases

CASES = load_cases()


def test_the_set_is_large_and_half_chinese_half_english():
    zh = sum(c.language == "zh" for c in CASES)
    assert len(CASES) >= 80
    assert abs(zh - (len(CASES) - zh)) <= len(CASES) // 10


def test_every_query_and_both_languages_are_covered():
    from graph.ask.forms import grammar

    queries = {f.query for f in grammar().forms.values()}
    for lang in ("zh", "en"):
        asked = {c.expect["query"] for c in CASES if c.language == lang}
        assert queries - asked == set(), f"{lang}: no question for {sorted(queries - asked)}"


@pytest.mark.parametrize("case", CASES, ids=[c.question for c in CASES])
def test_question(bundled, case):
    got = answer(bundled, case.question)
    verdict = judge(case, got)
    assert verdict.ok, (f"{case.question!r} read as {got.query} {got.params} ({got.interpretation}): "
                        + "; ".join(verdict.interpretation + verdict.answer))
