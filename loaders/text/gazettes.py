"""A standing committee's gazette named after its term is a medium, and the committee inside it a body (session 17,
s17-dev16; issue 18).

Why: reports to a people's congress standing committee are printed in its gazette, and the gazette's page says so in
its menu path: 首页 > 人大资料 > 人大常委会公报 > 市十五届人大常委会公报2020年 第4号. The guideline annotates the gazette
as a medium (an Institution, as a paper named after a body) and the committee inside it as a body (rule b); no ending
reads 公报 and no relative name holds a term number (十五届), so both were missed on the two blind splits that hold
such pages (dev12's mid-term evaluation, dev16's two standing-committee reports). The shape is closed: a level (市, 区,
县, 省), a term in Chinese numerals + 届, 人大常委会, 公报. The section name alone (人大常委会公报, no term) is a site's
menu word, not read.
"""

from __future__ import annotations

import re

from graph.text import to_simplified
from loaders.text.entities import Mention

GAZETTE = re.compile(r"([市区區县縣省][一二三四五六七八九十]{1,3}[届屆]人大常委[会會])公[报報]")
CONF = 0.7


def gazette_mentions(text: str) -> list[Mention]:
    """The gazette (a medium) and the committee it is named after (a body of its own) for each match."""
    out = []
    for m in GAZETTE.finditer(text):
        gazette, committee = m.group(0), m.group(1)
        out.append(Mention(m.start(), m.end(), to_simplified(gazette), "Institution", CONF, "pattern", gazette,
                           kind="media"))
        out.append(Mention(m.start(1), m.end(1), to_simplified(committee), "Institution", CONF, "pattern", committee,
                           kind="government", nested=True, titled=True))
    return out


def titled_committees(mentions: list[Mention]) -> None:
    """The committee inside a gazette's name stays an entity of its own after overlaps are settled."""
    for m in mentions:
        if m.how == "pattern" and m.kind == "government" and GAZETTE.match(m.surface + "公报"):
            m.titled = True
