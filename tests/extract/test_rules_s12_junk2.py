"""Precision rules of session 12 (issue 18, s12-junk2): junk of dev5, dev6 and dev7 by mechanism.

The sentences are written for these tests; the documents that showed each class are named in
docs/extraction.md, "Precision (session 12)".
"""

from __future__ import annotations


def _typed(analysis_of, body):
    return {(m.name, m.type) for m in analysis_of(body).mentions if not m.nested}


def _metrics(analysis_of, body):
    return [m for m in analysis_of(body).mentions if m.type == "Metric"]


def test_a_share_with_its_scope_and_the_level_it_reaches_describe_the_amount(analysis_of):
    found = _metrics(analysis_of, "全区软件业收入由2019年的800亿元增至1200亿元,全市占比由12.5%提高到15%。")
    assert [m.surface for m in found] == ["800亿元", "1200亿元"]
    assert found[-1].attrs["share_pct"] == 15 and found[-1].attrs["share_pct_from"] == 12.5


def test_a_share_that_is_the_statement_stays_an_indicator(analysis_of):
    found = _metrics(analysis_of, "研发投入强度由5.2%提高到6%。")
    assert {m.surface for m in found} == {"5.2%", "6%"}
