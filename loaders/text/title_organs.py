"""A body's board or party committee before a person's title belongs to the title (issue 18, session 13).

Why: 數碼港公司董事局主席林家禮表示… (dev2, Hong Kong): the suffix rule read 數碼港公司董事局 as a body, although
the text names the company and a person by his title (董事局主席, chairman of the board). The corpus guideline
says a body named only inside a person's title is a mention and the title is not, nor is a party committee of a
body named only as a title (市科委党委书记). So when a guessed body's name is a complete name followed by one of its
organs (董事局, 董事会, 党委 …) and a person's title follows the organ, the mention is cut to the body before
the organ. An organ named on its own (the board met: 董事会召开…) is left as it was.
"""

from __future__ import annotations

from dataclasses import replace

#: organs of a body that open a person's title, Simplified and Traditional (the view keeps the page's script)
ORGANS = ("董事局", "董事会", "理事会", "监事会", "党委", "党组", "董事會", "理事會", "監事會", "黨委", "黨組")
TITLES = ("主席", "副主席", "董事长", "副董事长", "理事长", "副理事长", "书记", "副书记", "成员", "秘书长",
          "主任", "副主任", "董事長", "副董事長", "理事長", "副理事長", "書記", "副書記", "成員", "秘書長")


def without_title_organs(finder, text: str, mentions: list) -> list:
    """`mentions` with each body + organ before a person's title cut to the body (數碼港公司|董事局主席)."""
    out = []
    for m in mentions:
        organ = next((o for o in ORGANS if m.name.endswith(o)), None) if m.type == "Institution" else None
        body_end = m.end - len(organ) if organ else m.end
        if organ and m.start >= 0 and not m.nested and text.startswith(TITLES, m.end) \
                and text[m.start:m.end].endswith(organ) and finder._complete_name(text[m.start:body_end]):
            k = len(m.name) - len(organ)
            m = replace(m, end=body_end, name=m.name[:k], surface=m.surface[:len(m.surface) - len(organ)]
                        if m.surface.endswith(organ) else m.surface)
        out.append(m)
    return out
