"""A question with a negation ("哪些园区没有…", "Which zones do not …"): declined.

Why (session 12b, blind set): "中关村科学城没有布局哪些领域？" was answered with the four fields the
zone DOES focus on: the negation was a word no form reads, and the fields form matched around it,
so the answer said the opposite of what was asked. The graph records what is (who supports what,
what lies where), not what is not; the complement of a list ("every field but these") is no
relation of the graph and would mislead. Such a question is declined, saying so, with the question
without the negation. A yes/no cue that only looks like a negation (有没有, 是不是) is not one; an
exclusion (除了, outside) is read by the parser and never reaches here.
"""

from __future__ import annotations

import re

from typing import Callable

from graph.ask import model, replies
from graph.ask.parser import Parse
from graph.ask.words import say

NEGATION = {
    "zh": re.compile(r"(?<!有)没有?(?!有)|不(?!同|断|仅|少|足|久)|未(?!来)|并非|尚无|从未"),
    "en": re.compile(r"\b(not|no|none|never|without|lacks?|lacking)\b|n't\b"),
}
#: A yes/no question asked as "A or not A" (有没有, 是不是, whether or not): no negation.
_YES_NO = {"zh": re.compile(r"有没有|是不是|是否|能不能|会不会|对不对"), "en": re.compile(r"\bor not\b")}


def decline(p: Parse, base: dict, suggestions: Callable[[], list[str]]) -> model.Answer | None:
    """A decline when the question negates what it asks about."""
    text = _YES_NO[p.language].sub(" ", p.skeleton)
    hit = NEGATION[p.language].search(text)
    if hit is None:
        return None
    sentence = say(p.language,
                   f"这个问题带否定（「{hit.group(0)}」）：图中记的是有什么（谁支持谁、什么位于哪里、聚焦什么），不记没有什么，"
                   "从清单里反推“没有”的答案不可靠。可以去掉否定再问，看图中有哪些。",
                   f"The question negates ({hit.group(0)!r}): the graph records what is (who supports what, what lies "
                   "where, what it focuses on), not what is not, and an answer subtracted from its lists would "
                   "mislead. Ask without the negation to see what the graph holds.")
    return replies.decline(p, base, sentence, suggestions())
