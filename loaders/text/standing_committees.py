"""常委会 after 人大及其 is the congress's standing committee, a body (session 15, s15-dev10).

Why: reports thank the congress and its standing committee in one phrase, 在区人大及其常委会监督支持下;
the bare 常委会 matches no ending and no lexicon name, so the body was missed on both blind report
splits that wrote it (dev9's Yanqing work report, dev10's Haidian work report). The relative name is
read only in this closed shape, `<congress>及其常委会`, where the congress it belongs to is written just
before: the committee is named after it (区人大 -> 区人大常委会), the way the graph names such bodies, and
its mention is the written 常委会.
"""

from __future__ import annotations

import re

from loaders.text.entities import Mention

CONF = 0.7
PATTERN = re.compile(r"([市区县]?人大|[市区县]?人民代表大会)及其常委会")  # the body word only: 在|区人大


def committee_mentions(text: str) -> list[Mention]:
    """A mention of the standing committee for each <congress>及其常委会."""
    out = []
    for m in PATTERN.finditer(text):
        congress = m.group(1)
        short = congress if congress.endswith("人大") else congress[:-len("人民代表大会")] + "人大"
        start = m.end() - len("常委会")
        out.append(Mention(start, m.end(), short + "常委会", "Institution", CONF, "standing_committee",
                           surface="常委会", kind="government"))
    return out
