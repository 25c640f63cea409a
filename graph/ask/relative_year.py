"""去年, 今年, last year, this year: read as the year of the latest report the graph holds, and said so.

Why (session 12b left it, session 13 took it up): `去年全市技术合同成交额是多少` was answered with the 2018
figure without a word about which year 去年 was taken to be: a reader in 2026 means 2025. And
`去年有哪些活动？` listed all 20 events of the graph, the 2017 congress and the 2022 Games among them: the
time word was dropped. The graph knows no today, only the years of its reports. So a relative year is
replaced by the latest report's year before the question is read (the year checks of figures and
listings then apply: `2018年有哪些活动`), and the answer says how it was read: "in the report (2018)".
Words for a time after the reports (明年, next year) are future.py's: declined, never re-dated.
"""

from __future__ import annotations

import re

from graph.ask import model, run
from graph.ask.words import say
from graph.queries import GraphQueries

RELATIVE = {
    "zh": re.compile(r"去年|今年|本年度?|当年|上一?年度?(?=[^级]|$)"),
    "en": re.compile(r"\b(last|this|past|previous|the current) year\b", re.IGNORECASE),
}
_ZH = re.compile(r"[\u4e00-\u9fff]")


def dated(queries: GraphQueries, text: str) -> tuple[str, str | None, int | None]:
    """The question with its relative year written as the latest report's year, the words replaced, the year."""
    zh = bool(_ZH.search(text))
    hit = (RELATIVE["zh"].search(text) if zh else None) or RELATIVE["en"].search(text)
    years = run.data_years(queries) if hit else []
    if not hit or not years:
        return text, None, None
    year = years[-1]
    written = f"{year}年" if hit.re is RELATIVE["zh"] else f"in {year}"
    return text[: hit.start()] + written + text[hit.end():], hit.group(0), year


def told(got: model.Answer, words: str, year: int) -> model.Answer:
    """The answer with the reading of the relative year in its summary and notes."""
    lang = got.language
    sentence = say(lang, f"「{words}」按报告所说的年份读：{year} 年（图中没有更晚的报告）。",
                   f"{words!r} is read as the report's year, {year} (the graph holds no later report).")
    summary = got.summary if got.summary.endswith(("。", ".", "？", "?", "：", ":")) else got.summary + say(lang, "。", ".")
    return got.model_copy(update=dict(summary=f"{summary} {sentence}" if lang == "en" else summary + sentence,
                                      notes=[sentence, *got.notes]))
