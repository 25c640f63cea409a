""""Who manages the Lenovo Capital sub-fund?", "怀柔科学城由谁管理": the rows that lead or manage X (LED_BY),
not every supporter.

Why: "manage" is one of the supporters form's cues, so the answer listed every supporter: the parent
fund that invests in the sub-fund beside the firm that manages it, and for a zone its plans and the
programme that supports it, as if they managed it (docs/ask.md, session 13, left; session 13b). The
graph records leading and managing as LED_BY; only those rows answer. With none, the answer is empty
and the supporters are given as related, "not what was asked".
"""

from __future__ import annotations

import re

from graph.ask.model import Item
from graph.ask.parser import Parse
from graph.ask.words import display, say
from graph.model import Node

CUES = {"zh": re.compile(r"管理|运营|主管|掌管|牵头(?!编制|起草|编写|编)"),  # not 负责 nor 牵头编制: who drew it up
        "en": re.compile(r"\b(manag(e|es|ed|ing|er|ers)|runs?|running|oversee(s|n)?|oversaw|administer(s|ed)?|"
                         r"govern(s|ed)?|in charge of|leads?|led)\b")}  # lead, 牵头 (session 16): "Who leads X?" listed every supporter


def asked(p: Parse, form_query: str) -> bool:
    return form_query == "supporters" and bool(CUES[p.language].search(p.keyed))


def keep(items: list[Item]) -> list[Item]:
    """The rows that lead or manage the node (LED_BY), directly."""
    return [i for i in items if i.relation == "LED_BY" and i.via is None]


def interpretation(lang: str, node: Node) -> str:
    return say(lang, f"管理或牵头{display(node, lang)}的机构", f"who manages or leads {display(node, lang)}")
