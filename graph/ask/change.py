""""What changed in 怀柔科学城?": declined, with what the graph can say instead.

Why: "怀柔科学城有什么变化？" and "What changed in Huairou Science City?" were read as the zone's
members (the change word is no cue of any form that names a node), so a planner asking what
changed got the list of what is there, as if all of it were new. A change needs two states to
compare; the graph holds what its reports say, by year. With one year there is nothing to
compare, and the decline says so; with two or more it points to `innograph diff`, which compares
the reports of two years. Questions about a year ("2018年有什么新变化") keep their own form
(new_in_year) and are not touched.
"""

from __future__ import annotations

import re

from graph.ask import model, replies, run
from graph.ask.parser import Parse
from graph.ask.words import display, say
from graph.queries import GraphQueries

CHANGE = {"zh": re.compile(r"变化|变了|改变|进展|有何不同|不同以往|发展情况|新动态"),
          "en": re.compile(r"\b(what|how) (has |have |did )?(changed?|evolved?)\b|\bchanges? (in|to|for|at)\b|"
                           r"\b(progress|developments?|evolution) (in|of|at|for)\b")}


def decline(queries: GraphQueries, p: Parse, base: dict) -> model.Answer | None:
    """A question about what changed for a named node (not about a year): declined with what to ask."""
    if p.form is not None and p.form.query == "new_in_year":
        return None
    named = [m for m in p.mentions if m.ids]
    if not named or not CHANGE[p.language].search(p.keyed):
        return None
    lang, years = p.language, run.data_years(queries)
    node = queries.store.get_nodes([named[0].ids[0]]).get(named[0].ids[0])
    name = display(node, lang) if node else named[0].text
    if len(years) < 2:
        held = say(lang, "、", ", ").join(str(y) for y in years) or "—"
        sentence = say(lang, f"图中只有 {held} 年的报告，没有可比较的另一年，说不出{name}有什么变化。",
                       f"The graph holds the report of {held} only: with no other year to compare, it cannot say "
                       f"what changed in {name}.")
    else:
        sentence = say(lang, f"问答不比较年份；比较两年的报告请用 innograph diff --from {years[-2]} --to {years[-1]}。",
                       f"Questions do not compare years; to compare two years' reports use "
                       f"innograph diff --from {years[-2]} --to {years[-1]}.")
    short = node.name_zh if node and lang == "zh" else (node.name_en or node.name_zh) if node else named[0].text
    year = years[-1] if years else None
    suggestions = [say(lang, f"介绍一下{short}", f"Tell me about {short}"),
                   say(lang, f"哪些计划支持{short}？", f"Which programs support {short}?")]
    if year:
        suggestions.append(say(lang, f"{year}年出台了哪些政策？", f"What was new in {year}?"))
    return replies.decline(p, base, sentence, suggestions)
