"""Names after a verb that are not what the verb acts on (issue 18, session 16).

Why: the relation rules relate a verb's subject to every name after it in the clause. Out of sample
(data/eval/relations) two readings were wrong whatever the subject:

- a name that qualifies a generic head: 建立“事业单位+企业集团”运作模式 sets up an operating model, not
  a programme called 事业单位+企业集团 (LED_BY 0.56, loaded by default); likewise …协同机制, …体系;
- a place followed right away by a noun: 推进中国式现代化西安实践 advances a practice, it supports no city
  (SUPPORTS 0.68 on Xi'an's work points);
- a government body after a verb that sets something up, its name carried on by the text:
  成立市科委政府信息公开受理处 sets up the commission's office, not the commission (the body only
  opens the name of what is set up; the office itself is no name the rules read).
"""

from __future__ import annotations

import re

#: generic heads a name can qualify: what the verb makes is the head, not the name
HEADS = ("模式", "机制", "体制", "体系", "格局", "框架", "模型", "理念", "路径")
#: words that may stand between the name and its head (…协同机制, …运作模式)
MIDDLES = re.compile(r"(?:协同|合作|联动|管理|协调|运作|工作|对接|交流|发展|服务)*")
#: verbs that set up a body or a unit
SETTING_UP = ("成立", "设立", "筹建", "组建")
_CLOSE = "”\"’』」"


def qualifies_a_head(text: str, end: int) -> bool:
    """The name ending at `end` is followed (after a closing quote) by a generic head: 「X」运作模式."""
    at = end
    while at < len(text) and text[at] in _CLOSE:
        at += 1
    return text.startswith(HEADS, MIDDLES.match(text, at).end())


#: what may follow a place that is itself the object: its building, or a verb it is the doer of (支持北京开展…)
PLACE_GOES_ON = ("建设", "发展", "创建", "打造", "高质量", "协同", "开展", "推进", "实施", "加快", "率先", "探索", "争创", "申报")


def qualifies_as_place(text: str, m) -> bool:
    """A place followed right away by a noun qualifies it (推进中国式现代化西安|实践, 支持北京|高校): the object
    is the noun, which the rules do not read, not the place."""
    if m.type not in ("Region", "District"):
        return False
    after = text[m.end:m.end + 1]
    return bool(after) and "\u4e00" <= after <= "\u9fff" and after not in "和及与等或、" \
        and not text.startswith(PLACE_GOES_ON, m.end)


def not_set_up(text: str, verb: str, m) -> bool:
    """A government body after 成立/设立/筹建/组建 whose name the text carries on (市科委|政府信息公开受理处) opens
    the name of its own unit: no object. A working group read whole (规划编制组,) is set up as named."""
    if m.type != "Institution" or m.kind != "government" or not any(v in verb for v in SETTING_UP):
        return False
    after = text[m.end:m.end + 1]
    return bool(after) and "\u4e00" <= after <= "\u9fff" and after not in "和及与等或"
