"""The bare 人大 and 政协 in a delegate's title or a proposal: 人大代表建议, 政协提案 (session 15, s15-recall2).

Why: a body's yearly report counts the suggestions of the congress's delegates and the proposals of the CPPCC
it handled (办理人大代表建议和政协提案, 人大政协建议提案办理情况), and the guideline annotates the congress and the
CPPCC named there (a body named only inside a person's title or a proposal is a mention). The bare words match
no relative name (市人大, 区政协 are read) and no ending, so two splits missed them (dev2's Jiangsu disclosure,
dev10's IP office report; docs/extraction.md, "Recall from dev10 (session 15)"). Read only in this closed shape,
where the word can mean nothing else: 人大 or 政协 not after a place or level character, directly before a proposal
(建议, 提案, or 代表 / 委员 and one of them), or before the other of the two and a proposal (人大政协建议提案). A
member alone (政协委员, 人大代表) is not read: in a provincial government's report (dev2, 各位政协委员) the body is
the province's, a level the relative names do not hold bare. The body is the publisher's own level (区人大 for a district's
report, 市人大 otherwise), resolved as the relative names are (rules.yaml `relative_names`); nothing is read
when that relative name is not known.
"""

from __future__ import annotations

import re

from loaders.text.entities import Mention, from_entry

CONF = 0.6
#: a proposal or a delegate's suggestion after the body word (代表建议, 委员提案, 提案), or the other body word first
PROPOSAL = r"(?:代表|委员)?(?:建议|提案)"
PATTERN = re.compile(rf"(?<![市区县省国镇乡州京])(人大|政协)(?={PROPOSAL}|[和与及、]?(?:人大|政协){PROPOSAL})")


def proposal_mentions(finder, text: str) -> list[Mention]:
    """A mention of the congress or the CPPCC for each bare 人大 / 政协 in a delegate's title or a proposal."""
    level = "区" if finder.context.district else "市"
    out = []
    for m in PATTERN.finditer(text):
        word = m.group(1)
        entry = finder.pick(finder.gazetteer.get(level + word))
        if entry is None:
            continue
        mention = from_entry(entry, m.start(), m.end(), word)
        mention.how, mention.conf = "relative", CONF
        out.append(mention)
    return out
