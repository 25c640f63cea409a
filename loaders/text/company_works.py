"""A company's campus or factory is a work of its own: 小米智慧园区, 好未来昌平教育园区, 小米手机智能工厂 (Projects).

Why: a district's list of key projects names a company's site by the company and a word for the site
(园区, 工厂): no ending of the grammar reads 园区 or 工厂 alone (工业园区 is a kind, 工厂 any factory),
so the site was missed and the company read alone. After a company the text names (a listed one, or
one `company_names` found), a site word within a few characters of the same words (no verb, no
punctuation between) closes a Project that the company opens.
"""

from __future__ import annotations

import re

from loaders.text import listed
from loaders.text.entities import EntityFinder, Mention

CONF = 0.6
SITE = re.compile(r"(?:园区|工厂|厂区)")
REACH = 8  # characters between the company and its site word: 好未来|昌平教育|园区
CJK = re.compile(r"[\u4e00-\u9fff]*")


def work_mentions(finder: EntityFinder, text: str, mentions: list[Mention]) -> list[Mention]:
    """Projects for each company followed closely by a site word."""
    out = []
    for m in mentions:
        if m.nested or m.type != "Institution" or not (m.kind == "enterprise" or m.name in listed._INSTITUTIONS):
            continue
        run = CJK.match(text, m.end, min(len(text), m.end + REACH + 2)).group()
        site = SITE.search(run)
        if site is None or _verb_or_stop(finder, run[:site.start()]):
            continue
        end = m.end + site.end()
        name = text[m.start:end]
        out.append(Mention(m.start, end, name, "Project", CONF, "suffix", name, kind="facility"))
    return out


def _verb_or_stop(finder: EntityFinder, between: str) -> bool:
    """A verb or a function word between company and site: 小米|建设|园区 is a sentence, not a name."""
    return any(w in between for w in finder.rules.verbs if len(w) >= 2) or any(ch in "的和与及在将对是了" for ch in between)
