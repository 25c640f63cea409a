""""市科委牵头了多少个项目", "Which projects does the commission lead?": what X leads (LED_BY), not everything
it supports.

Why (session 16): 牵头 and lead are among the `supported` form's verbs beside 支持 and support, so the
answer counted every node X supports or leads: "北京市科学技术委员会支持的计划/专项、项目/平台的数量：32 个", the
labs of Huairou and the E-Town test site among them, which the commission supports but does not lead.
When the question's verb is leading only (no support word), only the rows X leads answer; said as such.
manages.py does the same the other way round ("who manages X": who leads it).
"""

from __future__ import annotations

import re

from graph.ask.model import Item
from graph.ask.parser import Parse
from graph.ask.words import display, say, type_words
from graph.model import Node

LEAD = {"zh": re.compile(r"牵头|主导|领衔"),
        "en": re.compile(r"\b(lead|leads|leading|led)\b")}
#: A support word beside the lead word keeps every row ("支持或牵头了哪些项目").
SUPPORT = {"zh": re.compile(r"支持|资助|扶持|支撑|投资"),
           "en": re.compile(r"\b(support\w*|back\w*|fund\w*|financ\w*|sponsor\w*|help\w*|invest\w*)\b")}


def asked(p: Parse, form_query: str) -> bool:
    lang = p.language
    return form_query == "supported" and bool(LEAD[lang].search(p.keyed)) and not SUPPORT[lang].search(p.keyed)


def keep(items: list[Item]) -> list[Item]:
    """The rows X leads, directly (their LED_BY edge to X)."""
    return [i for i in items if i.relation == "LED_BY" and i.via is None]


def interpretation(lang: str, node: Node, types: list[str]) -> str:
    what = type_words(types, lang) if types else "对象"
    return say(lang, f"{display(node, lang)}牵头的{what}",
               f"what {display(node, lang)} leads" + (f", type {type_words(types, lang)}" if types else ""))
