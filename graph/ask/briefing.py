""""怀柔科学城的简报" / "Give me a briefing on Huairou Science City": where the zone's briefing is.

Why: a planner types the request into the question box and got "not understood" with four
questions about the zone, none of which is the briefing. The question box does not write
documents; this decline says where the briefing is (the zone's page, which offers it in each
format, and the `innograph brief` command), so the request is not a dead end.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from graph.ask import model, replies
from graph.ask.gazetteer import gazetteer_for
from graph.ask.parser import Parse
from graph.ask.words import say
from graph.queries import GraphQueries

BRIEFING = {"zh": re.compile(r"简报|简介材料|汇报材料|情况简介"),
            "en": re.compile(r"\b(briefing|brief|factsheet|fact sheet|one-pager|dossier)s?\b")}


def decline(queries: GraphQueries, p: Parse, base: dict) -> model.Answer | None:
    """A request for a named node's briefing: where to get it."""
    named = [m for m in p.mentions if m.ids]
    if not named or not BRIEFING[p.language].search(p.keyed):
        return None
    types = gazetteer_for(queries.store).types
    zones = [i for m in named for i in m.ids if types.get(i) == "Zone"]
    node = queries.store.get_nodes(zones[:1]).get(zones[0]) if zones else None
    if node is None or node.type != "Zone":  # briefings are of zones (viz/brief)
        return None
    page = "/zones/" + quote(node.id, safe="")
    shown = node.name_zh if p.language == "zh" else node.name_en or node.name_zh
    sentence = say(p.language,
                   f"问答不生成简报。{node.name_zh}的简报（Word、HTML、Markdown，中英文）在它的页面 {page} 上，"
                   f"或用命令：innograph brief {node.name_zh} -o 简报.docx",
                   f"Questions do not write briefings. The briefing on {shown} (Word, HTML, Markdown; Chinese or "
                   f"English) is on its page {page}, or run: innograph brief {node.id} --lang en -o brief.docx")
    return replies.decline(p, base, sentence, [say(p.language, f"介绍一下{shown}", f"Tell me about {shown}")])
