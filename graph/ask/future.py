"""A question about the future ("明年…能到多少？", "What will … be next year?"): declined.

Why (session 12b, blind set): "明年全市技术合同成交额能到多少？" was answered with the 2018 figure,
4957.8 亿元, as if it were next year's. A year written as a number is already checked against the
figure's period (figures.py); a year said in words (明年, 今后, next year, in the coming years)
was not. The graph holds what its reports say about the years they cover; it forecasts nothing, so
any question about a time after them is declined, with the question for the year it does hold.
The words are looked for in the skeleton (names replaced by Ⓔ), so 未来科学城 is never read as 未来.

An opinion about the future ("Which zone is the best place to invest next year?") was offered itself in the held
year ("… the best place to invest in 2018?"), an opinion again, which the graph cannot answer either (session 18):
a question that asks for a judgement is told the graph judges nothing, and offered a ranking it can count.
"""

from __future__ import annotations

import re

from graph.ask import model, replies, run
from graph.ask.compare import JUDGE
from graph.ask.parser import Parse
from graph.ask.words import say
from graph.queries import GraphQueries

#: Words asking for a judgement, besides compare.JUDGE's better / best / 更好 (session 18).
_ADVICE = {"zh": re.compile(r"值得|应该|应当|最适合|最有前景|最有潜力|最好"),
           "en": re.compile(r"\b(worth (it|investing)|should|ought to|most promising|best place|recommend\w*)\b")}

FUTURE = {
    "zh": re.compile(r"明年|后年|下一?年度?|今后|将来|未来(几|[一二三四五六七八九十两\d]+)年|届时|到时候|预测|预计.{0,6}(会|能|将)"),
    "en": re.compile(r"\b(next|coming|following) (year|years|decade)\b|\bin (the )?(future|years to come)\b|"
                     r"\b(forecast|predict(ed|ion)?|projected|projection)\b|\bwill .{0,40}\b(be|reach|grow|rise|fall)\b.{0,20}\bby\b"),
}


def decline(queries: GraphQueries, p: Parse, base: dict) -> model.Answer | None:
    """A decline when the question asks about a time after the reports the graph holds."""
    hit = FUTURE[p.language].search(p.skeleton)
    if hit is None:
        return None
    lang, years = p.language, run.data_years(queries)
    held = say(lang, "、", ", ").join(str(y) for y in years) or "—"
    judged = bool(JUDGE[lang].search(p.keyed) or _ADVICE[lang].search(p.keyed))
    sentence = say(lang, f"「{hit.group(0)}」问的是报告之后的时间：图中只有 {held} 年报告所说的情况，不做预测。",
                   f"{hit.group(0)!r} asks about a time after the reports: the graph holds what the {held} "
                   f"report(s) say and forecasts nothing.")
    sentence += say(lang, "图也不评价好坏、不做推荐，只能数报告记录的关系。",
                    " Nor does it judge or recommend: it can count what the report records.") if judged \
        else say(lang, f"可以问 {held} 年的情况。", f" Ask about {held} instead.")
    asked = base["question"]
    suggestions = [asked.replace(hit.group(0), f"{years[-1]}年" if lang == "zh" else f"in {years[-1]}", 1)] if years else []
    if judged:  # an opinion in any year: not offered again
        suggestions = [say(lang, "哪个园区的支持者最多？", "Which zone has the most supporters?")] if "Zone" in p.types else []
    return replies.decline(p, base, sentence, suggestions)
