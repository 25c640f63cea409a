""""怀柔科学城2018年有哪些进展", "Tell me the E-Town's story in 2018": what the year's report records of one zone.

Why (session 16): a director preparing a briefing on one zone asks for its story in a year. Chinese 进展 was
declined as a question about change ("图中只有 2018 年的报告，没有可比较的另一年"): a comparison of two years was
never asked, the progress made within the year was; English "story" was no word of any form. The graph does not
judge progress; it holds what the year's report says of the zone. So such a question (one zone named, a year the
graph holds a report of, a story word, nothing else read) is answered as the zone's direct relations (the
`about` form) whose evidence is of that year, and the summary says it is that, not an assessment.
A year without a report is left to the other readings (a later year: future.py; no report: declined).

Session 16b: the story with no year ("What is the E-Town's story?", "讲讲怀柔科学城", "怀柔科学城的情况",
"Tell me about Future Science City") is what every report in the graph records of the zone: the same rows, each
report and its year named (a note per row), the commission's own support last (run._publisher_last). A story in a
year the graph has no report of ("怀柔科学城2020年有哪些进展") was declined as "no other year to compare", a
question it never was: it is declined as a year without a report, saying the years the graph has, and offers
the same question in the graph's latest year.
"""

from __future__ import annotations

import re
from dataclasses import replace

from graph.ask import model, replies, run
from graph.ask.forms import grammar
from graph.ask.gazetteer import gazetteer_for
from graph.ask.parser import Parse
from graph.ask.words import display, say
from graph.queries import GraphQueries
from graph.zone_story import own_sentence

STORY = {"zh": re.compile(r"进展|故事|大事记?|动态|做了(什么|哪些)|发生了(什么|哪些)"),
         "en": re.compile(r"\b(story|stories|what happened|happenings|news|developments?|progress|highlights?)\b")}
#: Without a year, the words of an overview too (session 16b): "讲讲X", "X的情况", "Tell me about X".
#: Progress words without a year stay a question about change ("未来科学城的建设进展如何": declined, change.py).
OVERVIEW = {"zh": re.compile(r"讲讲|说说|谈谈|介绍|情况|概况|简介|故事"),
            "en": re.compile(r"\btell me about\b|\boverview\b|\bprofile\b|\bbrief me\b|\bstor(y|ies)\b")}


def _one_zone(queries: GraphQueries, p: Parse) -> bool:
    named = [m for m in p.mentions if m.ids]
    if len(named) != 1 or len(p.mentions) != 1 or p.unknown:
        return False
    return gazetteer_for(queries.store).zone_of(named[0].ids) is not None


def asked(queries: GraphQueries, p: Parse) -> bool:
    """One zone, a story word, and no form but `about` that read the question; a year the graph has a report
    of, or none (then an overview word is a story word too: "讲讲怀柔科学城")."""
    if p.form is not None and (p.years or p.form.query != "about" or p.types):
        return False
    if len(p.years) > 1 or not _one_zone(queries, p):
        return False
    words = OVERVIEW[p.language].search(p.keyed) if not p.years else STORY[p.language].search(p.keyed)
    return bool(words) and (not p.years or p.years[0] in run.data_years(queries))


def unheld_year(queries: GraphQueries, p: Parse, base: dict) -> model.Answer | None:
    """"怀柔科学城2020年有哪些进展": a zone's story in a year the graph has no report of, declined as that."""
    if len(p.years) != 1 or not STORY[p.language].search(p.keyed) or not _one_zone(queries, p):
        return None
    years = run.data_years(queries)
    if not years or p.years[0] in years:
        return None
    held = say(p.language, "、", ", ").join(str(y) for y in years)
    zone = gazetteer_for(queries.store).zone_of(p.mentions[0].ids)
    node = queries.store.get_nodes([zone]).get(zone)
    name = display(node, p.language) if node else p.mentions[0].text
    sentence = say(p.language, f"图中只有 {held} 年的报告，没有 {p.years[0]} 年的；说不出{name}{p.years[0]} 年的情况。",
                   f"The graph holds reports of {held} only, none of {p.years[0]}: it cannot tell "
                   f"the story of {name} in {p.years[0]}.")
    asked_again = base["question"].replace(str(p.years[0]), str(years[-1]))
    return replies.decline(p, base, sentence, [asked_again])


def as_about(queries: GraphQueries, p: Parse) -> Parse:
    """The question read as the zone's direct relations."""
    mention = p.mentions[0]
    mention.id = gazetteer_for(queries.store).zone_of(mention.ids)
    return replace(p, form=grammar().forms["about"], slots=[mention], types=[], count=False)


def of_year(queries: GraphQueries, got: model.Answer, year: int) -> list[model.Item]:
    """The rows whose edges the year's reports give."""
    docs = {d.id for d in queries.store.documents() if run._year_of(d) == year}
    return [i for i in got.items if any(ev.doc in docs for e in i.edges for ev in e.evidence)]


def told(queries: GraphQueries, p: Parse, got: model.Answer) -> model.Answer:
    """The about answer, kept to the year's rows (all rows without a year) and said as what the reports record,
    not as progress; each row's report and year in a note."""
    lang = p.language
    node = next((n for n in got.nodes if p.slots and n.id == p.slots[0].id), None)
    name = display(node, lang) if node else p.slots[0].text
    if p.years:
        year = p.years[0]
        rows = of_year(queries, got, year)
        head = say(lang, f"图中不评价进展或成效；{year} 年的报告写到{name}的以下关系。",
                   f"The graph does not judge progress; this is what the {year} report records of {name}. ")
    else:
        year = None
        rows = got.items
        held = say(lang, "、", ", ").join(str(y) for y in run.data_years(queries))
        head = say(lang, f"图中不评价进展或成效；图中各报告（{held} 年）写到{name}的以下关系，每条的出处见注。",
                   f"The graph does not judge progress; this is what its reports ({held}) record of {name}, "
                   f"each row's report in the notes. ")
    if node is not None:
        head = in_its_words(queries, node.id, year, lang) + head
    count = got.count if year is None else len(rows)  # a page of a hub's relations: its count, not the page's
    return got.model_copy(update=dict(summary=head + got.summary, items=rows, count=count,
                                      notes=got.notes + sources(queries, rows, lang, got.truncated)))


def in_its_words(queries: GraphQueries, zone: str, year: int | None, lang: str) -> str:
    """The report's own sentence on the zone (突破怀柔科学城…), as its page and briefing open: the zones' stories
    read alike with the names changed without it. Only a sentence of the year asked, if one was."""
    sentence = own_sentence(queries.profile(zone))
    if sentence is None:
        return ""
    if year is not None:
        doc = next((d for d in queries.store.documents() if d.id == sentence.doc), None)
        if doc is None or run._year_of(doc) != year:
            return ""
    quote = sentence.quote.strip()
    return say(lang, f"报告写道：「{quote}」", f"In the report's words: “{quote}” ")


def sources(queries: GraphQueries, rows: list[model.Item], lang: str, page: bool = False) -> list[str]:
    """The reports (title and year) whose sentences give the rows' edges: one note per report, naming its rows, or
    one note for all rows when one report gives them all.

    Why (session 17): a note per row printed the same document id fourteen times under a one-report story; a
    director wants to know which report says it, by its title, once. `page`: the rows are the first page of
    more (session 18): "the N rows listed", not "all N rows"."""
    docs = {d.id: d for d in queries.store.documents()}
    by_report: dict[tuple[str, ...], list[str]] = {}
    for item in rows:
        cited = tuple(dict.fromkeys(ev.doc for e in item.edges for ev in e.evidence))
        if cited:
            by_report.setdefault(cited, []).append(display(item.node, lang))
    if len(by_report) == 1 and sum(map(len, by_report.values())) == len(rows):
        (cited,) = by_report
        said = (say(lang, f"出处（列出的 {len(rows)} 条）：", f"Source of the {len(rows)} rows listed: ") if page
                else say(lang, f"出处（全部 {len(rows)} 条）：", f"Source of all {len(rows)} rows: "))
        return [said + _reports(docs, cited, lang)]
    return [_reports(docs, cited, lang) + say(lang, "：", ": ") + say(lang, "、", "; ").join(names)
            for cited, names in by_report.items()]


def _reports(docs: dict, cited: tuple[str, ...], lang: str) -> str:
    """《title》（2018 年）, or the id where the graph holds no such document."""
    said = []
    for d in cited:
        doc = docs.get(d)
        title = (doc.title_en or doc.title) if doc and lang == "en" else doc.title if doc else d
        year = run._year_of(doc) if doc else None
        said.append(say(lang, f"《{title}》" + (f"（{year} 年）" if year else ""),
                        f"“{title}”" + (f" ({year})" if year else "")))
    return say(lang, "、", "; ").join(said)
