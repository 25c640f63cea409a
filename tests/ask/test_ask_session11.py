"""Session 11: 40 new planner questions (data/questions/session11.yaml), written before they were
run, and the mechanism their wrong answer led to: a question for an amount of money is never
answered with a count."""

from __future__ import annotations

import pytest

from graph.ask import answer


@pytest.mark.parametrize("question", [
    "How much did the Beijing S&T Innovation Fund invest in the Baidu Ventures sub-fund?",
    "市科技创新基金投资了多少钱？",
])
def test_a_question_for_money_is_not_answered_with_a_count(bundled, question):
    got = answer(bundled, question)
    assert "6" not in got.summary or got.status in ("not_understood", "unknown_entity", "empty"), got.summary
    assert "支" not in got.summary and "sub-funds with investment decisions" not in got.summary.lower()


def test_a_money_question_still_gets_a_figure_in_yuan(bundled):
    got = answer(bundled, "全市技术合同成交额是多少钱？")
    assert got.status == "answered" and "4957.8" in got.summary
