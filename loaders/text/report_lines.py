"""A head line that is a report's whole title is that report, a Policy (session 16, s16-dev12).

Why: the guideline's own-title rule makes a page's title a Policy when it names a report, and report_titles.py reads
one shape of it (a body, a year, a kind: 某局2023年工作总结). Report titles of other shapes were no mention at all:
a topic between the body and 报告 (…2013年政府信息公开工作年度报告), a place and a plan opening it (北京市某区2023年
…计划执行情况与…计划的报告, 北京市“十四五”规划《纲要》实施情况中期评估报告) or 关于 (关于…工作情况的报告). dev12 lost
three such titles, dev9 one. A line among the page's first characters is read as one Policy when it ends with a report
word (report_lines.yaml `ends`), opens with 关于 or with a name found on it (a body, a place, a zone, a policy), holds
no sentence or headline mark, and is not a speech's subtitle or speaker line (——在…上的报告, 某人在…上的报告). The names inside keep their mentions;
a body opening the title is an entity of its own by rule (b) (own_title.mark_nested), a place opening it a prefix.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from loaders.text.entities import Mention

HEAD = 400  #: the page's head: a title stands among its first characters (as report_titles.HEAD)


@lru_cache(maxsize=1)
def _data() -> dict:
    return yaml.safe_load(Path(__file__).with_name("report_lines.yaml").read_text(encoding="utf-8"))


def _opens(title: str, at: int, mentions_at: dict[int, list[Mention]]) -> bool:
    data = _data()
    if title.startswith(tuple(data["not_openers"])):
        return False
    if title.startswith(tuple(data["openers"])):
        return True
    return any(m.type in data["opening_types"] and not m.nested for m in mentions_at.get(at, ()))


def is_report_title(title: str) -> bool:
    """A line's text that may be a report's whole title (its length, its ending, no sentence or headline mark)."""
    data = _data()
    return (data["min_chars"] <= len(title) <= data["max_chars"] and title.endswith(tuple(data["ends"]))
            and not title.endswith(tuple(data["not_ends"])) and not any(c in data["marks"] for c in title))


def report_line_mentions(text: str, mentions: list[Mention]) -> list[Mention]:
    """Policies named by whole title lines of the page's head that end with a report word."""
    at: dict[int, list[Mention]] = {}
    for m in mentions:
        if m.start < HEAD:
            at.setdefault(m.start, []).append(m)
    out, start = [], 0
    for line in text[:HEAD].split("\n"):
        end = start + len(line)
        title = line.strip()
        a = start + len(line) - len(line.lstrip())
        b = a + len(title)
        if b <= min(end, len(text)) and is_report_title(title) and _opens(title, a, at):
            if not any(m.start == a and m.end == b and m.type == "Policy" for m in at.get(a, ())):
                out.append(Mention(a, b, text[a:b], "Policy", 0.7, "pattern", text[a:b]))
        start = end + 1
    return out
