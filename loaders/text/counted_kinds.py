"""A thing counted is a kind, not a name: 16个|科学设施平台项目, 科教设施平台项目|5个 (session 12).

Why: reports on construction count the projects they start by kind ("16个科学设施平台项目和6个城市服务配套项目",
"其中,科教设施平台项目5个"). The suffix grammar reads the words before a known ending (…平台, …项目) as a
name, and a count is the plainest sign that they are not one: a name is named, a kind is counted. The
suffix grammar already drops a name a figure follows (…实验室88家); the count before a name, and the count
after a name that 项目 extended (project_tails.py), were not looked at. Only the count itself is read
(a number and a measure word right at the edge), never the words of the name.
"""

from __future__ import annotations

import re

MEASURE_WORDS = "个家项座所批类条处"  #: measure words of a count of things (not 年, 月: a duration; not 期: a phase)
#: not 一 alone: 一批, 一个 are articles (搭建一批|技术创新服务平台 names a kind the text then may name)
NUMERAL = r"(?:\d+|[一二两三四五六七八九十百千几多]*[二两三四五六七八九十百千几多])"
BEFORE = re.compile(NUMERAL + r"[" + MEASURE_WORDS + r"]$")
AFTER = re.compile(r"\d+[" + MEASURE_WORDS + r"]")
REACH = 6  #: characters before a name that a count may take (百余个 is 3; 1000多个 is 5)
#: what may follow a name a count before it counts: the phrase ends there (12项|区政府工作报告|重点任务 counts the tasks)
PHRASE_END = re.compile(r"$|[^\u4e00-\u9fff]|[和及与]")


def counted(text: str, start: int, end: int, after: bool = True, endings=frozenset()) -> bool:
    """Whether a count of things stands right before text[start:end] (the phrase ending with it) or, unless
    `after` is False, a figure of them right after it. Kind words of `endings` may stand between the name and
    the edge of the phrase: 16个|科学设施|平台项目|和 counts the platforms, so 科学设施 is a kind as well."""
    end = _over_endings(text, end, endings)
    before = BEFORE.search(text, max(0, start - REACH), start)
    if before and not _ordinal(text, before.start()) and PHRASE_END.match(text, end):
        return True
    return after and bool(AFTER.match(text, end))


def _over_endings(text: str, end: int, endings) -> int:
    """The end of the run of name endings (平台, 项目 …) right after `end` (at most two)."""
    for _ in range(2):
        word = next((w for w in (text[end:end + n] for n in (4, 3, 2)) if w in endings), None)
        if word is None:
            break
        end += len(word)
    return end


def _ordinal(text: str, at: int) -> bool:
    """第三个, 首个: a rank, not a count (第一个|国家实验室 names one)."""
    return text[at - 1:at] in ("第", "首")
