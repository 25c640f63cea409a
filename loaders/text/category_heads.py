"""A field that heads the phrase closing a list (A、B、C等…的 field) is the list's category, not a mention
(issue 18, session 13).

Why: 科技服务、科技金融、文化创意等处于价值链高端的现代服务业 (dev6 Zhongguancun) and 高光效、高功率…、高工作温度等特点
的新材料 (dev7 Shunyi, Traditional): the list before 等 names the things, and the field word after 等 and a 的
phrase is what they are taken together (the service industries at the top of the value chain; materials with
those properties). The corpus guideline says of a category with its list (集成电路、生物医药等领域) that the items
are entities and the category is not; lists.py reads the category when it follows 等 directly, this covers a
category with a 的 phrase between. The list items keep their own mentions.
"""

from __future__ import annotations

import re

#: …A、B等 + at most 16 characters with no break + 的, right before the field; a 、 list before 等
CLOSING = re.compile(r"、[^,,。;;:\n]{1,30}?等[^,,。;;:、\n]{0,16}的$")
REACH = 60


def without_category_heads(text: str, mentions: list) -> list:
    """`mentions` without the fields that head a 等…的 phrase closing a 、 list."""
    return [m for m in mentions if not (m.type == "Field" and not m.nested and m.start > 0
                                        and CLOSING.search(text, max(0, m.start - REACH), m.start))]
