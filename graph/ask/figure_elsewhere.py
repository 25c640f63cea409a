"""A declined figure question whose figure the report gives for ANOTHER node of the same kind: say whose.

Why (session 14's left-over, session 15): "中关村科学城有多少家上市公司" is rightly declined (the graph has
no such figure for 中关村科学城), but the reason given was "companies are not told apart", while the reason
that matters is that the report's 333 listed companies are 中关村示范区's (中关村国家自主创新示范区), a
different zone that a planner easily takes for the science city. figures.best_figure already refuses a
figure measuring another zone (session 13b); this only adds, to a decline, which figure the words asked
for and what it measures, so the reader can ask about that node instead. An answered question is left
alone: a decline is the only place the sentence goes.

When the decline was the generic "could not read this question … Questions I can answer:" (session 18:
`深圳的技术合同成交额是多少` went on to offer `深圳市是谁主办的？`), the sentence replaces it, and the try is the
question asked of the node the figure measures (`北京市的技术合同成交额是多少`), which the graph answers.
"""

from __future__ import annotations

from graph.ask import figures, model, replies
from graph.ask.forms import grammar
from graph.ask.parser import Parse
from graph.ask.words import say, short
from graph.queries import GraphQueries


def told(queries: GraphQueries, p: Parse, got: model.Answer) -> model.Answer:
    """The decline with "the report gives X for Y, not for Z" when the asked figure measures another node."""
    if got.status != "not_understood" or not figures.asks_for_figure(p.keyed, p.language, grammar()):
        return got
    named = [m for m in p.mentions if m.ids and m.score >= 1.0]
    if not named:
        return got
    rest = p.keyed
    for m in sorted(named, key=lambda m: -len(m.text)):  # the figure is matched on what is asked of the name
        rest = rest.replace(m.text, " ")
    fig = figures.best_figure(queries.store, rest, p.language, p.years, [])
    if fig is None:
        return got
    measured = {e.target for e in queries.store.edges([fig.node.id], "out", ["MEASURES"])}
    asked = {i for m in named for i in m.ids}
    if not measured or measured & asked:
        return got
    nodes = queries.store.get_nodes(sorted(measured | asked))
    kinds = {nodes[i].type for i in asked if i in nodes}
    others = [nodes[i] for i in sorted(measured) if i in nodes and nodes[i].type in kinds]
    subject = next((nodes[i] for m in named for i in m.ids if i in nodes and nodes[i].type in kinds), None)
    if not others or subject is None:
        return got
    lang = p.language
    whose = say(lang, "、", ", ").join(short(n, lang) for n in others)
    sentence = say(lang, f"报告给出的{replies.figure_sentence(fig.node, lang, False).rstrip('。')}，计的是{whose}，"
                         f"不是{short(subject, lang)}；图中没有{short(subject, lang)}的这个数。",
                   f"The report's figure, {replies.figure_sentence(fig.node, lang, False).rstrip('.')}, is {whose}'s, "
                   f"not {short(subject, lang)}'s; the graph has no such figure for {short(subject, lang)}.")
    if got.summary.endswith(say(lang, "可以这样问：", "Questions I can answer:")):  # the generic decline: no more to say
        mention = next(m for m in named if subject.id in m.ids)
        tries = [base_question.replace(mention.text, short(n, lang), 1) for n in others
                 for base_question in [p.keyed] if mention.text in base_question]
        return got.model_copy(update=dict(summary=sentence, suggestions=tries or got.suggestions))
    return got.model_copy(update=dict(summary=sentence + say(lang, "", " ") + got.summary))  # the reason that matters first
