"""The outcome set (data/questions/report.yaml): planner questions written from the report,
each answered right, declined, or wrong. The floor the issue sets: accuracy >= 90 % and at
most 2 % wrong, overall; and no category may hide behind the others."""

from __future__ import annotations

from collections import Counter

import pytest

from graph.ask import answer
from graph.ask.outcome import CATEGORIES, load_outcome_cases, rates, score

CASES = load_outcome_cases()


@pytest.fixture(scope="module")
def results(bundled):
    return [(case, score(case, answer(bundled, case.question))) for case in CASES]


def test_the_set_covers_every_category_in_both_languages():
    assert len(CASES) >= 150
    per = Counter(c.category for c in CASES)
    assert set(per) == set(CATEGORIES) and min(per.values()) >= 10
    traditional = [c for c in CASES if any(ch in c.question for ch in "麼們誰裡這區會與學發們機構計劃")]
    english = [c for c in CASES if c.question.isascii()]
    assert len(traditional) >= 10 and len(english) >= 45


def test_accuracy_is_at_least_90_percent_and_wrong_answers_at_most_2_percent(results):
    accuracy, wrong = rates(results)
    misses = [f"{o.kind}: {c.question} ({'; '.join(o.reasons)})" for c, o in results if o.kind != "right"]
    assert accuracy >= 0.90, "\n".join(misses)
    assert wrong <= 0.02, "\n".join(m for m in misses if m.startswith("wrong"))


def test_no_category_is_answered_wrongly_more_than_once(results):
    wrong = Counter(c.category for c, o in results if o.kind == "wrong")
    assert max(wrong.values(), default=0) <= 1, wrong


@pytest.mark.parametrize("case", [c for c in CASES if c.expects_decline], ids=lambda c: c.question)
def test_a_trap_is_declined_with_what_can_be_asked(bundled, case):
    got = answer(bundled, case.question)
    assert score(case, got).kind == "right", got.summary
    assert got.suggestions or got.status == "empty", got.summary
