""""哪些…？一共几个？" / "Which … and how many?": a question that asks for the rows AND their number.

Why (session 12b, blind set): "市科技创新基金投了哪些子基金？一共几支？" was answered with the report's
figure alone ("已决策投资子基金数：6 支"): a count word sends a question to the report's figures
before any listing (graph/ask/figures.py), and the "哪些" half was dropped: the six sub-funds the
graph names were never listed. When a question asks both which and how many of a named node's
relations, the listing form answers it, its summary names the rows and says their number, and the
report's own figure for the same thing is said beside it (screen.figure_aside), so neither half is lost.
"""

from __future__ import annotations

import re

from graph.ask.parser import Parse

WHICH = {"zh": re.compile(r"哪些|哪几(?!年)|有什么|是什么|分别是|列出|列举"),
         "en": re.compile(r"\b(which|what are|what were|list|name them|name the)\b")}
#: Forms whose rows are no listing of a named node's relations: the figure route stays theirs.
_NOT_LISTINGS = frozenset({"figure", "indicators", "about", "stats", "rank", "most_members", "most_supported",
                           "new_in_year", "list", "paths"})


def asks_both(p: Parse) -> bool:
    """The question counts (多少, 几, how many) and also asks which, of a listing form with a named node."""
    return bool(p.count and p.form and p.slots and p.form.query not in _NOT_LISTINGS
                and WHICH[p.language].search(p.skeleton))
