"""A count of occasions that only sums up the dates just listed is no indicator (session 14, s14-extent).

"2014年和2017年,总书记两次视察北京" does not state a quantity to track: 两次 counts the two years the
sentence opened with, as 从A、B、C三个方面 counts its items (indicators._sums_up_a_list, which reads
names in the same clause). Here the list is of dates and stands in the clause before. A count of
occasions (次, 度, 届) whose sentence opens, within a short lead-in, with exactly that many dates
joined by 、/和/及/与 is such a sum (dev9: a Metric 2次 read from 两次视察).
"""

from __future__ import annotations

import re

DATE = r"(?:19|20)\d{2}年(?:\d{1,2}月)?(?:\d{1,2}日)?"
#: a sentence opening with a run of dates: 2014年和2017年, 2019年、2021年及2023年
DATES = re.compile(rf"\s*(?:在|于|自)?({DATE}(?:\s*[、和及与]\s*{DATE})+)")
OCCASIONS = ("次", "度", "届")
LEAD_MAX = 40  #: characters from the sentence start to the count
SENTENCE_END = "。！？!?；;\n"


def counts_the_dates_before(text: str, at: int, base: str, value) -> bool:
    """Whether the count at `at` (of occasions) is the number of dates its sentence opens with."""
    if base not in OCCASIONS or not isinstance(value, int) or value < 2:
        return False
    start = max((text.rfind(c, max(0, at - LEAD_MAX), at) for c in SENTENCE_END), default=-1) + 1
    if start == 0 and at > LEAD_MAX:
        return False
    found = DATES.match(text, start, at)
    return bool(found) and len(re.findall(DATE, found.group(1))) == value
