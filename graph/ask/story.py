""""怀柔科学城2018年有哪些进展", "Tell me the E-Town's story in 2018": what the year's report records of one zone.

Why (session 16): a director preparing a briefing on one zone asks for its story in a year. Chinese 进展 was
declined as a question about change ("图中只有 2018 年的报告，没有可比较的另一年"): a comparison of two years was
never asked, the progress made within the year was; English "story" was no word of any form. The graph does not
judge progress; it holds what the year's report says of the zone. So such a question (one zone named, a year the
graph holds a report of, a story word, nothing else read) is answered as the zone's direct relations (the
`about` form) whose evidence is of that year, and the summary says it is that, not an assessment.
A year without a report is left to the other readings (a later year: future.py; no report: declined).
"""

from __future__ import annotations

import re
from dataclasses import replace

from graph.ask import model, run
from graph.ask.forms import grammar
from graph.ask.gazetteer import gazetteer_for
from graph.ask.parser import Parse
from graph.ask.words import display, say
from graph.queries import GraphQueries

STORY = {"zh": re.compile(r"进展|故事|大事记?|动态|做了(什么|哪些)|发生了(什么|哪些)"),
         "en": re.compile(r"\b(story|stories|what happened|happenings|news|developments?|progress|highlights?)\b")}


def asked(queries: GraphQueries, p: Parse) -> bool:
    """One zone, a year the graph has a report of, a story word, and no form that read the question."""
    if p.form is not None or len(p.years) != 1 or not STORY[p.language].search(p.keyed):
        return False
    named = [m for m in p.mentions if m.ids]
    if len(named) != 1 or len(p.mentions) != 1:
        return False
    types = gazetteer_for(queries.store).types
    return any(types.get(i) == "Zone" for i in named[0].ids) and p.years[0] in run.data_years(queries)


def as_about(queries: GraphQueries, p: Parse) -> Parse:
    """The question read as the zone's direct relations."""
    mention = p.mentions[0]
    types = gazetteer_for(queries.store).types
    mention.id = next(i for i in mention.ids if types.get(i) == "Zone")
    return replace(p, form=grammar().forms["about"], slots=[mention], types=[], count=False)


def of_year(queries: GraphQueries, got: model.Answer, year: int) -> list[model.Item]:
    """The rows whose edges the year's reports give."""
    docs = {d.id for d in queries.store.documents() if run._year_of(d) == year}
    return [i for i in got.items if any(ev.doc in docs for e in i.edges for ev in e.evidence)]


def told(queries: GraphQueries, p: Parse, got: model.Answer) -> model.Answer:
    """The about answer, kept to the year's rows and said as what the report records, not as progress."""
    year, lang = p.years[0], p.language
    rows = of_year(queries, got, year)
    node = next((n for n in got.nodes if p.slots and n.id == p.slots[0].id), None)
    name = display(node, lang) if node else p.slots[0].text
    head = say(lang, f"图中不评价进展或成效；{year} 年的报告写到{name}的以下关系。",
               f"The graph does not judge progress; this is what the {year} report records of {name}. ")
    return got.model_copy(update=dict(summary=head + got.summary, items=rows, count=len(rows)))
