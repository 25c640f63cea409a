"""A domain written as its industry (医药健康产业, 科技服务业): the industry form is the field's spelling too
(session 13, issue 18).

Why: the lexicon names domains (医药健康, 微电子, 科技服务), and a page often writes the industry instead:
重点发展医药健康产业, 微電子産業, 加快打造科技服务业. The field is found, but as the shorter word, so the node
does not carry the spelling the page uses, and a reader (or the guideline's annotator, who keeps the longest
name as written) looking for 医药健康产业 does not find it. Three blind splits lost a field that way (dev7
医药健康产业, 微電子産業; dev8 科技服務業), each as a miss and a near-miss at once.

The rule adds the written industry form (the field's words and 产业/産業, or a bare 业/業 that opens no
other word: 业务, 业态, 业绩 …) as an alias of the field's mention; the field keeps its lexicon name, so a
page that calls the domain by its short name elsewhere still names the same node. Nothing is added to a
field nested in a longer name (生物医药产业园 is a park's name, read by other rules).
"""

from __future__ import annotations

import re

#: the industry after a domain; a bare 业 only when it does not open another word (业务, 业态 …)
INDUSTRY = re.compile(r"产业|産業|[业業](?![务務绩績态態界主内內余餘者])")


def with_industry_forms(text: str, mentions: list) -> list:
    """`mentions`, each field written as an industry carrying that spelling as an alias."""
    for m in mentions:
        if m.type != "Field" or m.start < 0 or m.nested:
            continue
        written = text[m.start:m.end]
        if written.endswith(("业", "業")):
            continue  # 制造业, 服务业: the industry already
        tail = INDUSTRY.match(text, m.end)
        if tail:
            form = written + tail.group(0)
            if form not in m.aliases and form != m.name:
                m.aliases.append(form)
    return mentions
