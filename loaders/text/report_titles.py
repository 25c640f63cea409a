"""A title line that is a body's name and a kind of report is that report, a Policy (session 15, s15-cities).

Why: the guideline's own-title rule makes a page's title a Policy when it names a report (闵行区科学技术委员会2023年
工作总结), but no rule read such a title as a name: the body was found and the rest of the line (2023年工作总结) was
no mention at all. dev11 shows the shape on four cities' bureaus (a body, a year, 工作总结 / 工作要点 / 工作情况报告 /
绩效评价报告, sometimes two reports joined by 和), and dev's Minhang and Shenzhen titles are the same shape. A line of
the page's head (its first characters) that is exactly a body mention, an optional year, optional words of the
report_titles.yaml `between` list and a report kind (or two joined) is read as one Policy; the body stays a mention
nested in it (rule b). Any other line, or a kind in running prose, is left alone.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from loaders.text.entities import Mention

HEAD = 400  #: the page's head: a title stands among its first characters
YEAR = r"(?:(?:19|20)\d{2}(?:年度|年)?(?:上半年|下半年)?)?"


@lru_cache(maxsize=1)
def _tail() -> re.Pattern:
    data = yaml.safe_load((Path(__file__).with_name("report_titles.yaml")).read_text(encoding="utf-8"))
    kinds = "|".join(sorted(map(re.escape, data["kinds"]), key=len, reverse=True))
    between = "|".join(sorted(map(re.escape, data["between"]), key=len, reverse=True))
    joins = "|".join(map(re.escape, data["joins"]))
    one = rf"{YEAR}(?:{between})*(?:{kinds})"
    return re.compile(rf"{one}(?:(?:{joins}){one})*")


@lru_cache(maxsize=1)
def kinds() -> tuple[str, ...]:
    """The report kinds of report_titles.yaml (工作总结, 工作思路 …): own_title keeps a title ending so (session 16)."""
    data = yaml.safe_load((Path(__file__).with_name("report_titles.yaml")).read_text(encoding="utf-8"))
    return tuple(data["kinds"])


def report_title_mentions(text: str, mentions: list) -> list[Mention]:
    """Policies named by title lines of the page's head: a body at the line's start, then a report kind."""
    out = []
    bodies = {m.start: m for m in mentions if m.type == "Institution" and m.start < HEAD and not m.nested}
    start = 0
    for line in text[:HEAD].split("\n"):
        end = start + len(line)
        lead = len(line) - len(line.lstrip())
        body = bodies.get(start + lead)
        title = line.strip()
        if body and body.end < end and len(title) <= 60:
            rest = text[body.end:start + lead + len(title)]
            if _tail().fullmatch(rest):
                a, b = start + lead, start + lead + len(title)
                out.append(Mention(a, b, text[a:b], "Policy", 0.7, "pattern", text[a:b]))
        start = end + 1
    return out
