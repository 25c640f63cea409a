"""A numbered heading that is one name: 2.实施生态环境持续改善行动 names 生态环境持续改善行动 (whole).

Why: inside a sentence, the left edge of a name stops at adverbs and verbs (持续, 保障, 提升), which is
right for prose (…持续|改善行动 is no name) but loses the named actions and programmes of a plan's
table of contents, whose headings are a number, at most one verb and one noun phrase: 实施|食品品质安全
保障行动, (三)首都蓝天行动. On such a line nothing else is there to be cut off, so the words after the
heading's verb up to the line's end are the name, when they end like a programme, a policy, a project
or an event of the suffix grammar, and are neither generic (重点工程) nor a listed non-name; a heading
joining two names by 和/及 is left to the list rules (与 joins the halves of one name: 城市建设与…行动).
"""

from __future__ import annotations

import re

from loaders.text.entities import EntityFinder, Mention

CONF = 0.6
TYPES = ("Program", "Policy", "Project", "Event")
HEADING = re.compile(r"(?m)^[ \t]*(?:\d{1,2}[.、)]|[(][一二三四五六七八九十\d]{1,3}[)]|[一二三四五六七八九十]{1,3}、)[ \t]*"
                     r"([\u4e00-\u9fff“”\"]{4,26})[ \t]*[。;]?[ \t]*$")
MAX_VERB = 4
JOINED = ("和", "及", "、")


def heading_mentions(finder: EntityFinder, text: str) -> list[Mention]:
    """The name filling each numbered heading line after its verb."""
    out = []
    for m in HEADING.finditer(text):
        start, end = m.start(1), m.end(1)
        verb = next((text[start:start + n] for n in range(MAX_VERB, 0, -1)
                     if text[start:start + n] in finder.rules.verbs), "")
        start += len(verb)
        name = text[start:end].strip("“”\"")
        suffix = finder._suffix_at_end(name)
        if suffix is None or suffix.type not in TYPES or len(name) - len(suffix.end) < 2:
            continue
        if any(w in name for w in JOINED):
            continue  # 国家科技重大专项和科技计划: two names, read by the rules for lists
        modifier = name[: -len(suffix.end)]
        if finder._generic(modifier) or finder._not_a_name(name) or name in finder.rules.not_names:
            continue
        out.append(Mention(start, end, name, suffix.type, CONF, "suffix", text[start:end], kind=suffix.kind))
    return out
