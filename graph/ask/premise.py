""""Why does A … B?" ("为什么北京石墨烯研究院位于怀柔科学城？"): the premise is checked, the why is not answered.

Why (session 12b, blind set): questions with a wrong premise were declined as "not understood", with
suggestions, and never said that the premise is wrong; one whose premise is a relation the graph can
check should say so. The graph holds no reasons, so a why-question is never answered as asked; its
premise, A's relation to B, is read as the yes/no question it contains (graph/ask/yes_no.py):

  held     the decline says the graph records it (with the row's evidence) but not why;
  not held the decline says the premise does not match the graph, and what the graph records instead.

A premise no yes/no reading holds (取消了…的基金, stopped working on …) is left to the usual decline.
"""

from __future__ import annotations

import re
from dataclasses import replace

from graph.ask import model, replies, yes_no
from graph.ask.parser import Parse
from graph.ask.words import say

WHY = {"zh": re.compile(r"为什么|为何|什么原因|何故"), "en": re.compile(r"^\s*why\b\s*")}


def check(queries, p: Parse, base: dict, evidence) -> model.Answer | None:
    """A decline that says whether the why-question's premise is in the graph; None when it cannot be read."""
    lang = p.language
    if not WHY[lang].search(p.keyed) or not WHY[lang].search(p.skeleton):
        return None
    strip = (lambda s: WHY[lang].sub("", s).rstrip() + "吗") if lang == "zh" else (lambda s: WHY[lang].sub("", s, count=1))
    settled = yes_no.answer(queries, replace(p, keyed=strip(p.keyed), skeleton=strip(p.skeleton)), base, evidence)
    if settled is None or settled.query != "yes_no":
        return None
    held = bool(settled.count)  # yes_no: 1 with the row that says so, 0 for no
    rest = re.sub(r"^(是：|否：|Yes: |No: )", "", settled.summary)
    if held:
        sentence = say(lang, f"图中记有这一点（{rest.rstrip('。')}），但图不记原因，答不了“为什么”。",
                       f"The graph records it ({rest.rstrip('.')}), but it holds no reasons: it cannot say why.")
    else:
        sentence = say(lang, f"问题的前提与图不符：{rest}", f"The question's premise does not match the graph: {rest}")
    answer = replies.decline(p, base, sentence, [])
    return answer.model_copy(update=dict(items=settled.items, related=settled.related, nodes=settled.nodes,
                                         edges=settled.edges, evidence=settled.evidence, link=settled.link,
                                         params=settled.params))
